package io.plasmanode.p2p.rpc;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import java.util.ArrayDeque;
import java.util.Queue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets one request per connection through at a time, so responses go out in request order (HTTP/1.1
 * pipelining) and a connection holds at most one executor slot and one unsent response. Reading
 * pauses while a response is awaited or being written; requests already decoded wait here, at most
 * {@code maxQueued}, beyond which the connection is closed. Requests completed by a disconnect are
 * dropped. Per channel.
 */
final class HttpPipeliningHandler extends ChannelDuplexHandler {
  private static final Logger LOG = LoggerFactory.getLogger(HttpPipeliningHandler.class);

  private final int maxQueued;
  private final Queue<FullHttpRequest> queued = new ArrayDeque<>();
  private boolean awaitingResponse;

  HttpPipeliningHandler(int maxQueued) {
    this.maxQueued = maxQueued;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request)) {
      ctx.fireChannelRead(msg);
    } else if (!ctx.channel().isActive()) {
      // The codec flushes a partial request when the peer disconnects: nobody to answer.
      request.release();
    } else if (!awaitingResponse) {
      pass(ctx, request);
    } else if (queued.size() < maxQueued) {
      queued.add(request);
    } else {
      LOG.debug("Closing {}: more than {} pipelined requests", ctx.channel(), maxQueued);
      request.release();
      ctx.close();
    }
  }

  /**
   * Passes the next request on once an answer has been written out to the socket, not merely
   * queued: a client that does not read its answers has at most one waiting in memory.
   */
  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof HttpResponse response
        && response.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
      ChannelPromise written = promise.unvoid();
      written.addListener(done -> ctx.executor().execute(() -> next(ctx)));
      ctx.write(msg, written);
    } else {
      ctx.write(msg, promise);
    }
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    queued.forEach(FullHttpRequest::release);
    queued.clear();
  }

  private void next(ChannelHandlerContext ctx) {
    awaitingResponse = false;
    if (!ctx.channel().isActive()) {
      return;
    }
    FullHttpRequest request = queued.poll();
    if (request != null) {
      pass(ctx, request);
    } else {
      ctx.channel().config().setAutoRead(true);
    }
  }

  private void pass(ChannelHandlerContext ctx, FullHttpRequest request) {
    awaitingResponse = true;
    ctx.channel().config().setAutoRead(false);
    ctx.fireChannelRead(request);
  }
}
