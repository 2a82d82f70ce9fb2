package io.plasmanode.p2p.sync;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One connection to another node: a handle to request blocks from it or to penalize it. The address
 * names the peer for scores and bans: the address dialed, or for an inbound peer its IP with the
 * listen port from its Hello (its remote port when it does not listen).
 */
public final class Peer {
  /** Who opened the connection. */
  public enum Direction {
    INBOUND,
    OUTBOUND
  }

  static final AttributeKey<Peer> KEY = AttributeKey.valueOf("plasma.sync.peer");

  private final Channel channel;
  private final Direction direction;
  private final BlockRequests requests = new BlockRequests();
  private final AtomicBoolean closing = new AtomicBoolean();
  private volatile String address;
  private volatile long nodeId = -1;
  private volatile long height;
  private volatile boolean connected;

  Peer(Channel channel, Direction direction, String address) {
    this.channel = channel;
    this.direction = direction;
    this.address = address;
  }

  /** "ip:port" of a socket address, resolved when possible. */
  static String format(InetSocketAddress address) {
    String host =
        address.getAddress() != null
            ? address.getAddress().getHostAddress()
            : address.getHostString();
    return host + ":" + address.getPort();
  }

  /** The name used for scores and bans, "ip:port". */
  public String address() {
    return address;
  }

  public Direction direction() {
    return direction;
  }

  /** The peer's validated height: from its Hello, then its Status messages. */
  public long height() {
    return height;
  }

  /** The random id the peer sent in its Hello; -1 before the handshake. */
  public long nodeId() {
    return nodeId;
  }

  /** True from a completed handshake until the connection closes. */
  public boolean isConnected() {
    return connected && channel.isActive();
  }

  /** True when this connection completed the handshake, even if it closed since. */
  boolean wasConnected() {
    return connected;
  }

  Channel channel() {
    return channel;
  }

  BlockRequests requests() {
    return requests;
  }

  void handshake(long peerNodeId, String peerAddress, long peerHeight) {
    nodeId = peerNodeId;
    address = peerAddress;
    height = peerHeight;
  }

  void height(long newHeight) {
    height = newHeight;
  }

  void markConnected() {
    connected = true;
  }

  /** Closes the connection; true only for the first call. */
  boolean close() {
    boolean first = closing.compareAndSet(false, true);
    channel.close();
    return first;
  }

  @Override
  public String toString() {
    return "peer " + address + " (" + direction.name().toLowerCase(Locale.ROOT) + ")";
  }
}
