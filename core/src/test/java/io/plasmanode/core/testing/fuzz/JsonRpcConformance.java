package io.plasmanode.core.testing.fuzz;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Checks that bytes a server sent are a well-formed JSON-RPC 2.0 response: one response object, or
 * a non-empty array of them; each with {@code "jsonrpc": "2.0"}, an {@code id} (string, number or
 * null) and exactly one of {@code result} and {@code error}; an error with an integer {@code code}
 * that is a standard one (-32700, -32600..-32603) or in the server range -32099..-32000, and a
 * string {@code message}. Throws {@link AssertionError} saying what is wrong.
 */
public final class JsonRpcConformance {
  public static final int PARSE_ERROR = -32700;
  public static final int INVALID_REQUEST = -32600;
  public static final int METHOD_NOT_FOUND = -32601;
  public static final int INVALID_PARAMS = -32602;
  public static final int INTERNAL_ERROR = -32603;

  private static final Set<Integer> STANDARD_CODES =
      Set.of(PARSE_ERROR, INVALID_REQUEST, METHOD_NOT_FOUND, INVALID_PARAMS, INTERNAL_ERROR);
  private static final Set<String> MEMBERS = Set.of("jsonrpc", "id", "result", "error");
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  private JsonRpcConformance() {}

  /** The parsed response (an object or an array of objects), once checked. */
  public static JsonNode check(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("the response is not JSON: " + e.getMessage(), e);
    }
    if (root == null || root.isMissingNode()) {
      throw new AssertionError("an empty response body");
    }
    if (root.isArray()) {
      if (root.isEmpty()) {
        throw new AssertionError("an empty batch response");
      }
      root.forEach(JsonRpcConformance::checkOne);
    } else {
      checkOne(root);
    }
    return root;
  }

  /** One response object. */
  public static void checkOne(JsonNode response) {
    require(response.isObject(), "a response is not an object: %s", response);
    Iterator<String> names = response.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      require(MEMBERS.contains(name), "unexpected member %s in %s", name, response);
    }
    JsonNode version = response.get("jsonrpc");
    require(version != null && "2.0".equals(version.textValue()), "jsonrpc is not \"2.0\"");
    JsonNode id = response.get("id");
    require(
        id != null && (id.isTextual() || id.isNumber() || id.isNull()),
        "the id is missing or not a string, number or null: %s",
        response);
    require(
        response.has("result") != response.has("error"),
        "not exactly one of result and error: %s",
        response);
    if (response.has("error")) {
      checkError(response.get("error"));
    }
  }

  /** The error code of a single error response, or empty for a result or a batch. */
  public static OptionalInt errorCode(JsonNode root) {
    if (root.isObject() && root.has("error")) {
      return OptionalInt.of(root.get("error").get("code").intValue());
    }
    return OptionalInt.empty();
  }

  public static boolean isStandardCode(int code) {
    return STANDARD_CODES.contains(code) || (code >= -32099 && code <= -32000);
  }

  private static void checkError(JsonNode error) {
    require(error.isObject(), "error is not an object: %s", error);
    JsonNode code = error.get("code");
    require(code != null && code.isInt(), "error code is not an integer: %s", error);
    require(isStandardCode(code.intValue()), "error code %s is not a JSON-RPC code", code);
    JsonNode message = error.get("message");
    require(message != null && message.isTextual(), "error message is not a string: %s", error);
    Iterator<String> names = error.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      require(Set.of("code", "message", "data").contains(name), "unexpected error member %s", name);
    }
  }

  private static void require(boolean condition, String template, Object... args) {
    if (!condition) {
      throw new AssertionError(String.format(template, args));
    }
  }
}
