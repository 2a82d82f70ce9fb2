package io.plasmanode.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsServerIT {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final PrometheusMetrics metrics = PrometheusMetrics.create();
  private final MetricsServer server =
      MetricsServer.start(metrics, new MetricsConfig(MetricsConfig.DEFAULT_HOST, 0));

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + server.port() + path);
    return http.send(
        HttpRequest.newBuilder(uri)
            .method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(5))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void get_servesTheRegistryInTheTextFormat() throws Exception {
    metrics.counter("plasma_test_served", "Served").inc(3);

    HttpResponse<String> answer = send("GET", "/metrics");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
    assertThat(MetricsText.parse(answer.body()).value("plasma_test_served_total")).hasValue(3);
    assertThat(server.url())
        .isEqualTo(URI.create("http://127.0.0.1:" + server.port() + "/metrics"));
  }

  @Test
  void otherMethods_areRefusedWith405() throws Exception {
    for (String method : new String[] {"POST", "PUT", "DELETE", "OPTIONS", "HEAD"}) {
      HttpResponse<String> answer = send(method, "/metrics");
      assertThat(answer.statusCode()).as(method).isEqualTo(405);
      assertThat(answer.headers().firstValue("Allow")).hasValue("GET");
      assertThat(answer.body()).isEmpty();
    }
  }

  @Test
  void otherPaths_areNotFound() throws Exception {
    assertThat(send("GET", "/").statusCode()).isEqualTo(404);
    assertThat(send("GET", "/metrics/extra").statusCode()).isEqualTo(404);
    assertThat(send("GET", "/-/healthy").statusCode()).isEqualTo(404);
  }

  @Test
  void aTakenPort_failsWithTheAddress() {
    MetricsConfig taken = new MetricsConfig(MetricsConfig.DEFAULT_HOST, server.port());

    assertThatThrownBy(() -> MetricsServer.start(metrics, taken))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("127.0.0.1:" + server.port())
        .hasCauseInstanceOf(IOException.class);
  }

  @Test
  void endpoint_withoutConfig_servesNothingAndRecordsNothing() {
    try (MetricsEndpoint endpoint = MetricsEndpoint.of(Optional.empty())) {
      endpoint.start();
      assertThat(endpoint.metrics()).isSameAs(Metrics.NONE);
      assertThat(endpoint.url()).isEmpty();
    }
  }

  @Test
  void endpoint_withConfig_servesItsRegistryWithTheJvmMetrics() throws Exception {
    try (MetricsEndpoint endpoint =
        MetricsEndpoint.of(Optional.of(new MetricsConfig(MetricsConfig.DEFAULT_HOST, 0)))) {
      endpoint.metrics().counter("plasma_test_endpoint", "E").inc();
      endpoint.start();

      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(endpoint.url().orElseThrow()).build(),
              HttpResponse.BodyHandlers.ofString());
      MetricsText text = MetricsText.parse(answer.body());
      assertThat(text.value("plasma_test_endpoint_total")).hasValue(1);
      assertThat(text.samples()).anySatisfy(s -> assertThat(s.name()).startsWith("jvm_"));
    }
  }
}
