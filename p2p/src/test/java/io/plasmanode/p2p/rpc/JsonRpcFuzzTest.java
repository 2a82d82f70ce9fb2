package io.plasmanode.p2p.rpc;

import static java.nio.charset.StandardCharsets.US_ASCII;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.plasmanode.core.testing.fuzz.ByteMutator;
import io.plasmanode.core.testing.fuzz.FuzzCampaign;
import io.plasmanode.core.testing.fuzz.FuzzOutcome;
import io.plasmanode.core.testing.fuzz.JsonMutator;
import io.plasmanode.core.testing.fuzz.JsonRpcConformance;
import io.plasmanode.p2p.limit.TokenBucket;
import io.plasmanode.p2p.testing.ErrorLogCapture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the JSON-RPC server pipeline (HTTP codec, body limit, pipelining, rate limit, handler,
 * dispatcher) through an {@link EmbeddedChannel}: valid requests to strict methods, their JSON
 * mutations (deep nesting, huge numbers, wrong types, batches, invalid UTF-8...), hostile bodies,
 * and mutated HTTP, written in random pieces. Properties: every HTTP response is a well-formed
 * JSON-RPC response (or a 204 for notifications) with a standard code; a response to a request with
 * an id carries that id; every well-formed HTTP request is answered; nothing reaches the server's
 * last-resort error handling (an ERROR log) or the end of the pipeline; and no connection stays
 * open past the idle timeout.
 */
class JsonRpcFuzzTest {
  private static final int SHORT_TRIES = 10_000;
  private static final int MAX_BODY = 64 * 1024;
  private static final Duration IDLE = Duration.ofSeconds(5);
  private static final Set<Integer> STATUSES =
      Set.of(200, 204, 400, 404, 405, 408, 413, 414, 415, 429, 431, 503);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String[] CONTENT_TYPES = {
    "application/json", "application/json; charset=utf-8", "APPLICATION/JSON", "text/plain", ""
  };

  private final AtomicLong nanoTime = new AtomicLong();
  private final JsonRpcServerConfig config =
      new JsonRpcServerConfig(
          "127.0.0.1", 0, MAX_BODY, 100, IDLE, 64, 1000, 1, HttpServerLimits.defaults());
  private final JsonRpcServerInitializer initializer =
      new JsonRpcServerInitializer(
          config,
          new JsonRpcDispatcher(TestMethods.strict(), config.maxBatchSize()),
          Runnable::run,
          new TokenBucket(config.requestsPerSecond(), nanoTime::get));

  /**
   * One input: the bytes a client sends, in pieces; how many responses a well-formed request stream
   * must get (-1 when the HTTP itself is mutated); and the JSON body when it is one request.
   */
  record Input(List<byte[]> pieces, int expectedResponses, byte[] body) {}

  @Test
  void everyRequestGetsAWellFormedJsonRpcAnswerAndNoConnectionHangs() {
    try (ErrorLogCapture errors = ErrorLogCapture.attach()) {
      FuzzCampaign campaign = FuzzCampaign.of("jsonrpc-http", SHORT_TRIES);
      campaign.run(this::input, input -> execute(input, errors), JsonRpcFuzzTest::describe);
    }
  }

  Input input(Random random) {
    JsonNode request = TestMethods.request(random);
    byte[] body =
        switch (random.nextInt(10)) {
          case 0 -> JsonMutator.bytes(request);
          case 1 -> JsonMutator.hostileText(random);
          default -> JsonMutator.mutate(request, TestMethods.request(random), random);
        };
    int roll = random.nextInt(100);
    byte[] http;
    int expected;
    if (roll < 80) {
      http = post(body, random);
      expected = 1;
    } else if (roll < 88) {
      byte[] second = JsonMutator.bytes(TestMethods.request(random));
      http = concat(post(body, random), post(second, random));
      expected = isClosing(http) || body.length > MAX_BODY ? -1 : 2;
    } else {
      byte[] donor = post(JsonMutator.bytes(TestMethods.request(random)), random);
      http = ByteMutator.mutate(post(body, random), donor, random);
      expected = -1;
    }
    return new Input(pieces(http, random), expected, body);
  }

