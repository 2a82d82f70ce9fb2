package io.plasmanode.p2p.sync;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToMessageCodec;
import java.util.List;

/**
 * Frames to messages and back, delegating to {@link SyncWire}. Refuses to send a frame above the
 * maximum size, as the peer would drop the connection. Per channel.
 */
final class SyncMessageCodec extends MessageToMessageCodec<ByteBuf, SyncMessage> {
  private final int maxFrameBytes;

  SyncMessageCodec(int maxFrameBytes) {
    this.maxFrameBytes = maxFrameBytes;
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, SyncMessage message, List<Object> out) {
    byte[] frame = SyncWire.encode(message);
    if (frame.length > maxFrameBytes) {
      throw new EncoderException(
          "a " + frame.length + "-byte frame exceeds the limit of " + maxFrameBytes);
    }
    out.add(Unpooled.wrappedBuffer(frame));
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
    out.add(SyncWire.decode(ByteBufUtil.getBytes(frame)));
  }
}
