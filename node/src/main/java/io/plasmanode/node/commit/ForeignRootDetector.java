package io.plasmanode.node.commit;

import io.plasmanode.core.types.Hash32;
import io.plasmanode.storage.chain.ChainStore;
import java.util.Optional;

/**
 * Follows the contract's {@code BlockSubmitted} events up to the L1 head and compares each with the
 * database: a root whose block the database lacks, or whose high 224 bits differ from the
 * database's block, was not produced by this operator ({@link ForeignRoot}). It reads the events at
 * the head, without waiting for confirmations: a foreign submission proves that someone else holds
 * the operator key even if a reorganisation drops it later.
 *
 * <p>It runs in every round of the committer, busy or idle, so it does not depend on the operator
 * producing a block. Each scan re-reads the last {@code rescanBlocks} L1 blocks already read, so an
 * event that an L1 reorganisation moves into them is still seen. Used only on the committer's
 * thread.
 */
final class ForeignRootDetector {
  /** The most L1 blocks one {@code eth_getLogs} query covers. */
  static final long MAX_BLOCKS_PER_QUERY = 2_000;

  private final ChainStore store;
  private final CommitChannel channel;
  private final long rescanBlocks;
  private long scannedTo = -1;
  private long lastHead = -1;

  ForeignRootDetector(ChainStore store, CommitChannel channel, int rescanBlocks) {
    this.store = store;
    this.channel = channel;
    this.rescanBlocks = rescanBlocks;
  }

  /** Reconcile compared the database with L1 as of {@code l1Block}: scanning goes on from there. */
  void reconciledAt(long l1Block) {
    scannedTo = l1Block;
    lastHead = -1;
  }

  /**
   * Scans the events of the L1 blocks up to {@code head} not scanned yet (and the last {@code
   * rescanBlocks} ones); nothing if the head has not moved.
   *
   * @return the first foreign root found
   */
  Optional<ForeignRoot> scan(long head) {
    if (head == lastHead || head < 0) {
      return Optional.empty();
    }
    long from = Math.max(0, Math.min(scannedTo + 1, head) - rescanBlocks);
    while (from <= head) {
      long to = Math.min(head, from + MAX_BLOCKS_PER_QUERY - 1);
      Optional<ForeignRoot> found =
          channel.submissions(from, to).stream().flatMap(e -> foreign(e).stream()).findFirst();
      if (found.isPresent()) {
        return found;
      }
      scannedTo = Math.max(scannedTo, to);
      from = to + 1;
    }
    lastHead = head;
    return Optional.empty();
  }

  /** The event as a foreign root, unless the database's block of its number has its root. */
  Optional<ForeignRoot> foreign(SubmittedBlock event) {
    Optional<Hash32> own = store.blockRoot(event.blknum());
    if (own.isPresent() && own.get().high224Equals(event.root())) {
      return Optional.empty();
    }
    return Optional.of(new ForeignRoot(event, own));
  }
}
