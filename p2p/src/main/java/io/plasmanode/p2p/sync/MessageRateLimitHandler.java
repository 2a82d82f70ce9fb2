package io.plasmanode.p2p.sync;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.plasmanode.p2p.sync.SyncMessage.Blocks;
import java.util.function.LongSupplier;

/**
 * The per-peer message rate: a token bucket of {@code perSecond} tokens, refilled continuously. A
 * message without a token is a {@link Misbehaviour#REQUEST_FLOOD}. Blocks are not counted: they
 * answer this node's own requests, which {@link BlockRequests} checks. Per channel.
 */
final class MessageRateLimitHandler extends ChannelInboundHandlerAdapter {
  private static final double NANOS_PER_SECOND = 1e9;

  private final int perSecond;
  private final LongSupplier nanoTime;
  private double tokens;
  private long lastRefill;

  MessageRateLimitHandler(int perSecond, LongSupplier nanoTime) {
    this.perSecond = perSecond;
    this.nanoTime = nanoTime;
    this.tokens = perSecond;
    this.lastRefill = nanoTime.getAsLong();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof Blocks) && !tryAcquire()) {
      throw new SyncProtocolException(
          Misbehaviour.REQUEST_FLOOD, "more than " + perSecond + " messages a second");
    }
    ctx.fireChannelRead(msg);
  }

  private boolean tryAcquire() {
    long now = nanoTime.getAsLong();
    tokens = Math.min(perSecond, tokens + (now - lastRefill) * perSecond / NANOS_PER_SECOND);
    lastRefill = now;
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}
