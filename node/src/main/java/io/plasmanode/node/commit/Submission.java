package io.plasmanode.node.commit;

import io.plasmanode.contracts.l1.Fees;
import io.plasmanode.contracts.l1.SendResult;
import io.plasmanode.core.types.Hash32;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One child block in flight: its fixed nonce, every transaction sent for it (a replacement has a
 * new hash; any of them may be the one mined) and, once one is mined, its receipt, kept until the
 * block is final or an L1 reorganisation drops it. Used only on the committer's thread.
 */
final class Submission {
  final long blknum;
  final long nonce;
  final Hash32 root;
  final Instant firstSentAt;
  private final List<Hash32> txHashes = new ArrayList<>();
  private Fees fees;
  private Instant lastSentAt;
  private boolean retryNow = true;
  private boolean atCap;
  private Optional<String> rejection = Optional.empty();
  private Optional<SubmissionReceipt> mined = Optional.empty();
  private boolean droppedByReorg;
  private boolean foundOnL1;
  private Optional<Instant> nonceUsedUnexplainedSince = Optional.empty();

  /** A block about to be sent with {@code fees}; until a send is answered it is due for one. */
  Submission(long blknum, long nonce, Hash32 root, Fees fees, Instant now) {
    this.blknum = blknum;
    this.nonce = nonce;
    this.root = root;
    this.fees = fees;
    this.firstSentAt = now;
    this.lastSentAt = now;
  }

  /**
   * A block found on L1 at startup, not final yet: mined by {@code receipt} if known (else the
   * consumed nonce leads to it); {@code fees} serve a re-send should a reorganisation drop it.
   */
  static Submission foundOnL1(
      long blknum,
      long nonce,
      Hash32 root,
      Fees fees,
      Optional<SubmissionReceipt> receipt,
      Instant now) {
    Submission submission = new Submission(blknum, nonce, root, fees, now);
    submission.retryNow = false;
    submission.foundOnL1 = true;
    receipt.ifPresent(submission::minedBy);
    return submission;
  }

  /** Records the receipt of the transaction that mined it. */
  void minedBy(SubmissionReceipt receipt) {
    if (!txHashes.contains(receipt.txHash())) {
      txHashes.add(receipt.txHash());
    }
    mined = Optional.of(receipt);
    rejection = Optional.empty();
    atCap = false;
  }

  /** The receipt it was last seen mined with; empty while unmined or after a reorg dropped it. */
  Optional<SubmissionReceipt> mined() {
    return mined;
  }

  /** An L1 reorganisation dropped the mined transaction: it is due for a re-send at once. */
  void droppedByReorg() {
    mined = Optional.empty();
    droppedByReorg = true;
    retryNow = true;
  }

  /** Whether it was found on L1 at startup and no receipt of it has been seen since. */
  boolean neverSeenMined() {
    return foundOnL1 && txHashes.isEmpty();
  }

  /** Whether its last transaction was dropped by a reorganisation and not sent again since. */
  boolean wasDroppedByReorg() {
    return droppedByReorg;
  }

  /** Records an attempt with {@code attempted} fees and what the node said. */
  void attempted(Fees attempted, SendResult result, Instant now) {
    fees = attempted;
    lastSentAt = now;
    atCap = false;
    retryNow = false;
    rejection = Optional.empty();
    droppedByReorg = false;
    switch (result.outcome()) {
      case SENT, ALREADY_KNOWN -> {
        if (!txHashes.contains(result.txHash())) {
          txHashes.add(result.txHash());
        }
      }
      case REPLACEMENT_UNDERPRICED, UNDERPRICED -> retryNow = true;
      case NONCE_TOO_LOW -> {
        // The nonce is mined: the next round finds out by which transaction.
      }
      case REJECTED -> rejection = Optional.of(result.message());
    }
  }

  /**
   * How long the nonce has shown as used with neither this submission's receipt nor its block's
   * event served, counting from the first call: zero then.
   */
  Duration nonceUsedUnexplained(Instant now) {
    if (nonceUsedUnexplainedSince.isEmpty()) {
      nonceUsedUnexplainedSince = Optional.of(now);
    }
    return Duration.between(nonceUsedUnexplainedSince.get(), now);
  }

  /** Whether it is time to re-send with higher fees. */
  boolean dueForResubmit(Instant now, Duration resubmitAfter) {
    return retryNow || !Duration.between(lastSentAt, now).minus(resubmitAfter).isNegative();
  }

  void reachedCap() {
    atCap = true;
  }

  boolean atCap() {
    return atCap;
  }

  Fees fees() {
    return fees;
  }

  List<Hash32> txHashes() {
    return List.copyOf(txHashes);
  }

  int attempts() {
    return txHashes.size();
  }

  Optional<String> rejection() {
    return rejection;
  }

  Duration age(Instant now) {
    return Duration.between(firstSentAt, now);
  }
}
