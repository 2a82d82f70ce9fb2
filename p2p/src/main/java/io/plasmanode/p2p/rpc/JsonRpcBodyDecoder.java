package io.plasmanode.p2p.rpc;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aggregates a request and its body, at most {@code maxBodyBytes}, into one {@code
 * FullHttpRequest}. A larger body is answered with HTTP 413 and a JSON-RPC error; the rest of that
 * body (up to another {@code maxBodyBytes}) is read and dropped so the client can read the answer,
 * then the connection is closed. Per channel: it holds the request being aggregated.
 */
final class JsonRpcBodyDecoder extends HttpObjectAggregator {
  private static final Logger LOG = LoggerFactory.getLogger(JsonRpcBodyDecoder.class);

  private final int maxBodyBytes;
  private ChannelFuture rejection;
  private long discardedBytes;

  JsonRpcBodyDecoder(int maxBodyBytes) {
    super(maxBodyBytes, true);
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (rejection != null) {
      discard(ctx, msg);
      return;
    }
    boolean last = msg instanceof LastHttpContent;
    super.channelRead(ctx, msg);
    if (rejection != null && last) {
      closeAfterRejection();
    }
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized)
      throws Exception {
    if (!(oversized instanceof HttpRequest)) {
      super.handleOversizedMessage(ctx, oversized);
      return;
    }
    LOG.debug("Rejected a request body over {} bytes from {}", maxBodyBytes, ctx.channel());
    FullHttpResponse response =
        JsonRpcHttpResponses.error(
            HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
            JsonRpcException.INVALID_REQUEST,
            "Request body exceeds " + maxBodyBytes + " bytes");
    response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    rejection = ctx.writeAndFlush(response);
    rejection.addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
  }

  private void discard(ChannelHandlerContext ctx, Object msg) {
    boolean last = msg instanceof LastHttpContent;
    if (msg instanceof HttpContent content) {
      discardedBytes += content.content().readableBytes();
    }
    ReferenceCountUtil.release(msg);
    if (last || discardedBytes > maxBodyBytes) {
      closeAfterRejection();
    }
  }

  private void closeAfterRejection() {
    rejection.addListener(ChannelFutureListener.CLOSE);
  }
}
