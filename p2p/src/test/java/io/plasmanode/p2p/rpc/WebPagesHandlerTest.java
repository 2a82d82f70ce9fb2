package io.plasmanode.p2p.rpc;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Web pages beside JSON-RPC, through the server's whole pipeline on an {@link EmbeddedChannel}:
 * only GET and HEAD under the prefix, the security headers and fixed content type on every answer
 * (errors too), redirects, and everything else left to JSON-RPC.
 */
class WebPagesHandlerTest {
  private static final String PAGE = "<!DOCTYPE html><p>hi</p>";
  private static final String SLOW_DOWN = "<!DOCTYPE html><p>slow down</p>";

  private final AtomicReference<String> askedPath = new AtomicReference<>();
  private final AtomicReference<Map<String, List<String>>> askedQuery = new AtomicReference<>();
  private final WebPages pages = new TestPages(true);
  private final AtomicLong nanoTime = new AtomicLong();
  private EmbeddedChannel channel = channel(new TokenBucket(100, System::nanoTime));
  private final EmbeddedChannel responses =
      new EmbeddedChannel(new HttpResponseDecoder(), new HttpObjectAggregator(1 << 20));
  private final List<FullHttpResponse> read = new ArrayList<>();

  @AfterEach
  void closeChannels() {
    read.forEach(ReferenceCountUtil::safeRelease);
    channel.finishAndReleaseAll();
    responses.finishAndReleaseAll();
  }

