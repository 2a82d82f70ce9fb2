package io.plasmanode.p2p.sync;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one configured peer connected: dials it, and after a failure or a disconnect dials again
 * after a delay that doubles up to the maximum (reset by a handshake). While the address is banned,
 * the node is full, or the same node is connected the other way, it waits instead of dialing.
 */
final class Dialer {
  private static final Logger LOG = LoggerFactory.getLogger(Dialer.class);

  private final Bootstrap bootstrap;
  private final InetSocketAddress address;
  private final String name;
  private final PeerRegistry registry;
  private final EventLoopGroup loops;
  private final Duration initialDelay;
  private final Duration maxDelay;
  private Duration delay;
  private volatile long lastNodeId = -1;
  private volatile boolean stopped;

  Dialer(
      Bootstrap bootstrap,
      InetSocketAddress address,
      PeerRegistry registry,
      EventLoopGroup loops,
      SyncConfig config) {
    this.bootstrap = bootstrap.clone().attr(SyncChannelInitializer.DIALED, address);
    this.address = address;
    this.name = Peer.format(address);
    this.registry = registry;
    this.loops = loops;
    this.initialDelay = config.reconnectDelay();
    this.maxDelay = config.maxReconnectDelay();
    this.delay = initialDelay;
  }

  void start() {
    loops.execute(this::dial);
  }

  void stop() {
    stopped = true;
  }

  private void dial() {
    if (stopped) {
      return;
    }
    if (lastNodeId == registry.ownNodeId()) {
      LOG.warn("Peer {} is this node; not dialing it again", name);
      return;
    }
    if (registry.scores().isBanned(name) || registry.isFull() || registry.isConnected(lastNodeId)) {
      retryLater();
      return;
    }
    bootstrap.connect(address).addListener((ChannelFuture f) -> connected(f));
  }

  private void connected(ChannelFuture connect) {
    if (!connect.isSuccess()) {
      LOG.debug("Cannot connect to {}: {}", name, connect.cause().toString());
      retryLater();
      return;
    }
    Channel channel = connect.channel();
    channel.closeFuture().addListener(f -> disconnected(channel.attr(Peer.KEY).get()));
  }

  private synchronized void disconnected(Peer peer) {
    if (peer.nodeId() >= 0) {
      lastNodeId = peer.nodeId();
    }
    if (peer.wasConnected()) {
      delay = initialDelay;
    }
    retryLater();
  }

  private synchronized void retryLater() {
    if (stopped) {
      return;
    }
    Duration wait = delay;
    delay = delay.multipliedBy(2).compareTo(maxDelay) > 0 ? maxDelay : delay.multipliedBy(2);
    try {
      loops.schedule(this::dial, wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      LOG.debug("Not redialing {}: shutting down", name);
    }
  }
}
