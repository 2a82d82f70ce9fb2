package io.plasmanode.p2p.rpc;

import com.google.common.collect.ImmutableMap;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@link WebPages} under their prefix and passes every other request on to JSON-RPC. Only
 * {@code GET} and {@code HEAD} (others 405 with {@code Allow}); the page runs on the executor under
 * the same admission as JSON-RPC calls (beyond it 503). Every answer carries a fixed content type
 * and {@link #SECURITY_HEADERS}. Per channel: it tracks whether a page is being made.
 */
final class WebPagesHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(WebPagesHandler.class);

  /**
   * The Content-Security-Policy of every answer: scripts, styles and fetches from this server only,
   * no inline script or style, no plugins, frames, base changes or forms to elsewhere.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
          + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

  /** The headers set on every answer under the prefix, errors included, and their values. */
  static final Map<String, String> SECURITY_HEADERS =
      ImmutableMap.of(
          "Content-Security-Policy", CONTENT_SECURITY_POLICY,
          "X-Content-Type-Options", "nosniff",
          "X-Frame-Options", "DENY",
          "Referrer-Policy", "no-referrer",
          "Cross-Origin-Resource-Policy", "same-origin",
          "Cache-Control", "no-store");

  private static final String ALLOWED = "GET, HEAD";

  private final WebPages pages;
  private final Executor executor;
  private final RequestAdmission admission;
  private boolean rendering;

  WebPagesHandler(WebPages pages, Executor executor, RequestAdmission admission) {
    this.pages = pages;
    this.executor = executor;
    this.admission = admission;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request)
        || request.decoderResult().isFailure()
        || !underPrefix(pages, request.uri())) {
      ctx.fireChannelRead(msg);
      return;
    }
    try {
      serve(ctx, request);
    } finally {
      request.release();
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent && rendering) {
      return; // the page's answer is coming: not idle
    }
    ctx.fireUserEventTriggered(event);
  }

  /** Whether {@code uri} is one of {@code pages}' (its path is the prefix or below it). */
  static boolean underPrefix(WebPages pages, String uri) {
    String path = new QueryStringDecoder(uri).rawPath();
    String prefix = pages.prefix();
    return path.equals(prefix) || path.startsWith(prefix + "/");
  }

  private void serve(ChannelHandlerContext ctx, FullHttpRequest request) {
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    boolean head = HttpMethod.HEAD.equals(request.method());
    if (!head && !HttpMethod.GET.equals(request.method())) {
      FullHttpResponse response =
          text(HttpResponseStatus.METHOD_NOT_ALLOWED, "Method not allowed: use GET", false);
      response.headers().set(HttpHeaderNames.ALLOW, ALLOWED);
      JsonRpcHttpResponses.send(ctx, response, keepAlive);
      return;
    }
    Optional<String> refused = admission.tryAdmitCall();
    if (refused.isPresent()) {
      JsonRpcHttpResponses.send(
          ctx, text(HttpResponseStatus.SERVICE_UNAVAILABLE, refused.get(), head), keepAlive);
      return;
    }
    QueryStringDecoder decoded = new QueryStringDecoder(request.uri());
    rendering = true;
    try {
      executor.execute(() -> renderOffLoop(ctx, decoded, head, keepAlive));
    } catch (RejectedExecutionException e) {
      admission.releaseCall();
      rendering = false;
      JsonRpcHttpResponses.send(
          ctx, text(HttpResponseStatus.SERVICE_UNAVAILABLE, "Server shutting down", head), false);
    }
  }

  private void renderOffLoop(
      ChannelHandlerContext ctx, QueryStringDecoder decoded, boolean head, boolean keepAlive) {
    FullHttpResponse response;
    try {
      response = toHttp(pages.get(decoded.path(), decoded.parameters()), head);
    } catch (RuntimeException e) {
      LOG.error("Web page {} failed", decoded.rawPath(), e);
      response = text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "Internal error", head);
    } finally {
      admission.releaseCall();
    }
    FullHttpResponse answer = response;
    try {
      ctx.executor()
          .execute(
              () -> {
                rendering = false;
                JsonRpcHttpResponses.send(ctx, answer, keepAlive);
              });
    } catch (RejectedExecutionException e) {
      answer.release();
      LOG.debug("Event loop shut down before answering {}", ctx.channel());
    }
  }

  /** The HTTP answer of {@code page}; for {@code HEAD} without its body. */
  static FullHttpResponse toHttp(WebResponse page, boolean head) {
    FullHttpResponse response =
        withHeaders(HttpResponseStatus.valueOf(page.status()), page.type(), page.body(), head);
    page.location().ifPresent(path -> response.headers().set(HttpHeaderNames.LOCATION, path));
    return response;
  }

  private static FullHttpResponse text(HttpResponseStatus status, String message, boolean head) {
    return withHeaders(status, WebContentType.TEXT, message.getBytes(StandardCharsets.UTF_8), head);
  }

  private static FullHttpResponse withHeaders(
      HttpResponseStatus status, WebContentType type, byte[] body, boolean head) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            status,
            head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
    SECURITY_HEADERS.forEach(response.headers()::set);
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, type.headerValue());
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    return response;
  }
}
