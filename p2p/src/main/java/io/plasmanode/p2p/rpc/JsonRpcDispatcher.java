package io.plasmanode.p2p.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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

  /**
   * The answers of one batch, serialized, beyond which its remaining requests are not executed: a
   * batch of 100 full-block reads would otherwise build a multi-gigabyte answer.
   */
  public static final int DEFAULT_MAX_BATCH_ANSWER_BYTES = 64 << 20;

  private final JsonRpcMethods methods;
  private final int maxBatchSize;
  private final int maxBatchAnswerBytes;

  public JsonRpcDispatcher(JsonRpcMethods methods, int maxBatchSize) {
    this(methods, maxBatchSize, DEFAULT_MAX_BATCH_ANSWER_BYTES);
  }

  /**
   * @param maxBatchAnswerBytes once a batch's answers so far reach this size, its remaining
   *     requests are answered {@link JsonRpcException#LIMIT_EXCEEDED} without being executed
   */
  public JsonRpcDispatcher(JsonRpcMethods methods, int maxBatchSize, int maxBatchAnswerBytes) {
    if (maxBatchSize < 1) {
      throw new IllegalArgumentException("maxBatchSize must be positive: " + maxBatchSize);
    }
    if (maxBatchAnswerBytes < 1) {
      throw new IllegalArgumentException(
          "maxBatchAnswerBytes must be positive: " + maxBatchAnswerBytes);
    }
    this.methods = Objects.requireNonNull(methods, "methods");
    this.maxBatchSize = maxBatchSize;
    this.maxBatchAnswerBytes = maxBatchAnswerBytes;
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
    return handle(root, true).map(JsonRpcJson::toBytes);
  }

  private Optional<byte[]> dispatchBatch(ArrayNode batch) {
    if (batch.isEmpty()) {
      return Optional.of(errorWithoutId(JsonRpcException.INVALID_REQUEST, "Empty batch"));
    }
    if (batch.size() > maxBatchSize) {
      String message = "Batch of " + batch.size() + " exceeds the limit of " + maxBatchSize;
      return Optional.of(errorWithoutId(JsonRpcException.INVALID_REQUEST, message));
    }
    // Each answer is serialized as soon as it is made, so the batch never holds its trees at once.
    List<byte[]> answers = new ArrayList<>();
    long answerBytes = 0;
    for (JsonNode request : batch) {
      Optional<JsonNode> answer = handle(request, answerBytes < maxBatchAnswerBytes);
      if (answer.isPresent()) {
        byte[] bytes = JsonRpcJson.toBytes(answer.get());
        answers.add(bytes);
        answerBytes += bytes.length;
      }
    }
    return answers.isEmpty() ? Optional.empty() : Optional.of(jsonArray(answers, answerBytes));
  }

  /** The answer to a batch request past the answer limit, which is not executed. */
  private JsonNode notExecuted(JsonRpcRequest request) {
    return JsonRpcResponses.error(
        request.id().orElse(NullNode.getInstance()),
        new JsonRpcException(
            JsonRpcException.LIMIT_EXCEEDED,
            "Not executed: the batch's earlier answers reached the "
                + maxBatchAnswerBytes
                + "-byte limit; send fewer requests at once"));
  }

  private static byte[] jsonArray(List<byte[]> elements, long elementBytes) {
    ByteArrayOutputStream out =
        new ByteArrayOutputStream(
            (int) Math.min(Integer.MAX_VALUE - 8, elementBytes + elements.size() + 1));
    out.write('[');
    for (int i = 0; i < elements.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.writeBytes(elements.get(i));
    }
    out.write(']');
    return out.toByteArray();
  }

  /** The answer to one request (none for a notification); runs it only if {@code execute}. */
  private Optional<JsonNode> handle(JsonNode node, boolean execute) {
    JsonRpcRequest request;
    try {
      request = JsonRpcRequest.from(node);
    } catch (JsonRpcException e) {
      return Optional.of(JsonRpcResponses.error(JsonRpcRequest.idOf(node), e));
    }
    JsonNode response = execute ? invoke(request) : notExecuted(request);
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
