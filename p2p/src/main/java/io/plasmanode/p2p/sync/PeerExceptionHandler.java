package io.plasmanode.p2p.sync;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler: protocol errors score the peer down and close it; I/O errors close it; anything
 * else is a bug, logged as an error, and closes it too. Stateless.
 */
@ChannelHandler.Sharable
final class PeerExceptionHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(PeerExceptionHandler.class);

  private final PeerRegistry registry;

  PeerExceptionHandler(PeerRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Peer peer = ctx.channel().attr(Peer.KEY).get();
    Throwable error =
        cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
    switch (error) {
      case SyncProtocolException e -> registry.penalize(peer, e.misbehaviour(), e.getMessage());
      case TooLongFrameException e ->
          registry.penalize(peer, Misbehaviour.OVERSIZED_FRAME, e.getMessage());
      case DecoderException e ->
          registry.penalize(peer, Misbehaviour.MALFORMED_MESSAGE, e.getMessage());
      case IOException e -> {
        LOG.debug("I/O error on {}: {}", peer, e.toString());
        peer.close();
      }
      default -> {
        LOG.error("Unexpected error on {}", peer, cause);
        peer.close();
      }
    }
  }
}
