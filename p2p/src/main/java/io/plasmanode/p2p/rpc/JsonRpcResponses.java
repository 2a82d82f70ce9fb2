package io.plasmanode.p2p.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
    return JsonRpcJson.toBytes(error(NullNode.getInstance(), new JsonRpcException(code, message)));
  }

  private static ObjectNode envelope() {
    ObjectNode response = JsonRpcJson.MAPPER.createObjectNode();
    response.put("jsonrpc", "2.0");
    return response;
  }
}
