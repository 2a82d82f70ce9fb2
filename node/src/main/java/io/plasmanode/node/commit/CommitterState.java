package io.plasmanode.node.commit;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the root committer knows between rounds, besides its submissions in flight ({@link
 * InFlightSubmissions}): the anchor of the nonce mapping, the highest blocks sent and final, and
 * the alarm (or foreign root) that halted it. Used only on the committer's thread.
 */
final class CommitterState {
  private static final Logger LOG = LoggerFactory.getLogger(CommitterState.class);

  private Optional<ChainAnchor> anchor = Optional.empty();
  private Optional<String> halted = Optional.empty();
  private Optional<ForeignRoot> foreignRoot = Optional.empty();
  private long lastSubmittedBlock;
  private long lastCommittedBlock;

  /** {@code nextChildBlock} and the operator's nonce as last read; empty before reconcile. */
  Optional<ChainAnchor> anchor() {
    return anchor;
  }

  void anchor(ChainAnchor fresh) {
    anchor = Optional.of(fresh);
  }

  /** Halts the committer: no submission goes out until a person restarts the node. */
  void halt(String alarm) {
    LOG.error("Root committer halted: {}", alarm);
    halted = Optional.of(alarm);
  }

  /**
   * Halts the committer for good on a root this operator did not produce; the first one found is
   * the one reported.
   */
  void foreignRoot(ForeignRoot found) {
    if (foreignRoot.isEmpty()) {
      foreignRoot = Optional.of(found);
      halt(found.alarm());
    }
  }

  /** The root on L1 this operator did not produce, if one was found. */
  Optional<ForeignRoot> foreignRoot() {
    return foreignRoot;
  }

  /** Halts the committer after a round failed unexpectedly (the caller logs the failure). */
  void failed(String alarm) {
    halted = Optional.of(alarm);
  }

  boolean halted() {
    return halted.isPresent();
  }

  /** Why the committer halted, if it did. */
  Optional<String> haltAlarm() {
    return halted;
  }

  /** The highest child block sent to L1 by this run (0 if none). */
  long lastSubmittedBlock() {
    return lastSubmittedBlock;
  }

  void submitted(long blknum) {
    lastSubmittedBlock = Math.max(lastSubmittedBlock, blknum);
  }

  /** The highest child block committed on L1 with its confirmations (0 if none). */
  long lastCommittedBlock() {
    return lastCommittedBlock;
  }

  /** Sets it: after reconcile, or lower after an L1 reorganisation lost committed blocks. */
  void lastCommittedBlock(long blknum) {
    lastCommittedBlock = blknum;
  }

  void committed(long blknum) {
    lastCommittedBlock = Math.max(lastCommittedBlock, blknum);
  }
}
