package io.plasmanode.p2p.sync;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.plasmanode.p2p.limit.TokenBucket;
import io.plasmanode.p2p.sync.SyncMessage.Blocks;
import java.util.function.LongSupplier;

/**
 * The per-peer message rate: a token bucket of {@code perSecond} tokens, refilled continuously. A
 * message without a token is a {@link Misbehaviour#REQUEST_FLOOD}. Blocks are not counted: they
 * answer this node's own requests, which {@link BlockRequests} checks. Per channel.
 */
final class MessageRateLimitHandler extends ChannelInboundHandlerAdapter {
  private final int perSecond;
  private final TokenBucket bucket;

  MessageRateLimitHandler(int perSecond, LongSupplier nanoTime) {
    this.perSecond = perSecond;
    this.bucket = new TokenBucket(perSecond, nanoTime);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof Blocks) && !bucket.tryAcquire()) {
      throw new SyncProtocolException(
          Misbehaviour.REQUEST_FLOOD, "more than " + perSecond + " messages a second");
    }
    ctx.fireChannelRead(msg);
  }
}
