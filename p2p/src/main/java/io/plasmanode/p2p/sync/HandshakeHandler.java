package io.plasmanode.p2p.sync;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.plasmanode.p2p.sync.SyncMessage.Hello;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends this node's Hello when the connection opens and expects the peer's as its first message:
 * same protocol version, chain and contract, or the peer is {@link Misbehaviour#INCOMPATIBLE}. An
 * accepted peer is admitted to the registry and this handler leaves the pipeline. Per channel.
 */
final class HandshakeHandler extends ChannelInboundHandlerAdapter {
  /** The version of the protocol described in docs/p2p.md. */
  static final int PROTOCOL_VERSION = 1;

  private static final Logger LOG = LoggerFactory.getLogger(HandshakeHandler.class);

  private final SyncServices services;

  HandshakeHandler(SyncServices services) {
    this.services = services;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    SyncConfig config = services.config();
    ctx.writeAndFlush(
        new Hello(
            PROTOCOL_VERSION,
            config.chainId(),
            config.contract(),
            services.registry().ownNodeId(),
            services.listenPort().getAsInt(),
            services.localHeight().getAsLong()));
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof Hello hello)) {
      throw new SyncProtocolException(
          Misbehaviour.UNEXPECTED_MESSAGE, msg.getClass().getSimpleName() + " before Hello");
    }
    Peer peer = ctx.channel().attr(Peer.KEY).get();
    peer.handshake(hello.nodeId(), address(ctx, peer, hello), hello.height());
    checkCompatible(hello);
    Optional<String> refusal = services.registry().admit(peer);
    if (refusal.isPresent()) {
      LOG.debug("Closing {}: {}", peer, refusal.get());
      peer.close();
      return;
    }
    LOG.debug("Connected to {} at height {}", peer, hello.height());
    ctx.pipeline().remove(this);
  }

  private void checkCompatible(Hello hello) {
    SyncConfig config = services.config();
    if (hello.version() != PROTOCOL_VERSION) {
      throw incompatible("protocol version " + hello.version() + ", expected " + PROTOCOL_VERSION);
    }
    if (hello.chainId() != config.chainId()) {
      throw incompatible("chain " + hello.chainId() + ", expected " + config.chainId());
    }
    if (!hello.contract().equals(config.contract())) {
      throw incompatible("contract " + hello.contract() + ", expected " + config.contract());
    }
  }

  private static String address(ChannelHandlerContext ctx, Peer peer, Hello hello) {
    if (peer.direction() == Peer.Direction.OUTBOUND || hello.listenPort() == 0) {
      return peer.address();
    }
    InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
    return Peer.format(new InetSocketAddress(remote.getAddress(), hello.listenPort()));
  }

  private static SyncProtocolException incompatible(String detail) {
    return new SyncProtocolException(Misbehaviour.INCOMPATIBLE, detail);
  }
}
