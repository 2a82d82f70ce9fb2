package io.plasmanode.node.commit;

import io.plasmanode.core.types.Hash32;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One child block in flight: its fixed nonce and every transaction sent for it (a replacement has a
 * new hash; any of them may be the one mined). Used only on the committer's thread.
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

  /** A block about to be sent with {@code fees}; until a send is answered it is due for one. */
  Submission(long blknum, long nonce, Hash32 root, Fees fees, Instant now) {
    this.blknum = blknum;
    this.nonce = nonce;
    this.root = root;
    this.fees = fees;
    this.firstSentAt = now;
    this.lastSentAt = now;
  }

  /** Records an attempt with {@code attempted} fees and what the node said. */
  void attempted(Fees attempted, SendResult result, Instant now) {
    fees = attempted;
    lastSentAt = now;
    atCap = false;
    retryNow = false;
    rejection = Optional.empty();
    switch (result.outcome()) {
      case SENT, ALREADY_KNOWN -> txHashes.add(result.txHash());
      case REPLACEMENT_UNDERPRICED, UNDERPRICED -> retryNow = true;
      case NONCE_TOO_LOW -> {
        // The nonce is mined: the next round finds out by which transaction.
      }
      case REJECTED -> rejection = Optional.of(result.message());
    }
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
