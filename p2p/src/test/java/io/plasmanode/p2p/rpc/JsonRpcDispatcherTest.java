package io.plasmanode.p2p.rpc;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JsonRpcDispatcherTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final JsonRpcMethods methods =
      JsonRpcMethods.builder()
          .add("echo", params -> params)
          .add("add", params -> params.get(0).asLong() + params.get(1).asLong())
          .add("nothing", params -> null)
          .add(
              "needsTwo",
              params -> {
                if (params.size() != 2) {
                  throw JsonRpcException.invalidParams("expected 2 params, got " + params.size());
                }
                return "ok";
              })
          .add(
              "spend",
              params -> {
                throw new JsonRpcException(-32001, "UTXO not found", Map.of("reason", "utxo"));
              })
          .add(
              "broken",
              params -> {
                throw new IllegalStateException("secret internal detail");
              })
          .add("unserializable", params -> new Object())
          .build();
  private final JsonRpcDispatcher dispatcher = new JsonRpcDispatcher(methods, 5);

  @Test
  void dispatch_returnsResultWithEchoedNumberId() {
    JsonNode response = call("{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[2,3],\"id\":7}");

    assertThat(response.get("jsonrpc").asText()).isEqualTo("2.0");
    assertThat(response.get("result").asLong()).isEqualTo(5);
    assertThat(response.get("id").isIntegralNumber()).isTrue();
    assertThat(response.get("id").asInt()).isEqualTo(7);
    assertThat(response.has("error")).isFalse();
  }

  @Test
  void dispatch_echoesStringAndNullAndFractionalIds() {
    assertThat(call(request("\"abc\"", "nothing")).get("id").asText()).isEqualTo("abc");
    assertThat(call(request("null", "nothing")).get("id").isNull()).isTrue();
    assertThat(call(request("1.5", "nothing")).get("id").decimalValue())
        .isEqualByComparingTo("1.5");
  }

  @Test
  void dispatch_nullResultIsSerializedAsNull() {
    JsonNode response = call(request("1", "nothing"));

    assertThat(response.has("result")).isTrue();
    assertThat(response.get("result").isNull()).isTrue();
  }

  @Test
  void dispatch_passesObjectParamsAndDefaultsMissingParamsToEmptyArray() {
    JsonNode byName =
        call("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":{\"a\":1},\"id\":1}");
    JsonNode none = call(request("1", "echo"));

    assertThat(byName.get("result").get("a").asInt()).isEqualTo(1);
    assertThat(none.get("result").isArray()).isTrue();
    assertThat(none.get("result")).isEmpty();
  }

  @Test
  void dispatch_rejectsMalformedJsonWithParseError() {
    assertError(call("{\"jsonrpc\":\"2.0\",\"method\""), JsonRpcException.PARSE_ERROR);
    assertError(call(""), JsonRpcException.PARSE_ERROR);
    assertError(call("{\"jsonrpc\":\"2.0\",\"method\":\"a\",\"id\":1} trailing"), -32700);
    assertThat(call("not json").get("id").isNull()).isTrue();
  }

  /**
   * Found by JsonRpcFuzzTest: a number whose exponent does not fit a BigDecimal made Jackson throw
   * NumberFormatException, so dispatch threw and the server answered an internal error.
   */
  @Test
  void dispatch_numbersBeyondBigDecimal_areParseErrors() {
    for (String number : new String[] {"1E-2147483649", "1E+2147483649", "5e99999999999"}) {
      assertError(call(request(number, "nothing")), JsonRpcException.PARSE_ERROR);
      assertError(call(request("1", "echo", "[" + number + "]")), JsonRpcException.PARSE_ERROR);
      assertError(call("[" + request(number, "nothing") + "]"), JsonRpcException.PARSE_ERROR);
    }
  }

  @Test
  void dispatch_echoesAnIdAtTheEdgeOfBigDecimalExactly() {
    byte[] response = dispatch(request("1e2147483648", "nothing")).orElseThrow();

    assertThat(new String(response, UTF_8)).contains("\"id\":1E+2147483648}");
  }

  @Test
  void dispatch_rejectsNonObjectRequests() {
    assertError(call("42"), JsonRpcException.INVALID_REQUEST);
    assertError(call("\"text\""), JsonRpcException.INVALID_REQUEST);
    assertError(call("null"), JsonRpcException.INVALID_REQUEST);
  }

  @Test
  void dispatch_rejectsWrongOrMissingVersionAndEchoesId() {
    JsonNode missing = call("{\"method\":\"nothing\",\"id\":4}");
    JsonNode wrong = call("{\"jsonrpc\":\"1.0\",\"method\":\"nothing\",\"id\":5}");
    JsonNode number = call("{\"jsonrpc\":2.0,\"method\":\"nothing\",\"id\":6}");

    assertError(missing, JsonRpcException.INVALID_REQUEST);
    assertThat(missing.get("id").asInt()).isEqualTo(4);
    assertError(wrong, JsonRpcException.INVALID_REQUEST);
    assertError(number, JsonRpcException.INVALID_REQUEST);
  }

  @Test
  void dispatch_rejectsMissingOrNonStringMethod() {
    assertError(call("{\"jsonrpc\":\"2.0\",\"id\":1}"), JsonRpcException.INVALID_REQUEST);
    assertError(call("{\"jsonrpc\":\"2.0\",\"method\":3,\"id\":1}"), -32600);
  }

  @Test
  void dispatch_rejectsInvalidIdTypesWithNullId() {
    JsonNode objectId = call("{\"jsonrpc\":\"2.0\",\"method\":\"nothing\",\"id\":{\"a\":1}}");
    JsonNode booleanId = call("{\"jsonrpc\":\"2.0\",\"method\":\"nothing\",\"id\":true}");

    assertError(objectId, JsonRpcException.INVALID_REQUEST);
    assertThat(objectId.get("id").isNull()).isTrue();
    assertError(booleanId, JsonRpcException.INVALID_REQUEST);
  }

  @Test
  void dispatch_rejectsScalarParams() {
    assertError(
        call("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":\"x\",\"id\":1}"), -32600);
    assertError(call("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":null,\"id\":1}"), -32600);
  }

  @Test
  void dispatch_unknownMethodIsMethodNotFound() {
    JsonNode response = call(request("9", "plasma_nope"));

    assertError(response, JsonRpcException.METHOD_NOT_FOUND);
    assertThat(response.get("error").get("message").asText()).contains("plasma_nope");
    assertThat(response.get("id").asInt()).isEqualTo(9);
  }

  @Test
  void dispatch_invalidParamsRaisedByMethodPassThrough() {
    JsonNode response = call(request("1", "needsTwo"));

    assertError(response, JsonRpcException.INVALID_PARAMS);
    assertThat(response.get("error").get("message").asText()).isEqualTo("expected 2 params, got 0");
  }

  @Test
  void dispatch_applicationErrorKeepsCodeMessageAndData() {
    JsonNode error = call(request("1", "spend")).get("error");

    assertThat(error.get("code").asInt()).isEqualTo(-32001);
    assertThat(error.get("message").asText()).isEqualTo("UTXO not found");
    assertThat(error.get("data").get("reason").asText()).isEqualTo("utxo");
  }

  @Test
  void dispatch_unexpectedExceptionBecomesGenericInternalError() {
    JsonNode response = call(request("1", "broken"));

    assertError(response, JsonRpcException.INTERNAL_ERROR);
    assertThat(response.get("error").get("message").asText()).isEqualTo("Internal error");
    assertThat(response.toString()).doesNotContain("secret").doesNotContain("IllegalState");
    assertThat(response.get("error").has("data")).isFalse();
  }

  @Test
  void dispatch_unserializableResultBecomesInternalError() {
    assertError(call(request("1", "unserializable")), JsonRpcException.INTERNAL_ERROR);
  }

  @Test
  void dispatch_notificationHasNoResponse() {
    assertThat(dispatch("{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,2]}")).isEmpty();
    assertThat(dispatch("{\"jsonrpc\":\"2.0\",\"method\":\"unknown\"}")).isEmpty();
    assertThat(dispatch("{\"jsonrpc\":\"2.0\",\"method\":\"broken\"}")).isEmpty();
  }

  @Test
  void dispatch_invalidRequestWithoutIdStillGetsAnError() {
    assertError(call("{\"method\":\"nothing\"}"), JsonRpcException.INVALID_REQUEST);
  }

  @Test
  void dispatch_batchReturnsOneEntryPerNonNotificationInOrder() {
    JsonNode responses =
        call(
            "["
                + request("1", "add", "[1,1]")
                + ",{\"jsonrpc\":\"2.0\",\"method\":\"nothing\"},"
                + request("\"b\"", "missing")
                + ",{\"foo\":\"boo\"}]");

    assertThat(responses.isArray()).isTrue();
    assertThat(responses).hasSize(3);
    assertThat(responses.get(0).get("result").asInt()).isEqualTo(2);
    assertError(responses.get(1), JsonRpcException.METHOD_NOT_FOUND);
    assertThat(responses.get(1).get("id").asText()).isEqualTo("b");
    assertError(responses.get(2), JsonRpcException.INVALID_REQUEST);
  }

  @Test
  void dispatch_batchOfScalarsGivesAnInvalidRequestEach() {
    JsonNode responses = call("[1,2]");

    assertThat(responses).hasSize(2);
    responses.forEach(response -> assertError(response, JsonRpcException.INVALID_REQUEST));
  }

  @Test
  void dispatch_batchOfNotificationsHasNoResponse() {
    String notification = "{\"jsonrpc\":\"2.0\",\"method\":\"nothing\"}";

    assertThat(dispatch("[" + notification + "," + notification + "]")).isEmpty();
  }

  @Test
  void dispatch_emptyBatchIsOneInvalidRequest() {
    JsonNode response = call("[]");

    assertThat(response.isObject()).isTrue();
    assertError(response, JsonRpcException.INVALID_REQUEST);
    assertThat(response.get("id").isNull()).isTrue();
  }

  @Test
  void dispatch_oversizedBatchIsOneInvalidRequestNamingTheLimit() {
    String one = request("1", "nothing");
    JsonNode response = call("[" + String.join(",", one, one, one, one, one, one) + "]");

    assertThat(response.isObject()).isTrue();
    assertError(response, JsonRpcException.INVALID_REQUEST);
    assertThat(response.get("error").get("message").asText()).contains("6").contains("5");
  }

  @Test
  void constructor_rejectsNonPositiveBatchLimit() {
    assertThatThrownBy(() -> new JsonRpcDispatcher(methods, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void batch_pastTheAnswerLimit_theRestIsAnsweredLimitExceededWithoutRunning() {
    AtomicInteger runs = new AtomicInteger();
    JsonRpcMethods big =
        JsonRpcMethods.builder()
            .add(
                "big",
                params -> {
                  runs.incrementAndGet();
                  return "x".repeat(400);
                })
            .build();
    JsonRpcDispatcher limited = new JsonRpcDispatcher(big, 10, 1_000);
    String body =
        "["
            + String.join(
                ",",
                request("1", "big"),
                request("2", "big"),
                request("3", "big"),
                request("4", "big"),
                "{\"jsonrpc\":\"2.0\",\"method\":\"big\"}",
                request("5", "big"))
            + "]";

    JsonNode answers = parse(limited.dispatch(body.getBytes(StandardCharsets.UTF_8)).orElseThrow());

    assertThat(runs).as("three answers of ~430 bytes reach 1,000").hasValue(3);
    assertThat(answers).hasSize(5); // the notification gets no answer
    for (int i = 0; i < 3; i++) {
      assertThat(answers.get(i).get("result").asText()).hasSize(400);
    }
    for (int i = 3; i < 5; i++) {
      assertThat(answers.get(i).get("id").asInt()).isEqualTo(i + 1);
      assertThat(answers.get(i).get("error").get("code").asInt())
          .isEqualTo(JsonRpcException.LIMIT_EXCEEDED);
      assertThat(answers.get(i).get("error").get("message").asText())
          .contains("Not executed")
          .contains("1000-byte limit");
    }
  }

  private static JsonNode parse(byte[] bytes) {
    try {
      return MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String request(String id, String method) {
    return "{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"id\":" + id + "}";
  }

  private static String request(String id, String method, String params) {
    return "{\"jsonrpc\":\"2.0\",\"method\":\""
        + method
        + "\",\"params\":"
        + params
        + ",\"id\":"
        + id
        + "}";
  }

  private Optional<byte[]> dispatch(String body) {
    return dispatcher.dispatch(body.getBytes(UTF_8));
  }

  private JsonNode call(String body) {
    byte[] response = dispatch(body).orElseThrow();
    try {
      return MAPPER.readTree(response);
    } catch (java.io.IOException e) {
      throw new AssertionError("response is not JSON: " + new String(response, UTF_8), e);
    }
  }

  private static void assertError(JsonNode response, int code) {
    assertThat(response.has("result")).as("no result in %s", response).isFalse();
    assertThat(response.get("error").get("code").asInt()).as("%s", response).isEqualTo(code);
    assertThat(response.get("jsonrpc").asText()).isEqualTo("2.0");
  }
}
