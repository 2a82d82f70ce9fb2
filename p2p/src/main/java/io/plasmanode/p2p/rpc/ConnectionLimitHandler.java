package io.plasmanode.p2p.rpc;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.SocketAddress;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First in the pipeline: counts the connection with the server's {@link ConnectionLimiter} when it
 * opens and closes it at once, before anything is read, if it is over the server-wide or the
 * per-address limit. Per channel: it remembers whether this connection was counted.
 */
final class ConnectionLimitHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimitHandler.class);

  private final ConnectionLimiter limiter;
  private SocketAddress counted;

  ConnectionLimitHandler(ConnectionLimiter limiter) {
    this.limiter = limiter;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    SocketAddress remote = ctx.channel().remoteAddress();
    Optional<String> refused = limiter.tryAcquire(remote);
    if (refused.isPresent()) {
      LOG.debug("Refusing connection {}: {}", ctx.channel(), refused.get());
      ctx.close();
      return;
    }
    counted = remote;
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (counted != null) {
      limiter.release(counted);
      counted = null;
      ctx.fireChannelInactive();
    }
  }
}
