package io.plasmanode.p2p.rpc;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Just before the HTTP codec: announces each read of bytes with {@link
 * HttpRequestEvent#BYTES_READ}, so the {@link RequestDeadlineHandler} after the codec learns when a
 * request's first byte arrived (the codec shows it nothing until the headers are complete).
 * Stateless, so shared by all channels.
 */
@ChannelHandler.Sharable
final class RequestBytesHandler extends ChannelInboundHandlerAdapter {
  static final RequestBytesHandler INSTANCE = new RequestBytesHandler();

  private RequestBytesHandler() {}

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf bytes && bytes.isReadable()) {
      ctx.fireUserEventTriggered(HttpRequestEvent.BYTES_READ);
    }
    ctx.fireChannelRead(msg);
  }
}