  private FuzzOutcome execute(Input input, ErrorLogCapture errors) {
    nanoTime.addAndGet(TimeUnit.MILLISECONDS.toNanos(10));
    EmbeddedChannel channel = new EmbeddedChannel(initializer);
    EmbeddedChannel client =
        new EmbeddedChannel(new HttpResponseDecoder(), new HttpObjectAggregator(Integer.MAX_VALUE));
    List<FullHttpResponse> responses = new ArrayList<>();
    try {
      for (byte[] piece : input.pieces()) {
        if (channel.isOpen()) {
          channel.writeInbound(Unpooled.wrappedBuffer(piece));
          channel.runPendingTasks();
        }
      }
      drain(channel, client, responses);
      errors.rethrowErrors();
      channel.checkException();
      if (input.expectedResponses() >= 0 && responses.size() != input.expectedResponses()) {
        throw new AssertionError(
            responses.size() + " responses to " + input.expectedResponses() + " requests");
      }
      String outcome = "no response";
      for (FullHttpResponse response : responses) {
        outcome = check(response, input);
      }
      checkClosesWhenIdle(channel);
      return outcome.equals("result") ? FuzzOutcome.accepted() : FuzzOutcome.rejected(outcome);
    } finally {
      responses.forEach(FullHttpResponse::release);
      channel.finishAndReleaseAll();
      client.finishAndReleaseAll();
    }
  }

  /** Checks one response; returns "result" or the HTTP status and JSON-RPC code of the error. */
  private static String check(FullHttpResponse response, Input input) {
    int status = response.status().code();
    if (!STATUSES.contains(status)) {
      throw new AssertionError("HTTP status " + status);
    }
    byte[] body = ByteBufUtil.getBytes(response.content());
    if (status == 204) {
      if (body.length != 0) {
        throw new AssertionError("a 204 with a body");
      }
      return "204 notifications only";
    }
    JsonNode root = JsonRpcConformance.check(body);
    int code = JsonRpcConformance.errorCode(root).orElse(0);
    if (code == JsonRpcConformance.INTERNAL_ERROR) {
      throw new AssertionError("internal error: a method or the dispatcher failed on bad input");
    }
    if (status != 200 && (code == 0 || !root.get("id").isNull())) {
      throw new AssertionError("HTTP " + status + " without a JSON-RPC error and a null id");
    }
    if (status == 200 && input.expectedResponses() == 1) {
      TestMethods.expectedId(input.body())
          .filter(id -> !sameId(id, root.path("id")) && code != JsonRpcConformance.PARSE_ERROR)
          .ifPresent(
              id -> {
                throw new AssertionError("answered id " + root.path("id") + " to id " + id);
              });
    }
    if (root.isArray()) {
      return "batch";
    }
    return code == 0 ? "result" : status + " " + code;
  }

  /** Equal ids; numbers by value ({@code 0.0} may come back as {@code 0}). */
  private static boolean sameId(JsonNode sent, JsonNode answered) {
    if (sent.isNumber() && answered.isNumber()) {
      return isFinite(sent)
          && isFinite(answered)
          && sent.decimalValue().compareTo(answered.decimalValue()) == 0;
    }
    return sent.equals(answered);
  }

  private static boolean isFinite(JsonNode number) {
    return !number.isFloatingPointNumber()
        || number.isBigDecimal()
        || Double.isFinite(number.doubleValue());
  }

