package io.plasmanode.node.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.plasmanode.core.validation.Rejection;
import io.plasmanode.node.metrics.MetricsText;
import io.plasmanode.node.metrics.OperatorMetrics;
import io.plasmanode.node.metrics.PrometheusMetrics;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OperatorMetricsFiguresTest {
  private final PrometheusMetrics registry = PrometheusMetrics.create();
  private final OperatorMetrics metrics = OperatorMetrics.register(registry);

  private MetricsText scrape() {
    return MetricsText.parse(registry.scrape());
  }

  @Test
  void between_isWhatHappenedBetweenTheScrapes() {
    metrics.accepted().inc(100);
    metrics.rejected().labels(Rejection.UTXO_NOT_FOUND.code()).inc(3);
    metrics.blockBuildTime().observeNanos(TimeUnit.SECONDS.toNanos(9));
    MetricsText before = scrape();

    metrics.accepted().inc(40);
    metrics.rejected().labels(Rejection.OPERATOR_BUSY.code()).inc(2);
    for (int i = 0; i < 99; i++) {
      metrics.blockBuildTime().observeNanos(TimeUnit.MILLISECONDS.toNanos(2));
    }
    metrics.blockBuildTime().observeNanos(TimeUnit.MILLISECONDS.toNanos(200));
    metrics.blocksCommitted().inc(3);
    metrics.commitGasUsed().inc(135_000);

    OperatorMetricsFigures figures = OperatorMetricsFigures.between(before, scrape());
    assertThat(figures.accepted()).isEqualTo(40);
    assertThat(figures.rejections()).containsExactly(Map.entry("operator_busy", 2L));
    assertThat(figures.blockBuildMs().count()).isEqualTo(100);
    assertThat(figures.blockBuildMs().mean())
        .as("the 9 s before the phase is not in it")
        .isCloseTo((99 * 2 + 200) / 100.0, within(1e-6));
    assertThat(figures.blockBuildMs().p99()).as("in the 1..2.5 ms bucket").isBetween(1.0, 2.5);
    assertThat(figures.journalFsyncMs().count()).isZero();
    assertThat(figures.blocksCommitted()).isEqualTo(3);
    assertThat(figures.l1CommitGas()).isEqualTo(135_000);
  }

  @Test
  void quantile_interpolatesInItsBucket_asHistogramQuantile() {
    Map<Double, Double> buckets = new TreeMap<>();
    buckets.put(1.0, 50.0);
    buckets.put(2.0, 100.0);
    buckets.put(Double.POSITIVE_INFINITY, 100.0);

    assertThat(OperatorMetricsFigures.quantile(buckets, 100, 0.5)).isEqualTo(1.0);
    assertThat(OperatorMetricsFigures.quantile(buckets, 100, 0.75)).isEqualTo(1.5);
    assertThat(OperatorMetricsFigures.quantile(buckets, 100, 0.25)).isEqualTo(0.5);

    buckets.put(Double.POSITIVE_INFINITY, 200.0);
    assertThat(OperatorMetricsFigures.quantile(buckets, 200, 0.99))
        .as("beyond the last bound: the last bound")
        .isEqualTo(2.0);
  }
}
