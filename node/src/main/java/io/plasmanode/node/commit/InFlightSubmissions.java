package io.plasmanode.node.commit;

import java.util.List;
import java.util.TreeMap;

/**
 * The root committer's submissions not final yet, by block number: sent by this run or found on L1
 * at start. The only owner of that set; it hands out copies, never the live collection. Each {@link
 * Submission} keeps its own transactions, fees and receipt. Used only on the committer's thread.
 */
final class InFlightSubmissions {
  private final TreeMap<Long, Submission> byBlknum = new TreeMap<>();

  /** Forgets them all: reconcile starts over from what L1 holds. */
  void clear() {
    byBlknum.clear();
  }

  /** Starts following {@code submission} (sent now, or found on L1 at start). */
  void add(Submission submission) {
    byBlknum.put(submission.blknum, submission);
  }

  /** Stops following {@code submission}: it is final and recorded committed. */
  void confirm(Submission submission) {
    byBlknum.remove(submission.blknum);
  }

  /**
   * An L1 reorganisation dropped the mined transaction of {@code submission}, or may have dropped
   * its unmined one: it is due for a re-send at once.
   */
  void markDropped(Submission submission) {
    submission.droppedByReorg();
  }

  /** Whether block {@code blknum} is in flight. */
  boolean contains(long blknum) {
    return byBlknum.containsKey(blknum);
  }

  boolean isEmpty() {
    return byBlknum.isEmpty();
  }

  /** Whether a block above {@code blknum} is in flight. */
  boolean hasHigherThan(long blknum) {
    return !byBlknum.isEmpty() && blknum < byBlknum.lastKey();
  }

  /** How many of them are sent and not mined. */
  int unmined() {
    return (int) byBlknum.values().stream().filter(s -> s.mined().isEmpty()).count();
  }

  /** A copy of them, in block order (lowest first); later changes to the set do not show in it. */
  List<Submission> inOrder() {
    return List.copyOf(byBlknum.values());
  }
}
