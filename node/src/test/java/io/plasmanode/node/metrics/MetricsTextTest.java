package io.plasmanode.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTextTest {
  @Test
  void parse_readsSamplesLabelsAndSpecialValues_skippingComments() {
    MetricsText text =
        MetricsText.parse(
            """
            # HELP plasma_a_total A
            # TYPE plasma_a_total counter
            plasma_a_total 3.0

            plasma_b{kind="invalid_block",le="+Inf"} 2
            plasma_c_bucket{le="+Inf"} +Inf
            plasma_d -Inf 1700000000000
            """);

    assertThat(text.value("plasma_a_total")).hasValue(3);
    assertThat(text.value("plasma_b", Map.of("kind", "invalid_block", "le", "+Inf"))).hasValue(2);
    assertThat(text.value("plasma_b")).as("labels must match exactly").isEmpty();
    assertThat(text.value("plasma_c_bucket", Map.of("le", "+Inf")))
        .hasValue(Double.POSITIVE_INFINITY);
    assertThat(text.value("plasma_d")).hasValue(Double.NEGATIVE_INFINITY);
    assertThat(text.samples()).hasSize(4);
  }

  @Test
  void parse_unescapesLabelValues() {
    MetricsText text = MetricsText.parse("m{a=\"x\\\"y,z\\\\\",b=\"line\\nnext\"} 1\n");

    assertThat(text.value("m", Map.of("a", "x\"y,z\\", "b", "line\nnext"))).hasValue(1);
  }

  @Test
  void byLabel_mapsOneLabelsValues() {
    MetricsText text = MetricsText.parse("r{reason=\"a\"} 1\nr{reason=\"b\"} 2\nother 3\n");

    assertThat(text.byLabel("r", "reason"))
        .containsExactly(Map.entry("a", 1.0), Map.entry("b", 2.0));
  }

  @Test
  void parse_refusesWhatIsNotASample() {
    assertThatThrownBy(() -> MetricsText.parse("justaname\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("justaname");
    assertThatThrownBy(() -> MetricsText.parse("m{a=\"1\" 2\n"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MetricsText.parse("m{a} 2\n"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MetricsText.parse("m one\n"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parse_readsWhatPrometheusMetricsWrites() {
    PrometheusMetrics metrics = PrometheusMetrics.create();
    metrics.labelledCounter("plasma_x", "X with \"quotes\"", "kind").labels("a\"b").inc(7);

    assertThat(MetricsText.parse(metrics.scrape()).value("plasma_x_total", Map.of("kind", "a\"b")))
        .hasValue(7);
  }
}
