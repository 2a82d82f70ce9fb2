package io.plasmanode.p2p.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
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
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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

  /**
   * Calls {@code method} and reads its result into {@code resultType}, with the mapper the server
   * writes results with.
   *
   * @throws JsonRpcResultException when the result is null or does not have the type's shape
   * @throws JsonRpcException when the server answers with an error
   * @throws JsonRpcTransportException when no JSON-RPC answer arrives
   */
  public <T> T call(Class<T> resultType, String method, Object... params) {
    return callOptional(resultType, method, params)
        .orElseThrow(() -> new JsonRpcResultException(method, method + " answered null", null));
  }

  /** As {@link #call(Class, String, Object...)}, empty when the result is null. */
  public <T> Optional<T> callOptional(Class<T> resultType, String method, Object... params) {
    JsonNode result = call(method, params);
    return result.isNull()
        ? Optional.empty()
        : Optional.of(read(method, result, JsonRpcJson.MAPPER.constructType(resultType)));
  }

  /** As {@link #call(Class, String, Object...)} for a result that is an array of {@code T}. */
  public <T> List<T> callList(Class<T> elementType, String method, Object... params) {
    return read(
        method,
        call(method, params),
        JsonRpcJson.MAPPER.getTypeFactory().constructCollectionType(List.class, elementType));
  }

  /**
   * Reads a {@code method}'s {@code result} into {@code resultType} as the typed calls do.
   *
   * @throws JsonRpcResultException when it does not have the type's shape
   */
  public static <T> T read(String method, JsonNode result, Class<T> resultType) {
    return read(method, result, JsonRpcJson.MAPPER.constructType(resultType));
  }

  private static <T> T read(String method, JsonNode result, JavaType type) {
    try {
      T value = JsonRpcJson.MAPPER.treeToValue(result, type);
      if (value == null || value instanceof Collection<?> list && list.contains(null)) {
        throw new JsonRpcResultException(
            method, method + " answered " + abbreviate(result) + ", with a null", null);
      }
      return value;
    } catch (JsonProcessingException | IllegalArgumentException e) {
      String reason = e instanceof JsonProcessingException json ? json.getOriginalMessage() : "";
      throw new JsonRpcResultException(
          method,
          "%s answered %s, which is not a %s: %s"
              .formatted(method, abbreviate(result), type.getRawClass().getSimpleName(), reason),
          e);
    }
  }

  private static String abbreviate(JsonNode result) {
    String text = result.toString();
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
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
