package io.plasmanode.p2p.sync;

import java.util.Optional;

/**
 * The blocks this node serves to peers: the watcher's validated blocks (or the operator's). Called
 * on an executor, never on an event loop, so it may read from disk; it must be thread-safe. The
 * opposite direction, where a watcher fetches untrusted blocks from, is the node's {@code
 * RemoteBlockSource}.
 */
public interface ServedBlocks {
  /** Child block {@code blknum}, if this node has it. */
  Optional<SyncBlock> block(long blknum);

  /** The highest child block number this node serves (0 when none); sent in Hello and Status. */
  long height();
}
