package io.plasmanode.node.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plasmanode.core.types.Hex;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One HTTP connection to the operator that posts {@code plasma_submitTransactions} requests, as any
 * JSON-RPC client does. Request bodies are built up front ({@link #body}) so the measured phase
 * only sends bytes and reads answers. Not thread-safe: one per worker.
 */
final class SubmitConnection implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final URI endpoint;
  private final HttpClient http;

  SubmitConnection(URI endpoint) {
    this.endpoint = endpoint;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /** What the operator said about one transaction of a batch. */
  record Outcome(boolean accepted, long blknum, int txIndex, int code, String reason) {
    static Outcome rejected(int code, String reason) {
      return new Outcome(false, 0, 0, code, reason);
    }

    /** Rejections the operator asks to retry (-32013), and rate or concurrency limits (-32005). */
    boolean retryable() {
      return !accepted && (code == -32013 || code == -32005);
    }
  }

  /** The JSON-RPC request submitting {@code signedTxs} in one {@code plasma_submitTransactions}. */
  static byte[] body(List<byte[]> signedTxs) {
    StringBuilder body = new StringBuilder(64 + signedTxs.size() * 700);
    body.append(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"plasma_submitTransactions\",\"params\":[[");
    for (int i = 0; i < signedTxs.size(); i++) {
      body.append(i == 0 ? "\"" : ",\"").append(Hex.encode(signedTxs.get(i))).append('"');
    }
    return body.append("]]}").toString().getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Posts {@code body} (a batch of {@code count} transactions); a failure of the whole request
   * (HTTP 429/503, a JSON-RPC error) becomes the same outcome for every transaction.
   */
  List<Outcome> submit(byte[] body, int count) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    JsonNode answer;
    try {
      answer = JSON.readTree(response.body());
    } catch (IOException e) {
      return Collections.nCopies(count, Outcome.rejected(0, "http_" + response.statusCode()));
    }
    JsonNode result = answer == null ? null : answer.get("result");
    if (result == null || !result.isArray() || result.size() != count) {
      JsonNode error = answer == null ? null : answer.path("error");
      int code = error == null ? 0 : error.path("code").asInt(0);
      return Collections.nCopies(count, Outcome.rejected(code, requestFailure(response, code)));
    }
    List<Outcome> outcomes = new ArrayList<>(count);
    for (JsonNode entry : result) {
      outcomes.add(outcome(entry));
    }
    return outcomes;
  }

  private static String requestFailure(HttpResponse<byte[]> response, int code) {
    return switch (response.statusCode()) {
      case 429 -> "rate_limited";
      case 503 -> "server_busy";
      default -> "request_failed_http_" + response.statusCode() + "_code_" + code;
    };
  }

  private static Outcome outcome(JsonNode entry) {
    JsonNode error = entry.get("error");
    if (error == null) {
      return new Outcome(true, entry.path("blknum").asLong(), entry.path("txIndex").asInt(), 0, "");
    }
    String reason = error.path("data").path("reason").asText("");
    return Outcome.rejected(
        error.path("code").asInt(0), reason.isEmpty() ? "code_" + error.path("code") : reason);
  }

  @Override
  public void close() {
    http.close();
  }

  URI endpoint() {
    return endpoint;
  }
}
