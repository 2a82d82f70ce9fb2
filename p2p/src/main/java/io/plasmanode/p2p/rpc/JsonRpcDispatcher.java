package io.plasmanode.p2p.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a JSON-RPC 2.0 request body (single request or batch) into the response body, calling the
 * registered methods. Free of any transport: the HTTP server hands it bytes on an executor thread.
 */
public final class JsonRpcDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(JsonRpcDispatcher.class);

  private final JsonRpcMethods methods;
  private final int maxBatchSize;

  public JsonRpcDispatcher(JsonRpcMethods methods, int maxBatchSize) {
    if (maxBatchSize < 1) {
      throw new IllegalArgumentException("maxBatchSize must be positive: " + maxBatchSize);
    }
    this.methods = Objects.requireNonNull(methods, "methods");
    this.maxBatchSize = maxBatchSize;
  }

  /**
   * Returns the response body, or empty when nothing is to be sent back (only notifications). Never
   * throws for bad input: every problem becomes a JSON-RPC error response.
   */
  public Optional<byte[]> dispatch(byte[] body) {
    JsonNode root;
    try {
      root = JsonRpcJson.MAPPER.readTree(body);
    } catch (IOException | NumberFormatException e) {
      // Jackson reports a number beyond BigDecimal (exponent past 2^31) as NumberFormatException.
      return Optional.of(errorWithoutId(JsonRpcException.PARSE_ERROR, "Parse error"));
    }
    if (root == null || root.isMissingNode()) {
      return Optional.of(errorWithoutId(JsonRpcException.PARSE_ERROR, "Parse error: empty body"));
    }
    if (root.isArray()) {
      return dispatchBatch((ArrayNode) root);
    }
    return handle(root).map(JsonRpcJson::toBytes);
  }

  private Optional<byte[]> dispatchBatch(ArrayNode batch) {
    if (batch.isEmpty()) {
      return Optional.of(errorWithoutId(JsonRpcException.INVALID_REQUEST, "Empty batch"));
    }
    if (batch.size() > maxBatchSize) {
      String message = "Batch of " + batch.size() + " exceeds the limit of " + maxBatchSize;
      return Optional.of(errorWithoutId(JsonRpcException.INVALID_REQUEST, message));
    }
    ArrayNode responses = JsonRpcJson.MAPPER.createArrayNode();
    batch.forEach(request -> handle(request).ifPresent(responses::add));
    return responses.isEmpty() ? Optional.empty() : Optional.of(JsonRpcJson.toBytes(responses));
  }

  private Optional<JsonNode> handle(JsonNode node) {
    JsonRpcRequest request;
    try {
      request = JsonRpcRequest.from(node);
    } catch (JsonRpcException e) {
      return Optional.of(JsonRpcResponses.error(JsonRpcRequest.idOf(node), e));
    }
    JsonNode response = invoke(request);
    return request.isNotification() ? Optional.empty() : Optional.of(response);
  }

  private JsonNode invoke(JsonRpcRequest request) {
    JsonNode id = request.id().orElse(NullNode.getInstance());
    try {
      JsonRpcMethod method =
          methods.find(request.method()).orElseThrow(() -> methodNotFound(request.method()));
      Object result = method.invoke(request.params());
      return JsonRpcResponses.result(id, JsonRpcJson.MAPPER.valueToTree(result));
    } catch (JsonRpcException e) {
      LOG.debug("JSON-RPC {} answered error {}: {}", request.method(), e.code(), e.getMessage());
      return JsonRpcResponses.error(id, e);
    } catch (RuntimeException e) {
      LOG.error("JSON-RPC method {} failed", request.method(), e);
      return JsonRpcResponses.error(
          id, new JsonRpcException(JsonRpcException.INTERNAL_ERROR, "Internal error"));
    }
  }

  private static JsonRpcException methodNotFound(String method) {
    return new JsonRpcException(JsonRpcException.METHOD_NOT_FOUND, "Method not found: " + method);
  }

  private static byte[] errorWithoutId(int code, String message) {
    return JsonRpcResponses.errorBytes(code, message);
  }
}
