package io.plasmanode.p2p.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Objects;
import java.util.Optional;

/**
 * A well-formed JSON-RPC 2.0 request. {@code id} is empty for a notification; {@code params} is an
 * array or object ({@code []} when the request has none).
 */
record JsonRpcRequest(Optional<JsonNode> id, String method, JsonNode params) {
  private static final String VERSION = "2.0";

  JsonRpcRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(params, "params");
  }

  boolean isNotification() {
    return id.isEmpty();
  }

  /** Validates one request object; throws an invalid-request error naming the broken member. */
  static JsonRpcRequest from(JsonNode node) {
    if (!node.isObject()) {
      throw invalid("request is not an object");
    }
    JsonNode id = node.get("id");
    if (id != null && !isValidId(id)) {
      throw invalid("id must be a string, number or null");
    }
    JsonNode version = node.get("jsonrpc");
    if (version == null || !version.isTextual() || !VERSION.equals(version.asText())) {
      throw invalid("jsonrpc must be \"2.0\"");
    }
    JsonNode method = node.get("method");
    if (method == null || !method.isTextual()) {
      throw invalid("method must be a string");
    }
    return new JsonRpcRequest(Optional.ofNullable(id), method.asText(), params(node));
  }

  /** The id to echo in an error for {@code node}: its id when valid, otherwise null. */
  static JsonNode idOf(JsonNode node) {
    JsonNode id = node.isObject() ? node.get("id") : null;
    return id != null && isValidId(id) ? id : NullNode.getInstance();
  }

  private static JsonNode params(JsonNode node) {
    JsonNode params = node.get("params");
    if (params == null) {
      return JsonRpcJson.MAPPER.createArrayNode();
    }
    if (!params.isArray() && !params.isObject()) {
      throw invalid("params must be an array or an object");
    }
    return params;
  }

  private static boolean isValidId(JsonNode id) {
    return id.isTextual() || id.isNumber() || id.isNull();
  }

  private static JsonRpcException invalid(String reason) {
    return new JsonRpcException(JsonRpcException.INVALID_REQUEST, "Invalid request: " + reason);
  }
}