  @Test
  void get_answersThePage_withTheSecurityHeaders() {
    send("GET /explorer/tx/0xab?q=%3Cb%3E&q=2 HTTP/1.1\r\nHost: x\r\n\r\n");

    assertHtml(next(), HttpResponseStatus.OK, PAGE);
    assertThat(askedPath.get()).isEqualTo("/explorer/tx/0xab");
    assertThat(askedQuery.get()).containsEntry("q", List.of("<b>", "2"));
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void percentEncodedPaths_reachThePagesDecoded() {
    send("GET /explorer/address/%3Cscript%3E HTTP/1.1\r\nHost: x\r\n\r\n");

    assertThat(next().status()).isEqualTo(HttpResponseStatus.OK);
    assertThat(askedPath.get()).isEqualTo("/explorer/address/<script>");
  }

  @Test
  void otherMethods_get405_withAllow_andTheHeaders() {
    for (String method : List.of("POST", "PUT", "DELETE", "OPTIONS", "PATCH")) {
      send(method + " /explorer/ HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}");

      FullHttpResponse response = next();
      assertThat(response.status()).as(method).isEqualTo(HttpResponseStatus.METHOD_NOT_ALLOWED);
      assertThat(response.headers().get(HttpHeaderNames.ALLOW)).isEqualTo("GET, HEAD");
      assertThat(response.headers().get(HttpHeaderNames.CONTENT_TYPE))
          .isEqualTo("text/plain; charset=utf-8");
      assertSecurityHeaders(response);
    }
    assertThat(askedPath.get()).as("no page was made").isNull();
  }

  @Test
  void head_answersTheHeadersAndLength_withoutTheBody() {
    channel.writeInbound(ascii("HEAD /explorer/ HTTP/1.1\r\nHost: x\r\n\r\n"));
    channel.runPendingTasks();

    StringBuilder raw = new StringBuilder();
    ByteBuf out;
    while ((out = channel.readOutbound()) != null) {
      raw.append(out.toString(US_ASCII));
      out.release();
    }
    String answer = raw.toString().toLowerCase(java.util.Locale.ROOT);
    assertThat(answer).startsWith("http/1.1 200 ok");
    assertThat(answer).contains("content-length: " + PAGE.length());
    assertThat(answer).contains("x-content-type-options: nosniff");
    assertThat(answer).endsWith("\r\n\r\n");
  }

  @Test
  void redirects_carryTheirLocation() {
    send("GET /explorer HTTP/1.1\r\nHost: x\r\n\r\n");

    FullHttpResponse response = next();
    assertThat(response.status()).isEqualTo(HttpResponseStatus.SEE_OTHER);
    assertThat(response.headers().get(HttpHeaderNames.LOCATION)).isEqualTo("/explorer/");
    assertSecurityHeaders(response);
  }

  @Test
  void aFailingPage_answers500_withoutItsMessage() {
    FullHttpResponse response;
    try (ErrorLogCapture errors = ErrorLogCapture.attach()) {
      send("GET /explorer/boom HTTP/1.1\r\nHost: x\r\n\r\n");
      response = next();
      assertThatThrownBy(errors::rethrowErrors)
          .isInstanceOf(ErrorLogCapture.LoggedError.class)
          .hasRootCauseMessage("boom");
    }
    assertThat(response.status()).isEqualTo(HttpResponseStatus.INTERNAL_SERVER_ERROR);
    assertThat(response.content().toString(UTF_8)).isEqualTo("Internal error");
    assertSecurityHeaders(response);
  }

  @Test
  void pathsOutsideThePrefix_stayJsonRpcs() {
    send("GET /explorerx HTTP/1.1\r\nHost: x\r\n\r\n");
    FullHttpResponse lookalike = next();
    assertThat(lookalike.status()).isEqualTo(HttpResponseStatus.NOT_FOUND);
    assertThat(lookalike.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/json");

    send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(next().status()).isEqualTo(HttpResponseStatus.METHOD_NOT_ALLOWED);

    sendCall();
    assertThat(next().content().toString(UTF_8)).contains("\"result\":1");
    assertThat(askedPath.get()).isNull();
  }

  @Test
  void overTheRateLimit_aPageGetsThePagesOwn429_withTheHeaders_andJsonRpcItsJsonError() {
    channel.finishAndReleaseAll();
    channel = channel(new TokenBucket(1, nanoTime::get));

    send("GET /explorer/tx/%3Cscript%3E HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(next().status()).isEqualTo(HttpResponseStatus.OK);
    askedPath.set(null);
    send("GET /explorer/tx/%3Cscript%3E HTTP/1.1\r\nHost: x\r\n\r\n");
    FullHttpResponse limited = next();
    assertHtml(limited, HttpResponseStatus.TOO_MANY_REQUESTS, SLOW_DOWN);
    assertThat(limited.headers().getInt(HttpHeaderNames.RETRY_AFTER)).isEqualTo(1);
    assertThat(askedPath.get()).as("no page was made").isNull();

    sendCall();
    FullHttpResponse json = next();
    assertThat(json.status()).isEqualTo(HttpResponseStatus.TOO_MANY_REQUESTS);
    assertThat(json.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/json");
  }

  @Test
  void rateLimited_byDefault_isAPlainText429() {
    WebResponse answer = new TestPages(false).rateLimited();
    assertThat(answer.status()).isEqualTo(429);
    assertThat(answer.type()).isEqualTo(WebContentType.TEXT);
    assertThat(new String(answer.body(), UTF_8)).startsWith("Too many requests");
  }

  /** Pages that record what they were asked; with {@code ownRateLimitPage}, their own 429 page. */
  private final class TestPages implements WebPages {
    private final boolean ownRateLimitPage;

    TestPages(boolean ownRateLimitPage) {
      this.ownRateLimitPage = ownRateLimitPage;
    }

    @Override
    public String prefix() {
      return "/explorer";
    }

    @Override
    public WebResponse get(String path, Map<String, List<String>> query) {
      askedPath.set(path);
      askedQuery.set(query);
      return switch (path) {
        case "/explorer" -> WebResponse.redirect("/explorer/");
        case "/explorer/boom" -> throw new IllegalStateException("boom");
        default -> WebResponse.ok(WebContentType.HTML, PAGE);
      };
    }

    @Override
    public WebResponse rateLimited() {
      return ownRateLimitPage
          ? WebResponse.of(429, WebContentType.HTML, SLOW_DOWN)
          : WebPages.super.rateLimited();
    }
  }

  private static void assertHtml(
      FullHttpResponse response, HttpResponseStatus status, String body) {
    assertThat(response.status()).isEqualTo(status);
    assertThat(response.content().toString(UTF_8)).isEqualTo(body);
    assertThat(response.headers().get(HttpHeaderNames.CONTENT_TYPE))
        .isEqualTo("text/html; charset=utf-8");
    assertSecurityHeaders(response);
  }

  private static void assertSecurityHeaders(FullHttpResponse response) {
    assertThat(response.headers().get("Content-Security-Policy"))
        .isEqualTo(WebPagesHandler.CONTENT_SECURITY_POLICY)
        .contains("default-src 'none'")
        .contains("script-src 'self'")
        .doesNotContain("unsafe");
    assertThat(response.headers().get("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(response.headers().get("X-Frame-Options")).isEqualTo("DENY");
    assertThat(response.headers().get("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(response.headers().get("Cache-Control")).isEqualTo("no-store");
  }

  private EmbeddedChannel channel(TokenBucket rateLimit) {
    JsonRpcServerConfig config = JsonRpcServerConfig.defaults();
    JsonRpcMethods methods = JsonRpcMethods.builder().add("one", params -> 1).build();
    return new EmbeddedChannel(
        new JsonRpcServerInitializer(
            config,
            new JsonRpcDispatcher(methods, config.maxBatchSize()),
            Optional.of(pages),
            Runnable::run,
            rateLimit));
  }

  private void sendCall() {
    String call = "{\"jsonrpc\":\"2.0\",\"method\":\"one\",\"params\":[],\"id\":1}";
    send(
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
            + call.length()
            + "\r\n\r\n"
            + call);
  }

  private void send(String text) {
    channel.writeInbound(ascii(text));
    channel.runPendingTasks();
  }

  private FullHttpResponse next() {
    channel.runPendingTasks();
    ByteBuf out;
    while ((out = channel.readOutbound()) != null) {
      responses.writeInbound(out);
    }
    FullHttpResponse response = responses.readInbound();
    assertThat(response).as("an answer").isNotNull();
    read.add(response);
    return response;
  }

  private static ByteBuf ascii(String text) {
    return Unpooled.copiedBuffer(text, US_ASCII);
  }
}
