package io.plasmanode.p2p.rpc;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request deadline: a request must arrive whole (line, headers and body) within {@code timeout}
 * of its first byte, else it is answered HTTP 408 and the connection is closed. Unlike the idle
 * timeout, which any byte resets, this stops a client that dribbles a byte every few seconds to
 * hold a connection (and a partial request in memory) forever.
 *
 * <p>Sits after the body aggregator: the first byte is signalled by {@link RequestBytesHandler}
 * before the codec, and a {@link FullHttpRequest} coming through means the request has arrived (as
 * does {@link HttpRequestEvent#REQUEST_DISCARDED} for one refused by the body budget). Bytes are
 * read only between requests (the pipelining handler stops reading while one is served), so a slow
 * method never counts against its client. Per channel: it holds the running timer.
 */
final class RequestDeadlineHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(RequestDeadlineHandler.class);

  private final Duration timeout;
  private final LongAdder timedOut;
  private ScheduledFuture<?> deadline;
  private boolean expired;

  /** {@code timedOut} counts the requests that missed the deadline, across channels. */
  RequestDeadlineHandler(Duration timeout, LongAdder timedOut) {
    this.timeout = timeout;
    this.timedOut = timedOut;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event == HttpRequestEvent.REQUEST_DISCARDED) {
      cancel();
    } else if (event != HttpRequestEvent.BYTES_READ) {
      ctx.fireUserEventTriggered(event);
    } else if (deadline == null && !expired) {
      deadline =
          ctx.executor().schedule(() -> expire(ctx), timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof FullHttpRequest) {
      cancel();
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    cancel();
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    cancel();
  }

  private void expire(ChannelHandlerContext ctx) {
    deadline = null;
    if (!ctx.channel().isActive()) {
      return;
    }
    expired = true;
    timedOut.increment();
    LOG.debug(
        "Closing {}: request not complete {} ms after its first byte", ctx.channel(), millis());
    ctx.channel().config().setAutoRead(false);
    FullHttpResponse response =
        JsonRpcHttpResponses.error(
            HttpResponseStatus.REQUEST_TIMEOUT,
            JsonRpcException.INVALID_REQUEST,
            "Request not received in full within " + millis() + " ms of its first byte");
    response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }

  private long millis() {
    return timeout.toMillis();
  }

  private void cancel() {
    if (deadline != null) {
      deadline.cancel(false);
      deadline = null;
    }
  }
}