  /** A connection at rest must be closed by the idle timeout, whatever it was sent. */
  private static void checkClosesWhenIdle(EmbeddedChannel channel) {
    if (!channel.isOpen()) {
      return;
    }
    channel.advanceTimeBy(IDLE.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    channel.runPendingTasks();
    if (channel.isOpen()) {
      throw new AssertionError("the connection is still open after the idle timeout");
    }
  }

  private static void drain(
      EmbeddedChannel channel, EmbeddedChannel client, List<FullHttpResponse> responses) {
    channel.runPendingTasks();
    for (ByteBuf out; (out = channel.readOutbound()) != null; ) {
      client.writeInbound(out);
    }
    for (FullHttpResponse response; (response = client.readInbound()) != null; ) {
      responses.add(response);
    }
  }

  /** A POST of {@code body}: Content-Length or chunked, keep-alive or not, various types. */
  private static byte[] post(byte[] body, Random random) {
    String version = random.nextInt(10) == 0 ? "HTTP/1.0" : "HTTP/1.1";
    String contentType =
        random.nextInt(5) == 0
            ? CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)]
            : CONTENT_TYPES[0];
    StringBuilder head = new StringBuilder("POST / ").append(version).append("\r\nHost: x\r\n");
    if (!contentType.isEmpty()) {
      head.append("Content-Type: ").append(contentType).append("\r\n");
    }
    if (random.nextInt(10) == 0) {
      head.append("Connection: close\r\n");
    } else if (version.equals("HTTP/1.0")) {
      head.append("Connection: keep-alive\r\n");
    }
    boolean chunked = version.equals("HTTP/1.1") && random.nextInt(5) == 0;
    if (chunked) {
      head.append("Transfer-Encoding: chunked\r\n\r\n");
      return concat(head.toString().getBytes(US_ASCII), chunks(body, random));
    }
    head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
    return concat(head.toString().getBytes(US_ASCII), body);
  }

  private static boolean isClosing(byte[] http) {
    String text = new String(http, StandardCharsets.ISO_8859_1);
    int second = text.indexOf("POST / ", 1);
    String first = second < 0 ? text : text.substring(0, second);
    return first.contains("Connection: close")
        || (first.startsWith("POST / HTTP/1.0") && !first.contains("keep-alive"));
  }

  private static byte[] chunks(byte[] body, Random random) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int position = 0;
    while (position < body.length) {
      int size = 1 + random.nextInt(Math.min(body.length - position, 4096));
      out.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(US_ASCII));
      out.write(body, position, size);
      out.writeBytes("\r\n".getBytes(US_ASCII));
      position += size;
    }
    out.writeBytes("0\r\n\r\n".getBytes(US_ASCII));
    return out.toByteArray();
  }

  /** {@code http} split at random points into one to four pieces. */
  private static List<byte[]> pieces(byte[] http, Random random) {
    int count = 1 + random.nextInt(4);
    List<byte[]> pieces = new ArrayList<>();
    int start = 0;
    for (int i = 1; i < count && start < http.length; i++) {
      int end = start + random.nextInt(http.length - start + 1);
      pieces.add(Arrays.copyOfRange(http, start, end));
      start = end;
    }
    pieces.add(Arrays.copyOfRange(http, start, http.length));
    return pieces;
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] out = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, out, first.length, second.length);
    return out;
  }

  private static String describe(Input input) {
    StringBuilder text = new StringBuilder();
    for (byte[] piece : input.pieces()) {
      text.append(HexFormat.of().formatHex(piece)).append(" | ");
    }
    return text.toString();
  }

  /** Methods that read their params strictly, as real methods must, and a request generator. */
  static final class TestMethods {
    private static final String[] NAMES = {"sum", "echoText", "status", "fail", "nothing"};

    private TestMethods() {}

    static JsonRpcMethods strict() {
      return JsonRpcMethods.builder()
          .add("sum", TestMethods::sum)
          .add("echoText", params -> textParam(params, 0))
          .add("status", params -> NODES.objectNode().put("height", 1000).put("ok", true))
          .add(
              "fail",
              params -> {
                throw new JsonRpcException(-32001, "always fails", Map.of("reason", "x"));
              })
          .add("nothing", params -> null)
          .build();
    }

    private static long sum(JsonNode params) {
      try {
        return Math.addExact(longParam(params, 0), longParam(params, 1));
      } catch (ArithmeticException e) {
        throw JsonRpcException.invalidParams("the sum does not fit in 64 bits");
      }
    }

    private static long longParam(JsonNode params, int index) {
      JsonNode node = params.path(index);
      if (!node.isIntegralNumber() || !node.canConvertToLong()) {
        throw JsonRpcException.invalidParams("param " + index + " must be a 64-bit integer");
      }
      return node.longValue();
    }

    private static String textParam(JsonNode params, int index) {
      JsonNode node = params.path(index);
      if (!node.isTextual() || node.textValue().length() > 100) {
        throw JsonRpcException.invalidParams("param " + index + " must be a short string");
      }
      return node.textValue();
    }

    /** A valid request (or notification, or small batch) to one of the methods. */
    static JsonNode request(Random random) {
      if (random.nextInt(10) == 0) {
        ArrayNode batch = NODES.arrayNode();
        int size = 1 + random.nextInt(4);
        for (int i = 0; i < size; i++) {
          batch.add(single(random));
        }
        return batch;
      }
      return single(random);
    }

    private static ObjectNode single(Random random) {
      String method = NAMES[random.nextInt(NAMES.length)];
      ObjectNode request = NODES.objectNode().put("jsonrpc", "2.0").put("method", method);
      ArrayNode params = NODES.arrayNode();
      switch (method) {
        case "sum" -> params.add(random.nextInt()).add(random.nextInt());
        case "echoText" -> params.add("text " + random.nextInt(1000));
        default -> {}
      }
      if (random.nextInt(4) != 0) {
        request.set("params", params);
      }
      switch (random.nextInt(6)) {
        case 0 -> {} // a notification
        case 1 -> request.put("id", "id-" + random.nextInt(100));
        case 2 -> request.putNull("id");
        default -> request.put("id", random.nextInt(1_000_000));
      }
      return request;
    }

    /** The id a response to {@code body} must echo: a string or number id of a single request. */
    static Optional<JsonNode> expectedId(byte[] body) {
      JsonNode root;
      try {
        root = JsonRpcJson.MAPPER.readTree(body);
      } catch (IOException | RuntimeException e) {
        return Optional.empty();
      }
      if (root == null || !root.isObject()) {
        return Optional.empty();
      }
      JsonNode id = root.get("id");
      return id != null && (id.isTextual() || id.isNumber()) ? Optional.of(id) : Optional.empty();
    }
  }
}
