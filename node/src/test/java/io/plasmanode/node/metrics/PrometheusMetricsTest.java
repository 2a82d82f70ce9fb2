package io.plasmanode.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PrometheusMetricsTest {
  private final PrometheusMetrics metrics = PrometheusMetrics.create();

  private MetricsText scrape() {
    return MetricsText.parse(metrics.scrape());
  }

  @Test
  void counter_isScrapedWithTotalSuffixAndHelp() {
    Metrics.Counter counter = metrics.counter("plasma_test_things", "Things counted");
    counter.inc();
    counter.inc(4);

    assertThat(scrape().value("plasma_test_things_total")).hasValue(5);
    assertThat(metrics.scrape())
        .contains("# HELP plasma_test_things_total Things counted")
        .contains("# TYPE plasma_test_things_total counter");
  }

  @Test
  void labelledCounter_countsPerLabelValue_andShowsCreatedLabelsAtZero() {
    Metrics.LabelledCounter rejected =
        metrics.labelledCounter("plasma_test_rejected", "R", "reason");
    rejected.labels("utxo_not_found");
    rejected.labels("bad_signature").inc(2);

    assertThat(scrape().byLabel("plasma_test_rejected_total", "reason"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("utxo_not_found", 0.0, "bad_signature", 2.0));
  }

  @Test
  void timer_recordsSecondsInItsBuckets() {
    Metrics.Timer timer = metrics.timer("plasma_test_seconds", "T", 0.001, 0.01, 1);
    timer.observeNanos(TimeUnit.MILLISECONDS.toNanos(5));
    timer.observeNanos(TimeUnit.MILLISECONDS.toNanos(500));

    MetricsText text = scrape();
    assertThat(text.value("plasma_test_seconds_count")).hasValue(2);
    assertThat(text.value("plasma_test_seconds_sum").getAsDouble()).isCloseTo(0.505, within());
    assertThat(text.value("plasma_test_seconds_bucket", Map.of("le", "0.001"))).hasValue(0);
    assertThat(text.value("plasma_test_seconds_bucket", Map.of("le", "0.01"))).hasValue(1);
    assertThat(text.value("plasma_test_seconds_bucket", Map.of("le", "1.0"))).hasValue(2);
    assertThat(text.value("plasma_test_seconds_bucket", Map.of("le", "+Inf"))).hasValue(2);
  }

  @Test
  void histogram_recordsPlainValues() {
    Metrics.Histogram histogram = metrics.histogram("plasma_test_txs", "H", 1, 10, 100);
    histogram.observe(7);

    assertThat(scrape().value("plasma_test_txs_bucket", Map.of("le", "10.0"))).hasValue(1);
    assertThat(scrape().value("plasma_test_txs_bucket", Map.of("le", "1.0"))).hasValue(0);
  }

  @Test
  void gauges_areReadAtEachScrape() {
    AtomicInteger height = new AtomicInteger(1000);
    metrics.gauge("plasma_test_height", "Height", height::get);
    metrics.labelledGauge(
        "plasma_test_events", "E", "kind", () -> Map.of("invalid_block", height.get() / 1000));

    assertThat(scrape().value("plasma_test_height")).hasValue(1000);
    height.set(3000);
    assertThat(scrape().value("plasma_test_height")).hasValue(3000);
    assertThat(scrape().value("plasma_test_events", Map.of("kind", "invalid_block"))).hasValue(3);
  }

  @Test
  void registeringANameTwice_fails() {
    metrics.counter("plasma_test_twice", "once");

    assertThatThrownBy(() -> metrics.counter("plasma_test_twice", "twice"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void invalidName_isRefused() {
    assertThatThrownBy(() -> metrics.counter("plasma test", "spaces"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> metrics.gauge("plasma.dots", "dots", () -> 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> metrics.labelledCounter("plasma_ok", "label", "bad-label"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void twoRegistries_keepTheirValuesApart() {
    PrometheusMetrics other = PrometheusMetrics.create();
    metrics.counter("plasma_test_shared", "S").inc(3);
    other.counter("plasma_test_shared", "S").inc(1);

    assertThat(scrape().value("plasma_test_shared_total")).hasValue(3);
    assertThat(MetricsText.parse(other.scrape()).value("plasma_test_shared_total")).hasValue(1);
  }

  @Test
  void withJvmMetrics_addsTheJvmsOwn() {
    assertThat(MetricsText.parse(PrometheusMetrics.withJvmMetrics().scrape()).samples())
        .anySatisfy(sample -> assertThat(sample.name()).startsWith("jvm_memory"));
  }

  @Test
  void none_recordsNothingAndNeverReadsAGauge() {
    Metrics none = Metrics.NONE;
    none.counter("plasma_test_none", "N").inc();
    none.counter("plasma_test_none", "N again: no registry to refuse it").inc(2);
    none.labelledCounter("plasma_test_none_labelled", "N", "reason").labels("x").inc();
    none.timer("plasma_test_none_seconds", "N", 1).observeSince(System.nanoTime());
    none.histogram("plasma_test_none_h", "N", 1).observe(3);
    none.gauge(
        "plasma_test_none_gauge",
        "N",
        () -> {
          throw new AssertionError("read");
        });
    none.labelledGauge(
        "plasma_test_none_labelled_gauge",
        "N",
        "kind",
        () -> {
          throw new AssertionError("read");
        });
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }
}
