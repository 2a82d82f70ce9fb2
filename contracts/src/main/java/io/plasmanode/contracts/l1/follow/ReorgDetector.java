package io.plasmanode.contracts.l1.follow;

import io.plasmanode.core.l1.RootChain;
import io.plasmanode.core.types.Hash32;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Remembers the hashes of the last L1 blocks an {@link L1EventFollower} consumed (the last block of
 * each chunk, the newest {@value #CHECKPOINTS}) and tells when the newest one changed: a reorg
 * deeper than the confirmations replaced blocks whose events were already applied. Used under the
 * follower's lock.
 */
final class ReorgDetector {
  static final int CHECKPOINTS = 64;

  private final Deque<Checkpoint> checkpoints = new ArrayDeque<>(); // newest first

  private record Checkpoint(long block, Hash32 hash) {}

  /** Block {@code block}, with hash {@code hash}, is the last of a chunk being consumed. */
  void consumed(long block, Hash32 hash) {
    dropAbove(block - 1);
    checkpoints.addFirst(new Checkpoint(block, hash));
    while (checkpoints.size() > CHECKPOINTS) {
      checkpoints.removeLast();
    }
  }

  /**
   * Compares the newest block consumed, up to {@code lastApplied}, with {@code l1}'s chain of head
   * {@code head} ({@code previousHead} at the poll before). Without one (a fresh start) it
   * remembers {@code lastApplied}'s hash instead: a reorg while the node was down goes unseen.
   */
  Optional<L1Reorg> check(RootChain l1, OptionalLong lastApplied, long head, long previousHead) {
    if (lastApplied.isEmpty()) {
      checkpoints.clear();
      return Optional.empty();
    }
    dropAbove(lastApplied.getAsLong()); // a cursor moved back: those blocks are read again
    if (checkpoints.isEmpty()) {
      if (lastApplied.getAsLong() <= head) {
        l1.l1BlockHash(lastApplied.getAsLong())
            .ifPresent(hash -> consumed(lastApplied.getAsLong(), hash));
      }
      return Optional.empty();
    }
    Checkpoint newest = checkpoints.getFirst();
    if (newest.block() > head) {
      return Optional.empty(); // an L1 node behind the one read before: compare once it caught up
    }
    Optional<Hash32> now = l1.l1BlockHash(newest.block());
    if (now.isEmpty() || now.get().equals(newest.hash())) {
      return Optional.empty();
    }
    OptionalLong unchanged = newestUnchanged(l1);
    checkpoints.clear();
    consumed(newest.block(), now.get());
    return Optional.of(
        new L1Reorg(newest.block(), newest.hash(), now.get(), previousHead, unchanged));
  }

  /** The newest block consumed before the newest one whose hash is still the same, if any. */
  private OptionalLong newestUnchanged(RootChain l1) {
    Iterator<Checkpoint> older = checkpoints.iterator();
    older.next();
    while (older.hasNext()) {
      Checkpoint checkpoint = older.next();
      if (l1.l1BlockHash(checkpoint.block()).filter(checkpoint.hash()::equals).isPresent()) {
        return OptionalLong.of(checkpoint.block());
      }
    }
    return OptionalLong.empty();
  }

  private void dropAbove(long block) {
    while (!checkpoints.isEmpty() && checkpoints.getFirst().block() > block) {
      checkpoints.removeFirst();
    }
  }
}
