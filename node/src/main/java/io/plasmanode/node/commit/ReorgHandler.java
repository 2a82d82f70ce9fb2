package io.plasmanode.node.commit;

import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.storage.chain.ChainStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices L1 reorganisations under the root committer's submissions and re-anchors the nonce
 * mapping.
 *
 * <p>Whenever L1 has a new head, the receipts of the mined, not yet final submissions are read
 * again. One that is gone was dropped by a reorganisation: L1 rolled back the contract's {@code
 * nextChildBlock} and the account's nonce together, so the block keeps its nonce and is re-sent at
 * once, followed by the later ones, whose transactions went with it. The anchor is then read again
 * (and every {@code resubmitAfter} anyway): blocks recorded committed that the contract no longer
 * has (a reorganisation deeper than the confirmations) become pending again and are re-sent before
 * the later ones. If the nonces in flight no longer follow from the new anchor, the key was used
 * elsewhere and the committer halts. A submission about to count as final is checked against the
 * contract's stored root once more.
 */
final class ReorgHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ReorgHandler.class);

  private final ChainStore store;
  private final CommitChannel channel;
  private final RootCommitterConfig config;
  private final CommitterState state;
  private final InFlightSubmissions inFlight;
  private final SubmissionTracker tracker;
  private long lastRecheckedHead = -1;
  private boolean reanchorNeeded;
  private Instant lastAnchorCheck = Instant.EPOCH;
  private Optional<Instant> nonceMismatchSince = Optional.empty();

  ReorgHandler(
      ChainStore store,
      CommitChannel channel,
      RootCommitterConfig config,
      CommitterState state,
      InFlightSubmissions inFlight,
      SubmissionTracker tracker) {
    this.store = store;
    this.channel = channel;
    this.config = config;
    this.state = state;
    this.inFlight = inFlight;
    this.tracker = tracker;
  }

  /** Reconcile just read the anchor; the receipts are read again at the next round's head. */
  void reconciled(Instant now) {
    lastAnchorCheck = now;
    lastRecheckedHead = -1;
  }

  /** Makes the next round read the anchor again (e.g. a block found on L1 without its receipt). */
  void anchorCheckNeeded() {
    reanchorNeeded = true;
  }

  /** Whether the anchor is due to be read again: after a reorganisation and every resubmitAfter. */
  boolean anchorCheckDue(Instant now) {
    return reanchorNeeded
        || !Duration.between(lastAnchorCheck, now).minus(config.resubmitAfter()).isNegative();
  }

  /**
   * Re-checks the mined submissions if L1 has a new {@code head}, then re-anchors if a
   * reorganisation was seen or {@code anchorCheckDue}.
   *
   * @return {@link ReorgCheck#HALTED} if the committer halted, else the round goes on
   */
  ReorgCheck checkForReorgs(long head, boolean anchorCheckDue, Instant now) {
    ReorgCheck rechecked = ReorgCheck.CONTINUE;
    if (head != lastRecheckedHead) {
      rechecked = recheckMined();
      lastRecheckedHead = head;
    }
    boolean afterReorg = reanchorNeeded;
    if (rechecked == ReorgCheck.HALTED) {
      return ReorgCheck.HALTED;
    }
    if (!afterReorg && !anchorCheckDue) {
      return ReorgCheck.CONTINUE;
    }
    return reanchor(now, afterReorg);
  }

  /**
   * Asks L1 again for the receipt of every mined submission. One a reorganisation dropped is due
   * for a re-send and the anchor is read again (noted at once, so an L1 failure later in the loop
   * cannot hide the drop). A receipt in another block is checked again as new.
   */
  private ReorgCheck recheckMined() {
    for (Submission submission : inFlight.inOrder()) {
      Optional<SubmissionReceipt> before = submission.mined();
      if (before.isEmpty()) {
        continue;
      }
      Optional<SubmissionReceipt> receipt = channel.receipt(before.get().txHash());
      if (receipt.isEmpty()) {
        LOG.warn(
            "Block {}: its submission {} (L1 block {}) was dropped by an L1 reorganisation",
            submission.blknum,
            before.get().txHash().toShortHex(),
            before.get().l1Block());
        inFlight.markDropped(submission);
        reanchorNeeded = true;
      } else if (receipt.get().l1Block() != before.get().l1Block()
          && tracker.accept(submission, receipt.get()) == Tracking.HALTED) {
        return ReorgCheck.HALTED;
      }
    }
    return ReorgCheck.CONTINUE;
  }

  /**
   * Re-reads the contract's {@code nextChildBlock} and the operator's nonce (after a
   * reorganisation, and every {@code resubmitAfter}). Blocks recorded committed that the contract
   * no longer has (a reorganisation deeper than the confirmations) become pending again and are
   * re-sent. The nonce of every block in flight must still follow from the new anchor; {@link
   * ReorgCheck#HALTED} if not. After a reorganisation, the unmined blocks L1 lacks are re-sent at
   * once: their transactions may have been dropped with it (the same signed bytes are harmless when
   * the pool still has them).
   */
  private ReorgCheck reanchor(Instant now, boolean afterReorg) {
    ChainAnchor fresh = channel.anchor();
    lastAnchorCheck = now;
    reanchorNeeded = false;
    long lastOnL1 = fresh.nextChildBlock() - UtxoPos.CHILD_BLOCK_INTERVAL;
    boolean reorged = afterReorg || lastOnL1 < state.lastCommittedBlock();
    if (lastOnL1 < state.lastCommittedBlock()) {
      reopenLost(fresh);
    }
    ReorgCheck nonces = checkNonces(fresh, reorged, now);
    if (nonces == ReorgCheck.CONTINUE) {
      state.anchor(fresh);
    }
    return nonces;
  }

  /** Makes the blocks recorded committed past the contract's last one pending again. */
  private void reopenLost(ChainAnchor fresh) {
    long lastOnL1 = fresh.nextChildBlock() - UtxoPos.CHILD_BLOCK_INTERVAL;
    List<Long> reopened = store.reopenCommits(lastOnL1 + UtxoPos.CHILD_BLOCK_INTERVAL);
    LOG.error(
        "L1 reorganised deeper than {} confirmation(s): the contract is back at child block {}"
            + " and lost block(s) {} recorded committed; submitting them again",
        config.commitConfirmations(),
        fresh.nextChildBlock(),
        reopened);
    state.lastCommittedBlock(lastOnL1);
  }

  /**
   * Checks the nonce of every submission the contract lacks against {@code fresh}; {@link
   * ReorgCheck#HALTED} if one differs for {@link SubmissionTracker#NONCE_EVIDENCE_GRACE}, {@link
   * ReorgCheck#LOOK_AGAIN} before that (L1 under load may serve a contract state and a nonce that
   * disagree for a moment: an anvil counted the nonce of a commit whose new {@code nextChildBlock}
   * it did not serve yet). Marks the unmined ones due for a re-send if {@code reorged}, or if they
   * were found on L1 at startup and never seen mined since.
   */
  private ReorgCheck checkNonces(ChainAnchor fresh, boolean reorged, Instant now) {
    for (Submission submission : inFlight.inOrder()) {
      if (submission.blknum < fresh.nextChildBlock()) {
        continue;
      }
      if (fresh.nonceOf(submission.blknum) != submission.nonce) {
        return nonceMismatch(fresh, submission, now);
      }
      if (submission.mined().isEmpty() && (reorged || submission.neverSeenMined())) {
        inFlight.markDropped(submission);
      }
    }
    nonceMismatchSince = Optional.empty();
    return ReorgCheck.CONTINUE;
  }

  private ReorgCheck nonceMismatch(ChainAnchor fresh, Submission submission, Instant now) {
    Instant since = nonceMismatchSince.orElse(now);
    nonceMismatchSince = Optional.of(since);
    reanchorNeeded = true;
    Duration lasting = Duration.between(since, now);
    if (lasting.compareTo(SubmissionTracker.NONCE_EVIDENCE_GRACE) < 0) {
      LOG.warn(
          "Block {}: L1 is at child block {} with operator nonce {}, so the block's nonce would be"
              + " {}, not {} ({} ms); sending nothing and looking again",
          submission.blknum,
          fresh.nextChildBlock(),
          fresh.nonce(),
          fresh.nonceOf(submission.blknum),
          submission.nonce,
          lasting.toMillis());
      return ReorgCheck.LOOK_AGAIN;
    }
    state.halt(
        ("block %d: L1 is at child block %d with operator nonce %d, so the block's nonce is"
                + " %d, not %d; is the operator key used elsewhere? Submissions halted;"
                + " restart the node to reconcile")
            .formatted(
                submission.blknum,
                fresh.nextChildBlock(),
                fresh.nonce(),
                fresh.nonceOf(submission.blknum),
                submission.nonce));
    return ReorgCheck.HALTED;
  }

  /**
   * Checks that the contract still holds the root of a submission about to count as final (a
   * reorganisation may have dropped it since its receipt was read): {@link Finality#FINAL} if it
   * does. If the root is gone, the submission is {@link Finality#DROPPED}, due for a re-send; if
   * another root holds its number, the committer halts.
   */
  Finality confirmStillOnL1(Submission submission) {
    Optional<Hash32> onL1 = channel.storedRoot(submission.blknum);
    if (onL1.isPresent() && onL1.get().high224Equals(submission.root)) {
      return Finality.FINAL;
    }
    Optional<SubmittedBlock> event =
        onL1.isPresent() ? channel.findSubmission(submission.blknum) : Optional.empty();
    if (event.isPresent() && !event.get().root().high224Equals(submission.root)) {
      state.foreignRoot(new ForeignRoot(event.get(), Optional.of(submission.root)));
      return Finality.HALTED;
    }
    if (onL1.isPresent()) {
      state.halt(
          "block %d: the contract holds root %s instead of %s; submissions halted"
              .formatted(submission.blknum, onL1.get().toHex(), submission.root.toHex()));
      return Finality.HALTED;
    }
    LOG.warn(
        "Block {}: mined in L1 block {} but the contract no longer holds it (L1 reorganisation)",
        submission.blknum,
        submission.mined().orElseThrow().l1Block());
    inFlight.markDropped(submission);
    reanchorNeeded = true;
    return Finality.DROPPED;
  }
}
