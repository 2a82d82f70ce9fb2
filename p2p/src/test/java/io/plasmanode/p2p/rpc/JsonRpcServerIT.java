package io.plasmanode.p2p.rpc;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JsonRpcServerIT {
  private static final String LOOPBACK = "127.0.0.1";
  private static final int MAX_BODY = 4096;
  private static final Duration IDLE = Duration.ofMillis(500);

  record Status(long blknum, String mode) {}

  private final JsonRpcMethods methods =
      JsonRpcMethods.builder()
          .add("plasma_status", params -> new Status(42, "operator"))
          .add("sum", params -> params.get(0).asLong() + params.get(1).asLong())
          .add(
              "plasma_submitTransaction",
              params -> {
                throw new JsonRpcException(
                    -32001, "UTXO not found", Map.of("reason", "utxo_not_found"));
              })
          .build();
  private final List<AutoCloseable> resources = new ArrayList<>();
  private JsonRpcServer server;
  private JsonRpcClient client;
  private int port;

  @BeforeEach
  void startServer() {
    port = start(config());
    client = client(port);
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable resource : resources.reversed()) {
      resource.close();
    }
  }

  @Test
  void call_returnsResults() {
    assertThat(client.call("sum", 2, 40).asLong()).isEqualTo(42);
    JsonNode status = client.call("plasma_status");
    assertThat(status.get("blknum").asLong()).isEqualTo(42);
    assertThat(status.get("mode").asText()).isEqualTo("operator");
  }

  @Test
  void call_decodesApplicationErrorWithData() {
    assertThatThrownBy(() -> client.call("plasma_submitTransaction", "0xdead"))
        .asInstanceOf(type(JsonRpcException.class))
        .satisfies(
            e -> {
              assertThat(e.code()).isEqualTo(-32001);
              assertThat(e.getMessage()).isEqualTo("UTXO not found");
              assertThat(e.data().orElseThrow().get("reason").asText()).isEqualTo("utxo_not_found");
            });
  }

  @Test
  void call_unknownMethodIsMethodNotFound() {
    assertThatThrownBy(() -> client.call("plasma_nope"))
        .asInstanceOf(type(JsonRpcException.class))
        .extracting(JsonRpcException::code)
        .isEqualTo(JsonRpcException.METHOD_NOT_FOUND);
  }

  @Test
  void oversizedBody_gets413AndTheServerKeepsServing() throws IOException {
    String body = "[" + "1,".repeat(MAX_BODY) + "1]";

    assertThat(exchange(post(body))).startsWith("HTTP/1.1 413");
    assertThat(client.call("sum", 1, 1).asLong()).isEqualTo(2);
  }

  @Test
  void oversizedCall_decodesAsInvalidRequestInTheClient() {
    assertThatThrownBy(() -> client.call("sum", "x".repeat(MAX_BODY + MAX_BODY / 2), 1))
        .asInstanceOf(type(JsonRpcException.class))
        .satisfies(
            e -> {
              assertThat(e.code()).isEqualTo(JsonRpcException.INVALID_REQUEST);
              assertThat(e.getMessage()).contains(String.valueOf(MAX_BODY));
            });
    assertThat(client.call("sum", 1, 1).asLong()).isEqualTo(2);
  }

  @Test
  void garbage_gets400AndTheServerKeepsServing() throws IOException {
    assertThat(exchange("\u0000\u0001garbage\r\n\r\n")).startsWith("HTTP/1.1 400");
    assertThat(client.call("sum", 1, 2).asLong()).isEqualTo(3);
  }

  @Test
  void halfSentRequest_doesNotBlockOthersAndIsClosedWhenIdle() throws IOException {
    try (Socket socket = connect()) {
      socket.getOutputStream().write("POST / HTTP/1.1\r\nContent-Le".getBytes(US_ASCII));
      socket.getOutputStream().flush();

      assertThat(client.call("sum", 2, 2).asLong()).isEqualTo(4);
      socket.setSoTimeout((int) IDLE.multipliedBy(10).toMillis());
      assertThat(socket.getInputStream().read()).as("closed by the idle timeout").isEqualTo(-1);
    }
    // A fresh client: the idle timeout (short here) also closed the first client's pooled
    // connection.
    assertThat(client(port).call("sum", 3, 3).asLong()).isEqualTo(6);
  }

  @Test
  void rateLimit_answers429WhenExceeded() throws Exception {
    int limitedPort = start(config().withRequestsPerSecond(1));
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    resources.add(http);
    HttpRequest request =
        HttpRequest.newBuilder(endpoint(limitedPort))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"jsonrpc\":\"2.0\",\"method\":\"sum\",\"params\":[1,1],\"id\":1}"))
            .build();

    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      statuses.add(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    assertThat(statuses).contains(200, 429);
    assertThatThrownBy(() -> client(limitedPort).call("sum", 1, 1))
        .asInstanceOf(type(JsonRpcException.class))
        .extracting(JsonRpcException::code)
        .isEqualTo(JsonRpcException.LIMIT_EXCEEDED);
  }

  @Test
  void concurrentCalls_allSucceed() throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(8);
    try {
      List<Future<Long>> results = new ArrayList<>();
      for (long i = 0; i < 200; i++) {
        long n = i;
        results.add(callers.submit(() -> client.call("sum", n, 1).asLong()));
      }
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).get()).isEqualTo(i + 1L);
      }
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void closedServer_givesTransportErrors() {
    server.close();

    assertThatThrownBy(() -> client.call("sum", 1, 1))
        .isInstanceOf(JsonRpcTransportException.class);
  }

  @Test
  void start_bindsLoopbackAndRefusesASecondStart() {
    assertThatThrownBy(() -> server.start(config())).isInstanceOf(IllegalStateException.class);
  }

  private JsonRpcServerConfig config() {
    return new JsonRpcServerConfig(
        LOOPBACK, 0, MAX_BODY, 10, IDLE, 64, 10_000, 4, HttpServerLimits.defaults());
  }

  private int start(JsonRpcServerConfig config) {
    JsonRpcServer started = new JsonRpcServer(methods);
    resources.add(started);
    if (server == null) {
      server = started;
    }
    return started.start(config);
  }

  private JsonRpcClient client(int serverPort) {
    JsonRpcClient created =
        new JsonRpcClient(endpoint(serverPort), Duration.ofSeconds(2), Duration.ofSeconds(10));
    resources.add(created);
    return created;
  }

  private static URI endpoint(int serverPort) {
    return URI.create("http://" + LOOPBACK + ":" + serverPort + "/");
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(LOOPBACK, port), 2_000);
    return socket;
  }

  /** Sends raw bytes on a fresh connection and returns everything read until the server closes. */
  private String exchange(String raw) throws IOException {
    try (Socket socket = connect()) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(raw.getBytes(US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), US_ASCII);
    }
  }

  private static String post(String body) {
    return "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        + "Content-Length: "
        + body.length()
        + "\r\n\r\n"
        + body;
  }
}
