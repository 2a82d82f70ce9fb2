package io.plasmanode.node.watcher;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.contracts.l1.Fees;
import io.plasmanode.core.types.Hash32;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A challenge transaction this watcher sent and follows until it is mined: saved before each send,
 * so a restart resumes following it (and re-sends the same nonce) instead of sending blindly.
 *
 * @param call what is sent
 * @param exitableAt the deadline: when the contract lets the exit be processed (or, for a
 *     canonicity challenge, when phase 1 ends)
 * @param nonce the challenger account's nonce the transaction uses, kept across re-sends
 * @param fees the fees of the last transaction sent
 * @param txHashes every transaction sent for it, oldest first (any of them may be the one mined)
 * @param sentAtL1Block the L1 head when the last transaction was sent
 */
record PendingChallenge(
    ChallengeCall call,
    Instant exitableAt,
    long nonce,
    Fees fees,
    List<Hash32> txHashes,
    long sentAtL1Block) {
  PendingChallenge {
    requireNonNull(call, "call");
    requireNonNull(exitableAt, "exitableAt");
    requireNonNull(fees, "fees");
    checkArgument(nonce >= 0, "nonce %s", nonce);
    txHashes = List.copyOf(txHashes);
    checkArgument(!txHashes.isEmpty(), "a pending challenge has a transaction");
  }

  /** A challenge about to be sent first in {@code signed} at L1 head {@code l1Block}. */
  static PendingChallenge first(
      ChallengeCall call,
      Instant exitableAt,
      ChallengeChannel.SignedChallenge signed,
      long l1Block) {
    return new PendingChallenge(
        call, exitableAt, signed.nonce(), signed.fees(), List.of(signed.txHash()), l1Block);
  }

  ChallengeKey key() {
    return call.key();
  }

  Hash32 lastTxHash() {
    return txHashes.getLast();
  }

  /**
   * This challenge about to be re-sent in {@code signed} (same nonce) at L1 head {@code l1Block}.
   */
  PendingChallenge resent(ChallengeChannel.SignedChallenge signed, long l1Block) {
    checkArgument(signed.nonce() == nonce, "a re-send keeps nonce %s", nonce);
    List<Hash32> hashes = new ArrayList<>(txHashes);
    hashes.remove(signed.txHash());
    hashes.add(signed.txHash());
    return new PendingChallenge(call, exitableAt, nonce, signed.fees(), hashes, l1Block);
  }
}
