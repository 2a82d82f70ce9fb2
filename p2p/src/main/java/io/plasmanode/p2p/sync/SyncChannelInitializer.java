package io.plasmanode.p2p.sync;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The peer pipeline, one handler per concern: idle timeouts, 4-byte length framing with the maximum
 * frame size, the message codec, the per-peer rate limit, the handshake, the peer's messages, then
 * error triage. One instance for inbound and one for outbound connections.
 */
final class SyncChannelInitializer extends ChannelInitializer<Channel> {
  /** Set on outbound channels: the address dialed, which names the peer. */
  static final AttributeKey<InetSocketAddress> DIALED = AttributeKey.valueOf("plasma.sync.dialed");

  static final int LENGTH_BYTES = 4;

  private final SyncServices services;
  private final Peer.Direction direction;
  private final PeerExceptionHandler errors;

  SyncChannelInitializer(SyncServices services, Peer.Direction direction) {
    this.services = services;
    this.direction = direction;
    this.errors = new PeerExceptionHandler(services.registry());
  }

  @Override
  protected void initChannel(Channel channel) {
    SyncConfig config = services.config();
    channel.attr(Peer.KEY).set(new Peer(channel, direction, address(channel)));
    channel
        .pipeline()
        .addLast(
            "idle",
            new IdleStateHandler(
                config.idleTimeout().toMillis(),
                config.pingInterval().toMillis(),
                0,
                TimeUnit.MILLISECONDS))
        .addLast(
            "frameDecoder",
            new LengthFieldBasedFrameDecoder(
                config.maxFrameBytes(), 0, LENGTH_BYTES, 0, LENGTH_BYTES))
        .addLast("framePrepender", new LengthFieldPrepender(LENGTH_BYTES))
        .addLast("codec", new SyncMessageCodec(config.maxFrameBytes()))
        .addLast(
            "rateLimit", new MessageRateLimitHandler(config.messagesPerSecond(), System::nanoTime))
        .addLast("handshake", new HandshakeHandler(services))
        .addLast("peer", new PeerHandler(services))
        .addLast("errors", errors);
  }

  private String address(Channel channel) {
    InetSocketAddress dialed = channel.attr(DIALED).get();
    return Peer.format(dialed != null ? dialed : (InetSocketAddress) channel.remoteAddress());
  }
}
