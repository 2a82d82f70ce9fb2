package io.plasmanode.p2p.rpc;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a canned HTTP server on 127.0.0.1, for answers our server never gives. */
class JsonRpcClientIT {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final AtomicReference<Answer> answer = new AtomicReference<>();
  private final AtomicReference<JsonNode> lastRequest = new AtomicReference<>();
  private HttpServer server;
  private URI endpoint;
  private JsonRpcClient client;

  record Answer(int status, String body, Duration delay) {}

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::respond);
    server.start();
    endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    // Generous for the tests that expect an answer: a loaded 2-core CI machine is slow at first.
    client = new JsonRpcClient(endpoint, Duration.ofSeconds(10), Duration.ofSeconds(10));
  }

  @AfterEach
  void stop() {
    client.close();
    server.stop(0);
  }

  @Test
  void call_sendsAJsonRpcRequestWithPositionalParams() {
    answer("{\"jsonrpc\":\"2.0\",\"result\":\"ok\",\"id\":1}");

    assertThat(client.call("plasma_getBlock", 7, "latest").asText()).isEqualTo("ok");

    JsonNode request = lastRequest.get();
    assertThat(request.get("jsonrpc").asText()).isEqualTo("2.0");
    assertThat(request.get("method").asText()).isEqualTo("plasma_getBlock");
    assertThat(request.get("params").get(0).asInt()).isEqualTo(7);
    assertThat(request.get("params").get(1).asText()).isEqualTo("latest");
    assertThat(request.get("id").asLong()).isEqualTo(1);
  }

  @Test
  void call_returnsNullNodeForANullResult() {
    answer("{\"jsonrpc\":\"2.0\",\"result\":null,\"id\":1}");

    assertThat(client.call("plasma_status").isNull()).isTrue();
  }

  @Test
  void call_throwsJsonRpcExceptionWithCodeMessageAndData() {
    answer(
        "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32002,\"message\":\"spent\","
            + "\"data\":{\"reason\":\"utxo_spent\"}},\"id\":1}");

    assertThatThrownBy(() -> client.call("plasma_submitTransaction"))
        .asInstanceOf(type(JsonRpcException.class))
        .satisfies(
            e -> {
              assertThat(e.code()).isEqualTo(-32002);
              assertThat(e.getMessage()).isEqualTo("spent");
              assertThat(e.data().orElseThrow().get("reason").asText()).isEqualTo("utxo_spent");
            });
  }

  @Test
  void call_rejectsNonJsonAnswerAsTransportError() {
    answer.set(new Answer(502, "<html>bad gateway</html>", Duration.ZERO));

    assertThatThrownBy(() -> client.call("plasma_status"))
        .isInstanceOf(JsonRpcTransportException.class)
        .hasMessageContaining("502");
  }

  @Test
  void call_rejectsMismatchedId() {
    answer("{\"jsonrpc\":\"2.0\",\"result\":1,\"id\":99}");

    assertThatThrownBy(() -> client.call("plasma_status"))
        .isInstanceOf(JsonRpcTransportException.class)
        .hasMessageContaining("99");
  }

  /** The dispatcher's parse bug (see JsonRpcDispatcherTest) was in the client's parse too. */
  @Test
  void call_rejectsANumberBeyondBigDecimalAsTransportError() {
    answer("{\"jsonrpc\":\"2.0\",\"result\":1E-2147483649,\"id\":1}");

    assertThatThrownBy(() -> client.call("plasma_status"))
        .isInstanceOf(JsonRpcTransportException.class)
        .hasMessageContaining("not a JSON object");
  }

  @Test
  void call_rejectsAnswerWithoutResultOrError() {
    answer("{\"jsonrpc\":\"2.0\",\"id\":1}");

    assertThatThrownBy(() -> client.call("plasma_status"))
        .isInstanceOf(JsonRpcTransportException.class);
  }

  @Test
  void call_timesOut() {
    answer.set(
        new Answer(200, "{\"jsonrpc\":\"2.0\",\"result\":1,\"id\":1}", Duration.ofSeconds(3)));

    try (JsonRpcClient impatient =
        new JsonRpcClient(endpoint, Duration.ofSeconds(2), Duration.ofMillis(500))) {
      assertThatThrownBy(() -> impatient.call("plasma_status"))
          .isInstanceOf(JsonRpcTransportException.class)
          .hasRootCauseInstanceOf(java.net.http.HttpTimeoutException.class);
    }
  }

  private void answer(String body) {
    answer.set(new Answer(200, body, Duration.ZERO));
  }

  private void respond(HttpExchange exchange) throws IOException {
    try (exchange) {
      lastRequest.set(MAPPER.readTree(exchange.getRequestBody().readAllBytes()));
      Answer canned = answer.get();
      Thread.sleep(canned.delay().toMillis());
      byte[] body = canned.body().getBytes(UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(canned.status(), body.length);
      exchange.getResponseBody().write(body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
