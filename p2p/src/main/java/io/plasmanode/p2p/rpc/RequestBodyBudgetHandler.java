package io.plasmanode.p2p.rpc;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Between the HTTP codec and the body aggregator: when a request's headers arrive, reserves room
 * for its body in the server-wide budget ({@link RequestAdmission#tryReserveBody}: the
 * Content-Length, or the body limit when chunked), held until the request's answer is written. A
 * request that does not fit is answered HTTP 503 at once and its body is read and dropped, never
 * buffered or parsed; the connection stays open for the next request. So the bodies the server
 * holds (being received, queued or executing) stay within the budget, and refusing costs almost
 * nothing under overload.
 *
 * <p>The early answer is only given when no earlier request of the connection is still unanswered;
 * otherwise it would overtake that answer, so the connection is closed instead (only clients that
 * pipeline see this). Per channel: it holds the reservations of the connection's unanswered
 * requests, in order, and whether it is dropping a refused body.
 */
final class RequestBodyBudgetHandler extends ChannelDuplexHandler {
  private static final Logger LOG = LoggerFactory.getLogger(RequestBodyBudgetHandler.class);

  private final RequestAdmission admission;
  private final int maxBodyBytes;
  private final Deque<Integer> reserved = new ArrayDeque<>();
  private boolean discarding;
  private boolean closeAfterDiscarding;

  RequestBodyBudgetHandler(RequestAdmission admission, int maxBodyBytes) {
    this.admission = admission;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (discarding) {
      discard(ctx, msg);
    } else if (msg instanceof HttpRequest request) {
      head(ctx, request);
    } else {
      ctx.fireChannelRead(msg);
    }
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof HttpResponse response
        && response.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
      Integer bytes = reserved.poll();
      if (bytes != null) {
        admission.releaseBody(bytes);
      }
    }
    ctx.write(msg, promise);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    releaseAll();
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    releaseAll();
  }

  private void head(ChannelHandlerContext ctx, HttpRequest request) {
    int bytes = announcedBodyBytes(request);
    Optional<String> refused = admission.tryReserveBody(bytes);
    if (refused.isEmpty()) {
      reserved.add(bytes);
      ctx.fireChannelRead(request);
      return;
    }
    ReferenceCountUtil.release(request);
    if (!reserved.isEmpty() || HttpUtil.is100ContinueExpected(request)) {
      // An earlier answer is pending (or the client waits for 100 Continue): close instead.
      LOG.debug("Closing {}: {}", ctx.channel(), refused.get());
      ctx.close();
      return;
    }
    LOG.debug("Answering 503 to {}: {}", ctx.channel(), refused.get());
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    FullHttpResponse response =
        JsonRpcHttpResponses.error(
            HttpResponseStatus.SERVICE_UNAVAILABLE, JsonRpcException.LIMIT_EXCEEDED, refused.get());
    response
        .headers()
        .set(
            HttpHeaderNames.CONNECTION,
            keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    discarding = true;
    closeAfterDiscarding = !keepAlive;
    if (request instanceof LastHttpContent) {
      finishDiscarding(ctx);
    }
  }

  /**
   * Drops a refused request's body (read, so the client gets the answer rather than a reset); after
   * its last part, reads the next request.
   */
  private void discard(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof HttpContent content)) {
      ctx.fireChannelRead(msg);
      return;
    }
    boolean last = content instanceof LastHttpContent;
    content.release();
    if (last) {
      finishDiscarding(ctx);
    }
  }

  private void finishDiscarding(ChannelHandlerContext ctx) {
    discarding = false;
    ctx.fireUserEventTriggered(HttpRequestEvent.REQUEST_DISCARDED);
    if (closeAfterDiscarding) {
      ctx.close();
    }
  }

  /**
   * What the headers say the body will take: its Content-Length; the body limit for a chunked body
   * (its size is not known yet); 0 for none or a length over the limit, which the aggregator
   * answers with 413 before buffering anything.
   */
  private int announcedBodyBytes(HttpRequest request) {
    if (request.decoderResult().isFailure()) {
      return 0;
    }
    if (HttpUtil.isTransferEncodingChunked(request)) {
      return maxBodyBytes;
    }
    long length = HttpUtil.getContentLength(request, 0L);
    return length > maxBodyBytes || length < 0 ? 0 : (int) length;
  }

  private void releaseAll() {
    for (Integer bytes = reserved.poll(); bytes != null; bytes = reserved.poll()) {
      admission.releaseBody(bytes);
    }
  }
}
