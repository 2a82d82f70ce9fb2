package io.plasmanode.p2p.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/** A JSON-RPC 2.0 client over HTTP (java.net.http). Thread-safe; close it to free its threads. */
public final class JsonRpcClient implements AutoCloseable {
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final URI endpoint;
  private final Duration requestTimeout;
  private final HttpClient http;
  private final AtomicLong nextId = new AtomicLong(1);

  public JsonRpcClient(URI endpoint) {
    this(endpoint, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
  }

  public JsonRpcClient(URI endpoint, Duration connectTimeout, Duration requestTimeout) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Objects.requireNonNull(connectTimeout, "connectTimeout"))
            .build();
  }

  /**
   * Calls {@code method} with positional {@code params} (any Jackson-serializable values).
   *
   * @return the result, {@code NullNode} for a null result
   * @throws JsonRpcException when the server answers with an error
   * @throws JsonRpcTransportException when no JSON-RPC answer arrives
   */
  public JsonNode call(String method, Object... params) {
    long id = nextId.getAndIncrement();
    HttpResponse<byte[]> response = send(requestBody(id, method, params));
    return decode(id, response);
  }

  @Override
  public void close() {
    http.close();
  }

  private byte[] requestBody(long id, String method, Object[] params) {
    ObjectNode request = JsonRpcJson.MAPPER.createObjectNode();
    request.put("jsonrpc", "2.0");
    request.put("id", id);
    request.put("method", Objects.requireNonNull(method, "method"));
    Object[] positional = params == null ? new Object[0] : params;
    request.set("params", JsonRpcJson.MAPPER.valueToTree(Arrays.asList(positional)));
    return JsonRpcJson.toBytes(request);
  }

  private HttpResponse<byte[]> send(byte[] body) {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(requestTimeout)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new JsonRpcTransportException("JSON-RPC call to " + endpoint + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JsonRpcTransportException(
          "JSON-RPC call to " + endpoint + " interrupted", new InterruptedIOException());
    }
  }

  private JsonNode decode(long id, HttpResponse<byte[]> response) {
    JsonNode body = parse(response);
    JsonNode error = body.get("error");
    if (error != null && error.isObject()) {
      throw new JsonRpcException(
          error.path("code").asInt(JsonRpcException.INTERNAL_ERROR),
          error.path("message").asText(""),
          error.get("data"));
    }
    if (response.statusCode() != 200 || !body.has("result")) {
      throw malformed("HTTP " + response.statusCode() + " without a JSON-RPC result");
    }
    if (!body.path("id").isIntegralNumber() || body.get("id").asLong() != id) {
      throw malformed("response id " + body.get("id") + " does not match request id " + id);
    }
    JsonNode result = body.get("result");
    return result == null ? NullNode.getInstance() : result;
  }

  private JsonNode parse(HttpResponse<byte[]> response) {
    try {
      JsonNode body = JsonRpcJson.MAPPER.readTree(response.body());
      if (body != null && body.isObject()) {
        return body;
      }
    } catch (IOException | NumberFormatException e) {
      // Not JSON at all, or a number beyond BigDecimal: reported below with the HTTP status.
    }
    throw malformed("HTTP " + response.statusCode() + " with a body that is not a JSON object");
  }

  private JsonRpcTransportException malformed(String problem) {
    return new JsonRpcTransportException(
        "Bad JSON-RPC response from " + endpoint + ": " + problem, new IOException(problem));
  }
}
