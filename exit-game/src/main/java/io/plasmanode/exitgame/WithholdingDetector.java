package io.plasmanode.exitgame;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.l1.BlockCommitment;
import io.plasmanode.core.tx.UtxoPos;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Detects block withholding: a child block whose root is on L1 but whose contents the watcher could
 * not obtain within {@code maxWait}. The wait starts when the watcher learnt of the root (never
 * before the root's L1 time), so a watcher catching up on old roots gives itself the time to fetch
 * them. Each withheld block is reported once.
 *
 * <p>Pure and clock-driven: the watcher reports roots and obtained blocks and calls {@link
 * #check(Instant)} on its own schedule. Its state is {@link #pending()}, which a store persists and
 * passes back to the constructor on restart. Not thread-safe.
 */
public final class WithholdingDetector {
  private final Duration maxWait;
  private final Map<Long, PendingRoot> pending = new TreeMap<>();

  /**
   * A committed root whose block was not obtained yet.
   *
   * @param committedAt the root's L1 timestamp
   * @param waitingSince when the wait started: the later of {@code committedAt} and when the
   *     watcher saw the root
   * @param reported whether {@code block_withholding} was already raised
   */
  public record PendingRoot(
      long blknum, Instant committedAt, Instant waitingSince, boolean reported) {
    public PendingRoot {
      requireNonNull(committedAt, "committedAt");
      requireNonNull(waitingSince, "waitingSince");
    }
  }

  public WithholdingDetector(Duration maxWait) {
    this(maxWait, List.of());
  }

  /** Restores a detector from the {@link #pending()} roots it had. */
  public WithholdingDetector(Duration maxWait, Collection<PendingRoot> pending) {
    checkArgument(maxWait.isPositive(), "maxWait must be positive, got %s", maxWait);
    this.maxWait = maxWait;
    pending.forEach(root -> this.pending.put(root.blknum(), root));
  }

  /**
   * Notes a child block's root that the watcher saw on L1 at {@code seenAt}. Deposit blocks are
   * ignored (their contents are in the L1 deposit event); a root seen again is ignored.
   */
  public void rootCommitted(BlockCommitment commitment, Instant seenAt) {
    long blknum = commitment.blknum();
    if (blknum % UtxoPos.CHILD_BLOCK_INTERVAL != 0 || pending.containsKey(blknum)) {
      return;
    }
    Instant committedAt = commitment.timestamp();
    Instant since = seenAt.isAfter(committedAt) ? seenAt : committedAt;
    pending.put(blknum, new PendingRoot(blknum, committedAt, since, false));
  }

  /**
   * Notes that the contents of {@code blknum} matching its root were obtained: a block that
   * validated, or one that is invalid by the operator's fault. Not for a root mismatch or a
   * signature failure, which may be the peer's.
   */
  public void blockObtained(long blknum) {
    pending.remove(blknum);
  }

  /** The blocks overdue at {@code now} that were not reported before, in block order. */
  public List<ByzantineEvent.BlockWithholding> check(Instant now) {
    List<ByzantineEvent.BlockWithholding> events = new ArrayList<>();
    for (PendingRoot root : List.copyOf(pending.values())) {
      Duration waited = Duration.between(root.waitingSince(), now);
      if (!root.reported() && waited.compareTo(maxWait) >= 0) {
        pending.put(
            root.blknum(),
            new PendingRoot(root.blknum(), root.committedAt(), root.waitingSince(), true));
        events.add(
            new ByzantineEvent.BlockWithholding(root.blknum(), root.committedAt(), waited, now));
      }
    }
    return events;
  }

  /**
   * Whether {@code block_withholding} was raised for {@code blknum} and it is still not obtained.
   */
  public boolean isWithheld(long blknum) {
    PendingRoot root = pending.get(blknum);
    return root != null && root.reported();
  }

  /** The roots whose blocks were not obtained yet, in block order: the state to persist. */
  public List<PendingRoot> pending() {
    return List.copyOf(pending.values());
  }
}
