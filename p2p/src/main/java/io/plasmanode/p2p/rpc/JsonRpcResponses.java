package io.plasmanode.p2p.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/** Builds JSON-RPC 2.0 response objects and their bytes. */
final class JsonRpcResponses {
  private JsonRpcResponses() {}

  static ObjectNode result(JsonNode id, JsonNode result) {
    ObjectNode response = envelope();
    response.set("result", result);
    response.set("id", id);
    return response;
  }

  static ObjectNode error(JsonNode id, JsonRpcException error) {
    ObjectNode body = JsonRpcJson.MAPPER.createObjectNode();
    body.put("code", error.code());
    body.put("message", error.getMessage());
    error.data().ifPresent(data -> body.set("data", data));
    ObjectNode response = envelope();
    response.set("error", body);
    response.set("id", id);
    return response;
  }

  /** A complete error response with a null id, for errors outside any request (HTTP limits). */
  static byte[] errorBytes(int code, String message) {
    return toBytes(error(NullNode.getInstance(), new JsonRpcException(code, message)));
  }

  static byte[] toBytes(JsonNode response) {
    try {
      return JsonRpcJson.MAPPER.writeValueAsBytes(response);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot serialize a JSON tree", e);
    }
  }

  private static ObjectNode envelope() {
    ObjectNode response = JsonRpcJson.MAPPER.createObjectNode();
    response.put("jsonrpc", "2.0");
    return response;
  }
}
