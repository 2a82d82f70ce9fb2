package io.plasmanode.p2p.rpc;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
import io.plasmanode.p2p.limit.TokenBucket;
import io.plasmanode.p2p.testing.ErrorLogCapture;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JsonRpcHandlerTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MAX_BODY = 256;
  private static final HttpServerLimits LIMITS =
      HttpServerLimits.defaults()
          .withRequestTimeout(Duration.ofSeconds(1))
          .withMaxHeaderSizes(128, 512)
          .withMaxPendingRequestBytes(MAX_BODY * 4);
  private static final String CALL =
      "{\"jsonrpc\":\"2.0\",\"method\":\"sum\",\"params\":[2,5],\"id\":1}";

  private final AtomicLong nanoTime = new AtomicLong();
  private final EmbeddedChannel channel = channel(100);
  private final EmbeddedChannel responses =
      new EmbeddedChannel(new HttpResponseDecoder(), new HttpObjectAggregator(1 << 20));

  /** Responses handed to the test, released after it (they hold pooled buffers). */
  private final List<FullHttpResponse> read = new ArrayList<>();

  @AfterEach
  void closeChannels() {
    read.forEach(ReferenceCountUtil::safeRelease);
    channel.finishAndReleaseAll();
    responses.finishAndReleaseAll();
  }

  @Test
  void post_answersWithTheJsonRpcResult() {
    send(post(CALL));

    FullHttpResponse response = nextResponse();
    assertThat(response.status()).isEqualTo(HttpResponseStatus.OK);
    assertThat(response.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/json");
    assertThat(json(response).get("result").asInt()).isEqualTo(7);
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void get_answers405WithAllowHeaderAndJsonBody() {
    send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");

    FullHttpResponse response = nextResponse();
    assertThat(response.status()).isEqualTo(HttpResponseStatus.METHOD_NOT_ALLOWED);
    assertThat(response.headers().get(HttpHeaderNames.ALLOW)).isEqualTo("POST");
    assertErrorBody(response, JsonRpcException.INVALID_REQUEST);
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void otherPath_answers404() {
    send(post("/admin", "application/json", CALL));

    FullHttpResponse response = nextResponse();
    assertThat(response.status()).isEqualTo(HttpResponseStatus.NOT_FOUND);
    assertErrorBody(response, JsonRpcException.INVALID_REQUEST);
  }

  @Test
  void nonJsonContentType_answers415() {
    send(post("/", "text/plain", CALL));

    assertThat(nextResponse().status()).isEqualTo(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE);
  }

  @Test
  void jsonContentTypeWithCharset_isAccepted() {
    send(post("/", "application/json; charset=utf-8", CALL));

    assertThat(nextResponse().status()).isEqualTo(HttpResponseStatus.OK);
  }

  @Test
  void notificationOnly_answers204WithoutBody() {
    send(post("{\"jsonrpc\":\"2.0\",\"method\":\"sum\",\"params\":[1,1]}"));

    FullHttpResponse response = nextResponse();
    assertThat(response.status()).isEqualTo(HttpResponseStatus.NO_CONTENT);
    assertThat(response.content().readableBytes()).isZero();
  }

  @Test
  void oversizedDeclaredBody_answers413AndClosesOnceTheBodyIsDrained() {
    String body = "x".repeat(MAX_BODY + 1);
    String head = headers("/", "application/json", body.length());

    send(head);
    FullHttpResponse response = nextResponse();
    assertThat(response.status()).isEqualTo(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE);
    assertThat(response.headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("close");
    assertErrorBody(response, JsonRpcException.INVALID_REQUEST);
    assertThat(channel.isOpen()).isTrue();

    send(body);
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void oversizedChunkedBody_answers413AndCloses() {
    String chunk = "x".repeat(MAX_BODY);
    send(
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n"
            + Integer.toHexString(chunk.length())
            + "\r\n"
            + chunk
            + "\r\n"
            + "1\r\nx\r\n0\r\n\r\n");

    assertThat(nextResponse().status()).isEqualTo(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE);
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void requestSplitAcrossReads_isAggregated() {
    String request = post(CALL);
    int headerSplit = 10;
    int bodySplit = request.length() - 20;

    send(request.substring(0, headerSplit));
    send(request.substring(headerSplit, bodySplit));
    assertThat(channel.outboundMessages()).isEmpty();
    send(request.substring(bodySplit));

    assertThat(json(nextResponse()).get("result").asInt()).isEqualTo(7);
  }

  @Test
  void chunkedBody_isAggregated() {
    String first = CALL.substring(0, 20);
    String second = CALL.substring(20);
    send(
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n");
    send(Integer.toHexString(first.length()) + "\r\n" + first + "\r\n");
    send(Integer.toHexString(second.length()) + "\r\n" + second + "\r\n0\r\n\r\n");

    assertThat(json(nextResponse()).get("result").asInt()).isEqualTo(7);
  }

  @Test
  void garbage_answers400AndCloses() {
    send("\u0001\u0002 not http at all\r\n\r\n");

    assertThat(nextResponse().status()).isEqualTo(HttpResponseStatus.BAD_REQUEST);
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void disconnectMidRequest_isDroppedQuietly() {
    send(post(CALL).substring(0, 60));

    channel.close();

    channel.checkException();
    assertThat(channel.outboundMessages()).isEmpty();
  }

  /** Found by JsonRpcFuzzTest: Netty reports this as a PrematureChannelClosureException. */
  @Test
  void disconnectMidBody_isDroppedWithoutAnErrorLog() {
    try (ErrorLogCapture errors = ErrorLogCapture.attach()) {
      String request = post(CALL);
      send(request.substring(0, request.length() - 5));

      channel.close();

      errors.rethrowErrors();
      channel.checkException();
      assertThat(channel.outboundMessages()).isEmpty();
    }
  }

  @Test
  void keepAlive_servesSeveralRequestsOnOneConnection() {
    send(post(CALL));
    assertThat(nextResponse().status()).isEqualTo(HttpResponseStatus.OK);
    send(post(CALL));
    assertThat(nextResponse().status()).isEqualTo(HttpResponseStatus.OK);

    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void connectionClose_closesAfterTheResponse() {
    send(post(CALL).replace("Host: x\r\n", "Host: x\r\nConnection: close\r\n"));

    FullHttpResponse response = nextResponse();
    assertThat(response.headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("close");
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void pipelinedRequests_areAnsweredInOrder() {
    String second = CALL.replace("[2,5]", "[1,1]").replace("\"id\":1", "\"id\":2");
    send(post(CALL) + "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n" + post(second));

    List<FullHttpResponse> answers = nextResponses(3);
    assertThat(json(answers.get(0)).get("result").asInt()).isEqualTo(7);
    assertThat(answers.get(1).status()).isEqualTo(HttpResponseStatus.NOT_FOUND);
    assertThat(json(answers.get(2)).get("id").asInt()).isEqualTo(2);
  }

  @Test
  void rateLimit_answers429WhenTheBucketIsEmpty() {
    EmbeddedChannel limited = channel(1);
    try {
      limited.writeInbound(ascii(post(CALL) + post(CALL)));
      limited.runPendingTasks();
      List<FullHttpResponse> answers = drain(limited, 2);

      assertThat(answers.get(0).status()).isEqualTo(HttpResponseStatus.OK);
      assertThat(answers.get(1).status()).isEqualTo(HttpResponseStatus.TOO_MANY_REQUESTS);
      assertErrorBody(answers.get(1), JsonRpcException.LIMIT_EXCEEDED);

      nanoTime.addAndGet(Duration.ofSeconds(1).toNanos());
      limited.writeInbound(ascii(post(CALL)));
      limited.runPendingTasks();
      assertThat(drain(limited, 1).get(0).status()).isEqualTo(HttpResponseStatus.OK);
    } finally {
      limited.finishAndReleaseAll();
    }
  }

  @Test
  void callsRunOnTheExecutorAndOverTheConcurrencyLimitGet503() {
    List<Runnable> held = new ArrayList<>();
    JsonRpcServerConfig config =
        new JsonRpcServerConfig(
            "127.0.0.1",
            0,
            MAX_BODY,
            10,
            Duration.ofSeconds(5),
            1,
            100,
            1,
            HttpServerLimits.defaults());
    JsonRpcServerInitializer initializer =
        new JsonRpcServerInitializer(
            config, dispatcher(config), held::add, new TokenBucket(100, nanoTime::get));
    EmbeddedChannel first = new EmbeddedChannel(initializer);
    EmbeddedChannel second = new EmbeddedChannel(initializer);
    try {
      first.writeInbound(ascii(post(CALL)));
      second.writeInbound(ascii(post(CALL)));

      assertThat(first.outboundMessages()).as("waits for the executor").isEmpty();
      FullHttpResponse busy = drain(second, 1).get(0);
      assertThat(busy.status()).isEqualTo(HttpResponseStatus.SERVICE_UNAVAILABLE);
      assertErrorBody(busy, JsonRpcException.LIMIT_EXCEEDED);

      held.forEach(Runnable::run);
      assertThat(json(drain(first, 1).get(0)).get("result").asInt()).isEqualTo(7);
    } finally {
      first.finishAndReleaseAll();
      second.finishAndReleaseAll();
    }
  }

  @Test
  void requestLineOverTheLimit_answers414AndCloses() {
    send("POST /" + "a".repeat(LIMITS.maxRequestLineBytes()) + " HTTP/1.1\r\nHost: x\r\n\r\n");

    FullHttpResponse response = nextResponse();
    assertThat(response.status()).isEqualTo(HttpResponseStatus.REQUEST_URI_TOO_LONG);
    assertErrorBody(response, JsonRpcException.INVALID_REQUEST);
    assertThat(json(response).get("error").get("message").asText())
        .isEqualTo("Request line exceeds 128 bytes");
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void headersOverTheLimit_answer431AndClose() {
    String padding = "X-Padding: " + "p".repeat(LIMITS.maxHeaderBytes()) + "\r\n";
    send(post(CALL).replace("Host: x\r\n", "Host: x\r\n" + padding));

    FullHttpResponse response = nextResponse();
    assertThat(response.status()).isEqualTo(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE);
    assertThat(json(response).get("error").get("message").asText())
        .isEqualTo("Request header fields exceed 512 bytes");
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void headersJustUnderTheLimits_areServed() {
    String padding = "X-Padding: " + "p".repeat(LIMITS.maxHeaderBytes() - 200) + "\r\n";
    send(post(CALL).replace("Host: x\r\n", "Host: x\r\n" + padding));

    assertThat(json(nextResponse()).get("result").asInt()).isEqualTo(7);
  }

  @Test
  void requestStillIncompleteAtTheDeadline_answers408AndCloses() {
    channel.freezeTime();
    String request = post(CALL);
    long step = LIMITS.requestTimeout().toMillis() / 4;
    for (int i = 0; i < 3; i++) {
      send(request.substring(i, i + 1));
      channel.advanceTimeBy(step, TimeUnit.MILLISECONDS);
      channel.runPendingTasks();
      assertThat(channel.isOpen()).as("open before the deadline").isTrue();
    }

    channel.advanceTimeBy(step, TimeUnit.MILLISECONDS);
    send(request.substring(3, 4));

    FullHttpResponse response = nextResponse();
    assertThat(response.status()).isEqualTo(HttpResponseStatus.REQUEST_TIMEOUT);
    assertThat(response.headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("close");
    assertThat(json(response).get("error").get("message").asText())
        .isEqualTo("Request not received in full within 1000 ms of its first byte");
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void deadline_startsAtEachRequestsFirstByteAndStopsWhenItHasArrived() {
    channel.freezeTime();
    long almost = LIMITS.requestTimeout().toMillis() - 1;
    String request = post(CALL);
    for (int i = 0; i < 3; i++) {
      send(request.substring(0, 10));
      channel.advanceTimeBy(almost, TimeUnit.MILLISECONDS);
      send(request.substring(10));
      assertThat(nextResponse().status()).isEqualTo(HttpResponseStatus.OK);
      channel.advanceTimeBy(LIMITS.requestTimeout().toMillis() * 5, TimeUnit.MILLISECONDS);
      channel.runPendingTasks();
    }

    assertThat(channel.isOpen()).isTrue();
    assertThat(channel.outboundMessages()).isEmpty();
  }

  @Test
  void deadline_doesNotCountTheTimeAMethodRuns() {
    List<Runnable> held = new ArrayList<>();
    JsonRpcServerConfig config =
        JsonRpcServerConfig.defaults().withMaxBodyBytes(MAX_BODY).withLimits(LIMITS);
    EmbeddedChannel slow =
        new EmbeddedChannel(
            new JsonRpcServerInitializer(
                config, dispatcher(config), held::add, new TokenBucket(100, nanoTime::get)));
    try {
      slow.freezeTime();
      slow.writeInbound(ascii(post(CALL)));
      slow.advanceTimeBy(LIMITS.requestTimeout().toMillis() * 3, TimeUnit.MILLISECONDS);
      slow.runPendingTasks();
      assertThat(slow.outboundMessages()).as("no 408 while the call runs").isEmpty();

      held.forEach(Runnable::run);
      assertThat(json(drain(slow, 1).get(0)).get("result").asInt()).isEqualTo(7);
      assertThat(slow.isOpen()).isTrue();
    } finally {
      slow.finishAndReleaseAll();
    }
  }

  @Test
  void connectionsOverTheLimit_areClosedAtOnce() {
    JsonRpcServerConfig config =
        JsonRpcServerConfig.defaults()
            .withMaxBodyBytes(MAX_BODY)
            .withLimits(LIMITS.withMaxConnections(2, 2));
    JsonRpcServerInitializer initializer =
        new JsonRpcServerInitializer(
            config, dispatcher(config), Runnable::run, new TokenBucket(100, nanoTime::get));
    EmbeddedChannel first = new EmbeddedChannel(initializer);
    EmbeddedChannel second = new EmbeddedChannel(initializer);
    EmbeddedChannel third = new EmbeddedChannel(initializer);
    try {
      assertThat(third.isOpen()).isFalse();
      assertThat(initializer.refusedConnections()).isOne();
      assertThat(initializer.openConnections()).isEqualTo(2);

      first.close();
      EmbeddedChannel fourth = new EmbeddedChannel(initializer);
      assertThat(fourth.isOpen()).isTrue();
      fourth.writeInbound(ascii(post(CALL)));
      assertThat(json(drain(fourth, 1).get(0)).get("result").asInt()).isEqualTo(7);
      fourth.finishAndReleaseAll();
      assertThat(initializer.openConnections()).isOne();
    } finally {
      first.finishAndReleaseAll();
      second.finishAndReleaseAll();
      third.finishAndReleaseAll();
    }
  }

  @Test
  void requestBodiesOverTheBudgetInProgress_get503AtOnce() {
    List<Runnable> held = new ArrayList<>();
    JsonRpcServerConfig config =
        JsonRpcServerConfig.defaults()
            .withMaxBodyBytes(MAX_BODY)
            .withLimits(LIMITS.withMaxPendingRequestBytes(MAX_BODY));
    JsonRpcServerInitializer initializer =
        new JsonRpcServerInitializer(
            config, dispatcher(config), held::add, new TokenBucket(100, nanoTime::get));
    EmbeddedChannel big = new EmbeddedChannel(initializer);
    EmbeddedChannel small = new EmbeddedChannel(initializer);
    try {
      String padded = CALL.substring(0, CALL.length() - 1) + " ".repeat(MAX_BODY - 80) + "}";
      big.writeInbound(ascii(post(padded)));
      small.writeInbound(ascii(post(CALL)));

      FullHttpResponse busy = drain(small, 1).get(0);
      assertThat(busy.status()).isEqualTo(HttpResponseStatus.SERVICE_UNAVAILABLE);
      assertErrorBody(busy, JsonRpcException.LIMIT_EXCEEDED);
      assertThat(json(busy).get("error").get("message").asText())
          .isEqualTo("Server busy: requests in progress fill the 256-byte budget; retry later");

      held.forEach(Runnable::run);
      assertThat(json(drain(big, 1).get(0)).get("result").asInt()).isEqualTo(7);
      small.writeInbound(ascii(post(CALL)));
      held.get(held.size() - 1).run();
      assertThat(json(drain(small, 1).get(0)).get("result").asInt())
          .as("served once the budget is free")
          .isEqualTo(7);
    } finally {
      big.finishAndReleaseAll();
      small.finishAndReleaseAll();
    }
  }

  @Test
  void bodyOverTheBudget_isAnswered503FromItsHeaders_andDropped_andTheConnectionGoesOn() {
    List<Runnable> held = new ArrayList<>();
    JsonRpcServerInitializer initializer = budgetOfOneBody(held);
    EmbeddedChannel holder = new EmbeddedChannel(initializer);
    EmbeddedChannel refused = new EmbeddedChannel(initializer);
    try {
      holder.writeInbound(ascii(post(CALL)));
      String request = post(CALL);
      int headersEnd = request.indexOf("\r\n\r\n") + 4;

      refused.writeInbound(ascii(request.substring(0, headersEnd)));
      FullHttpResponse busy = drain(refused, 1).get(0);
      assertThat(busy.status()).isEqualTo(HttpResponseStatus.SERVICE_UNAVAILABLE);
      assertThat(json(busy).get("error").get("message").asText()).contains("-byte budget");
      refused.writeInbound(ascii(request.substring(headersEnd)));
      assertThat(held).as("the refused body never reaches a method").hasSize(1);

      held.remove(0).run();
      assertThat(drain(holder, 1).get(0).status()).isEqualTo(HttpResponseStatus.OK);
      refused.writeInbound(ascii(post(CALL)));
      held.remove(0).run();
      assertThat(json(drain(refused, 1).get(0)).get("result").asInt()).isEqualTo(7);
      assertThat(refused.isOpen()).isTrue();
    } finally {
      holder.finishAndReleaseAll();
      refused.finishAndReleaseAll();
    }
  }

  @Test
  void bodyOverTheBudget_behindAnUnansweredPipelinedRequest_closesTheConnection() {
    List<Runnable> held = new ArrayList<>();
    JsonRpcServerInitializer initializer = budgetOfOneBody(held);
    EmbeddedChannel pipelining = new EmbeddedChannel(initializer);
    try {
      pipelining.writeInbound(ascii(post(CALL) + post(CALL)));

      assertThat(pipelining.isOpen()).as("a 503 now would overtake the first answer").isFalse();
    } finally {
      pipelining.finishAndReleaseAll();
    }
  }

  @Test
  void budget_isFreedWhenAConnectionClosesMidBody() {
    List<Runnable> held = new ArrayList<>();
    JsonRpcServerInitializer initializer = budgetOfOneBody(held);
    EmbeddedChannel quitter = new EmbeddedChannel(initializer);
    EmbeddedChannel next = new EmbeddedChannel(initializer);
    try {
      quitter.writeInbound(ascii(post(CALL).substring(0, post(CALL).length() - 10)));
      quitter.close();

      next.writeInbound(ascii(post(CALL)));
      held.forEach(Runnable::run);
      assertThat(json(drain(next, 1).get(0)).get("result").asInt()).isEqualTo(7);
    } finally {
      quitter.finishAndReleaseAll();
      next.finishAndReleaseAll();
    }
  }

  @Test
  void droppedBody_doesNotRunIntoTheRequestDeadline() {
    List<Runnable> held = new ArrayList<>();
    JsonRpcServerInitializer initializer = budgetOfOneBody(held);
    EmbeddedChannel holder = new EmbeddedChannel(initializer);
    EmbeddedChannel refused = new EmbeddedChannel(initializer);
    try {
      refused.freezeTime();
      holder.writeInbound(ascii(post(CALL)));
      refused.writeInbound(ascii(post(CALL)));
      assertThat(drain(refused, 1).get(0).status())
          .isEqualTo(HttpResponseStatus.SERVICE_UNAVAILABLE);

      refused.advanceTimeBy(LIMITS.requestTimeout().toMillis() * 3, TimeUnit.MILLISECONDS);
      refused.runPendingTasks();

      assertThat(refused.outboundMessages()).as("no 408").isEmpty();
      assertThat(refused.isOpen()).isTrue();
    } finally {
      holder.finishAndReleaseAll();
      refused.finishAndReleaseAll();
    }
  }

  /**
   * A server whose body budget holds one {@link #CALL} request, with methods held in {@code held}.
   */
  private JsonRpcServerInitializer budgetOfOneBody(List<Runnable> held) {
    int oneBody = CALL.length();
    JsonRpcServerConfig config =
        JsonRpcServerConfig.defaults()
            .withMaxBodyBytes(oneBody)
            .withLimits(LIMITS.withMaxPendingRequestBytes(oneBody));
    return new JsonRpcServerInitializer(
        config, dispatcher(config), held::add, new TokenBucket(100, nanoTime::get));
  }

  private EmbeddedChannel channel(int requestsPerSecond) {
    JsonRpcServerConfig config =
        JsonRpcServerConfig.defaults()
            .withMaxBodyBytes(MAX_BODY)
            .withRequestsPerSecond(requestsPerSecond)
            .withLimits(LIMITS);
    return new EmbeddedChannel(
        new JsonRpcServerInitializer(
            config,
            dispatcher(config),
            Runnable::run,
            new TokenBucket(requestsPerSecond, nanoTime::get)));
  }

  private static JsonRpcDispatcher dispatcher(JsonRpcServerConfig config) {
    JsonRpcMethods methods =
        JsonRpcMethods.builder()
            .add("sum", params -> params.get(0).asInt() + params.get(1).asInt())
            .build();
    return new JsonRpcDispatcher(methods, config.maxBatchSize());
  }

  private void send(String text) {
    channel.writeInbound(ascii(text));
    channel.runPendingTasks();
  }

  private FullHttpResponse nextResponse() {
    return nextResponses(1).get(0);
  }

  private List<FullHttpResponse> nextResponses(int count) {
    return drain(channel, count);
  }

  private List<FullHttpResponse> drain(EmbeddedChannel source, int count) {
    source.runPendingTasks();
    ByteBuf out;
    while ((out = source.readOutbound()) != null) {
      responses.writeInbound(out);
    }
    List<FullHttpResponse> decoded = new ArrayList<>();
    FullHttpResponse response;
    while ((response = responses.readInbound()) != null) {
      decoded.add(response);
    }
    read.addAll(decoded);
    assertThat(decoded).hasSize(count);
    return decoded;
  }

  private static String post(String body) {
    return post("/", "application/json", body);
  }

  private static String post(String path, String contentType, String body) {
    return headers(path, contentType, body.getBytes(UTF_8).length) + body;
  }

  private static String headers(String path, String contentType, int length) {
    return "POST "
        + path
        + " HTTP/1.1\r\nHost: x\r\nContent-Type: "
        + contentType
        + "\r\nContent-Length: "
        + length
        + "\r\n\r\n";
  }

  private static ByteBuf ascii(String text) {
    return Unpooled.copiedBuffer(text, US_ASCII);
  }

  private static JsonNode json(FullHttpResponse response) {
    try {
      return MAPPER.readTree(response.content().toString(UTF_8));
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + response, e);
    }
  }

  private static void assertErrorBody(FullHttpResponse response, int code) {
    JsonNode body = json(response);
    assertThat(body.get("jsonrpc").asText()).isEqualTo("2.0");
    assertThat(body.get("error").get("code").asInt()).isEqualTo(code);
    assertThat(body.get("id").isNull()).isTrue();
  }
}
