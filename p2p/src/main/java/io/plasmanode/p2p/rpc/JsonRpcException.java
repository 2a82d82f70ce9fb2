package io.plasmanode.p2p.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * A JSON-RPC 2.0 error: thrown by a {@link JsonRpcMethod} to answer with this code, message and
 * optional data, and thrown by {@link JsonRpcClient} when the server answers with an error.
 *
 * <p>Standard codes are constants here; applications pick codes in {@code -32000..-32099}, e.g.
 * {@code new JsonRpcException(-32001, "UTXO not found", Map.of("reason", "utxo_not_found"))}.
 */
public final class JsonRpcException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public static final int PARSE_ERROR = -32700;
  public static final int INVALID_REQUEST = -32600;
  public static final int METHOD_NOT_FOUND = -32601;
  public static final int INVALID_PARAMS = -32602;
  public static final int INTERNAL_ERROR = -32603;

  /** Rate or concurrency limit exceeded (EIP-1474); used with HTTP 429 and 503. */
  public static final int LIMIT_EXCEEDED = -32005;

  public static final int MIN_APPLICATION_ERROR = -32099;
  public static final int MAX_APPLICATION_ERROR = -32000;

  private final int code;
  private final transient JsonNode data;

  public JsonRpcException(int code, String message) {
    this(code, message, (JsonNode) null);
  }

  /** {@code data} is any Jackson-serializable value (a record, a map), or null for none. */
  public JsonRpcException(int code, String message, Object data) {
    this(code, message, data == null ? null : JsonRpcJson.MAPPER.valueToTree(data));
  }

  public JsonRpcException(int code, String message, JsonNode data) {
    super(Objects.requireNonNull(message, "message"));
    this.code = code;
    this.data = data == null || data.isNull() || data.isMissingNode() ? null : data.deepCopy();
  }

  public static JsonRpcException invalidParams(String message) {
    return new JsonRpcException(INVALID_PARAMS, message);
  }

  public int code() {
    return code;
  }

  public Optional<JsonNode> data() {
    return Optional.ofNullable(data).map(JsonNode::deepCopy);
  }

  @Override
  public String toString() {
    return "JsonRpcException{code=" + code + ", message=" + getMessage() + ", data=" + data + "}";
  }
}
