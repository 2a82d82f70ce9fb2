package io.plasmanode.p2p.rpc;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves JSON-RPC over HTTP: {@code POST /} with a JSON body goes to the {@link JsonRpcDispatcher}
 * on the executor, and the answer is written back on the event loop. Other paths, methods and
 * content types get a JSON error. Per channel: it tracks whether a call is in flight.
 */
final class JsonRpcHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(JsonRpcHandler.class);
  private static final byte[] INTERNAL_ERROR =
      JsonRpcResponses.errorBytes(JsonRpcException.INTERNAL_ERROR, "Internal error");

  private final JsonRpcDispatcher dispatcher;
  private final Executor executor;
  private final RequestAdmission admission;
  private final HttpServerLimits limits;
  private boolean dispatching;

  /**
   * {@code admission} is shared by all channels: it bounds the executing and queued calls. {@code
   * limits} name the header limits in the answers to requests over them.
   */
  JsonRpcHandler(
      JsonRpcDispatcher dispatcher,
      Executor executor,
      RequestAdmission admission,
      HttpServerLimits limits) {
    this.dispatcher = dispatcher;
    this.executor = executor;
    this.admission = admission;
    this.limits = limits;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request)) {
      ctx.fireChannelRead(msg);
      return;
    }
    try {
      route(ctx, request);
    } finally {
      request.release();
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent && !dispatching) {
      LOG.debug("Closing idle connection {}", ctx.channel());
      ctx.close();
      return;
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof IOException) {
      LOG.debug("I/O error on {}: {}", ctx.channel(), cause.toString());
    } else if (cause instanceof DecoderException) {
      LOG.debug("Protocol error on {}: {}", ctx.channel(), cause.toString());
    } else if (cause instanceof PrematureChannelClosureException) {
      LOG.debug("{} closed in the middle of a request", ctx.channel());
    } else {
      LOG.error("Unexpected error on {}", ctx.channel(), cause);
    }
    ctx.close();
  }

  private void route(ChannelHandlerContext ctx, FullHttpRequest request) {
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    if (request.decoderResult().isFailure()) {
      malformed(ctx, request.decoderResult().cause());
    } else if (!"/".equals(request.uri())) {
      reject(ctx, HttpResponseStatus.NOT_FOUND, "Not found: JSON-RPC is served on /", keepAlive);
    } else if (!HttpMethod.POST.equals(request.method())) {
      methodNotAllowed(ctx, keepAlive);
    } else if (!isJson(request)) {
      reject(
          ctx,
          HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
          "Content-Type must be application/json",
          keepAlive);
    } else {
      submit(ctx, ByteBufUtil.getBytes(request.content()), keepAlive);
    }
  }

  private void submit(ChannelHandlerContext ctx, byte[] body, boolean keepAlive) {
    Optional<String> refused = admission.tryAdmitCall();
    if (refused.isPresent()) {
      LOG.debug("Answering 503 to {}: {}", ctx.channel(), refused.get());
      unavailable(ctx, refused.get(), keepAlive);
      return;
    }
    dispatching = true;
    try {
      executor.execute(() -> dispatchOffLoop(ctx, body, keepAlive));
    } catch (RejectedExecutionException e) {
      // The executor's queue is unbounded (admission bounds it): it refuses only once shut down.
      admission.releaseCall();
      dispatching = false;
      unavailable(ctx, "Server shutting down", false);
    }
  }

  /** Answers a request the codec could not decode, then closes: the stream is out of step. */
  private void malformed(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("Malformed HTTP from {}: {}", ctx.channel(), cause.toString());
    if (cause instanceof TooLongHttpLineException) {
      reject(
          ctx,
          HttpResponseStatus.REQUEST_URI_TOO_LONG,
          "Request line exceeds " + limits.maxRequestLineBytes() + " bytes",
          false);
    } else if (cause instanceof TooLongHttpHeaderException) {
      reject(
          ctx,
          HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
          "Request header fields exceed " + limits.maxHeaderBytes() + " bytes",
          false);
    } else {
      reject(ctx, HttpResponseStatus.BAD_REQUEST, "Malformed HTTP request", false);
    }
  }

  /** Runs on the executor; always hands an answer back to the channel's event loop. */
  private void dispatchOffLoop(ChannelHandlerContext ctx, byte[] body, boolean keepAlive) {
    Optional<byte[]> answer = Optional.of(INTERNAL_ERROR);
    try {
      answer = dispatcher.dispatch(body);
    } catch (RuntimeException e) {
      LOG.error("JSON-RPC dispatch failed", e);
    } finally {
      admission.releaseCall();
      replyOnLoop(ctx, answer, keepAlive);
    }
  }

  private void replyOnLoop(ChannelHandlerContext ctx, Optional<byte[]> answer, boolean keepAlive) {
    try {
      ctx.executor().execute(() -> respond(ctx, answer, keepAlive));
    } catch (RejectedExecutionException e) {
      LOG.debug("Event loop shut down before answering {}", ctx.channel());
    }
  }

  private void respond(ChannelHandlerContext ctx, Optional<byte[]> answer, boolean keepAlive) {
    dispatching = false;
    if (answer.isEmpty()) {
      JsonRpcHttpResponses.send(ctx, JsonRpcHttpResponses.noContent(), keepAlive);
      return;
    }
    int size = answer.get().length;
    Optional<String> refused = admission.tryReserveAnswer(size);
    if (refused.isPresent()) {
      LOG.debug("Answering 503 instead of {} bytes to {}: {}", size, ctx.channel(), refused.get());
      unavailable(ctx, refused.get(), keepAlive);
      return;
    }
    JsonRpcHttpResponses.send(
            ctx, JsonRpcHttpResponses.json(HttpResponseStatus.OK, answer.get()), keepAlive)
        .addListener(written -> admission.releaseAnswer(size));
  }

  private static void methodNotAllowed(ChannelHandlerContext ctx, boolean keepAlive) {
    FullHttpResponse response =
        JsonRpcHttpResponses.error(
            HttpResponseStatus.METHOD_NOT_ALLOWED,
            JsonRpcException.INVALID_REQUEST,
            "Method not allowed: use POST");
    response.headers().set(HttpHeaderNames.ALLOW, HttpMethod.POST.name());
    JsonRpcHttpResponses.send(ctx, response, keepAlive);
  }

  private static void unavailable(ChannelHandlerContext ctx, String message, boolean keepAlive) {
    FullHttpResponse response =
        JsonRpcHttpResponses.error(
            HttpResponseStatus.SERVICE_UNAVAILABLE, JsonRpcException.LIMIT_EXCEEDED, message);
    JsonRpcHttpResponses.send(ctx, response, keepAlive);
  }

  private static void reject(
      ChannelHandlerContext ctx, HttpResponseStatus status, String message, boolean keepAlive) {
    JsonRpcHttpResponses.send(
        ctx,
        JsonRpcHttpResponses.error(status, JsonRpcException.INVALID_REQUEST, message),
        keepAlive);
  }

  private static boolean isJson(FullHttpRequest request) {
    CharSequence mimeType = HttpUtil.getMimeType(request);
    return mimeType != null
        && HttpHeaderValues.APPLICATION_JSON.contentEqualsIgnoreCase(mimeType.toString().trim());
  }
}
