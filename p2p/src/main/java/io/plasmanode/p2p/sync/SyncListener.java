package io.plasmanode.p2p.sync;

import java.util.List;

/**
 * What peers tell this node. Calls come one at a time, in the order received, on one thread that is
 * not an event loop; a slow listener delays later calls but never the network.
 */
public interface SyncListener {
  /** A peer completed the handshake; {@code height} is the height in its Hello. */
  default void onConnected(Peer peer, long height) {}

  /** A peer's validated height changed. */
  default void onStatus(Peer peer, long height) {}

  /**
   * A peer answered a request with these blocks (also delivered to the request's future). Blocks
   * are in the requested range and in order, but unchecked: compare each root with L1.
   */
  default void onBlocks(Peer peer, List<SyncBlock> blocks) {}

  /** A peer announced that it has block {@code blknum}. */
  default void onNewBlock(Peer peer, long blknum) {}

  /** A connected peer went away (closed, timed out, banned or replaced). */
  default void onDisconnected(Peer peer) {}
}
