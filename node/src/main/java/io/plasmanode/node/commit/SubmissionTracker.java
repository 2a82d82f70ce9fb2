package io.plasmanode.node.commit;

import io.plasmanode.contracts.l1.Fees;
import io.plasmanode.core.types.Hash32;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows each unmined submission until one of its transactions is mined, and re-sends it while
 * none is.
 *
 * <p>A submission counts when its receipt has status 1 and the contract's event names the right
 * block and root. Its nonce may also be consumed by a transaction this run did not send (one from
 * before a restart, with other fees): the block's {@code BlockSubmitted} event on L1 then decides,
 * and one with another root is a {@link ForeignRoot} (someone else used the key: the nonce race). A
 * reverted submission halts the committer (later blocks would land under the wrong numbers) until a
 * person fixes the cause and restarts the node, whose reconcile re-derives the mapping.
 *
 * <p>A submission not mined within {@code resubmitAfter} is re-sent with the same nonce and fees
 * raised by {@code feeBumpPercent}, never above {@code maxGasPrice}; at the cap it waits and
 * alarms. One that an L1 reorganisation dropped is re-sent at once with its fees.
 */
final class SubmissionTracker {
  private static final Logger LOG = LoggerFactory.getLogger(SubmissionTracker.class);

  private final CommitChannel channel;
  private final RootCommitterConfig config;
  private final CommitterState state;
  private final BlockSender sender;
  private Optional<Long> roundMinedNonce = Optional.empty();

  /**
   * How long the operator's nonce may show as used while L1 serves neither the submission's receipt
   * nor a {@code BlockSubmitted} event for its block, before the committer concludes another
   * transaction took the nonce and halts: an L1 node may count a mined transaction in the account's
   * nonce a moment before it serves the receipt and the logs (anvil under load: 15-36 ms, which
   * halted the committer for good).
   */
  static final Duration NONCE_EVIDENCE_GRACE = Duration.ofSeconds(10);

  SubmissionTracker(
      CommitChannel channel, RootCommitterConfig config, CommitterState state, BlockSender sender) {
    this.channel = channel;
    this.config = config;
    this.state = state;
    this.sender = sender;
  }

  /** Starts a round of tracking: the operator's mined nonce is read again, once, when needed. */
  void newRound() {
    roundMinedNonce = Optional.empty();
  }

  /**
   * Looks for the mined transaction of an unmined submission, else re-sends it if due; {@link
   * Tracking#HALTED} if the submission or its nonce went wrong.
   */
  Tracking track(Submission submission, Instant now) {
    Optional<SubmissionReceipt> receipt = findReceipt(submission);
    if (receipt.isEmpty() && minedNonce() > submission.nonce) {
      receipt = findReceipt(submission); // mined since the first look?
      if (receipt.isEmpty()) {
        return resolveConsumedNonce(submission, now);
      }
    }
    if (receipt.isPresent()) {
      return accept(submission, receipt.get());
    }
    maybeResubmit(submission, now);
    return Tracking.UNMINED;
  }

  /** The operator's mined nonce, read at most once per round. */
  private long minedNonce() {
    if (roundMinedNonce.isEmpty()) {
      roundMinedNonce = Optional.of(channel.minedNonce());
    }
    return roundMinedNonce.get();
  }

  private Optional<SubmissionReceipt> findReceipt(Submission submission) {
    for (Hash32 txHash : submission.txHashes()) {
      Optional<SubmissionReceipt> receipt = channel.receipt(txHash);
      if (receipt.isPresent()) {
        return receipt;
      }
    }
    return Optional.empty();
  }

  /** Handles a mined submission; {@link Tracking#HALTED} if it did not commit what it should. */
  Tracking accept(Submission submission, SubmissionReceipt receipt) {
    if (!receipt.success()) {
      String reason = channel.revertReason(receipt.txHash());
      state.halt(
          ("block %d: submitBlock tx %s reverted on L1 (%s); submissions halted because later"
                  + " blocks would be committed under the wrong numbers. Fix the cause and restart"
                  + " the node")
              .formatted(submission.blknum, receipt.txHash().toHex(), reason));
      return Tracking.HALTED;
    }
    Optional<SubmittedBlock> event =
        receipt.submitted().stream().filter(e -> e.blknum() == submission.blknum).findFirst();
    if (event.isEmpty() || !event.get().root().high224Equals(submission.root)) {
      state.halt(
          "block %d: tx %s committed %s instead of root %s; submissions halted"
              .formatted(
                  submission.blknum,
                  receipt.txHash().toHex(),
                  receipt.submitted(),
                  submission.root.toHex()));
      return Tracking.HALTED;
    }
    submission.minedBy(receipt);
    LOG.debug(
        "Block {} mined in L1 block {} by tx {}",
        submission.blknum,
        receipt.l1Block(),
        receipt.txHash().toShortHex());
    return Tracking.MINED;
  }

  /**
   * The nonce of {@code submission} was mined, but by none of the transactions this run sent: one
   * from before a restart, with other fees. The block's event on L1 decides.
   */
  private Tracking resolveConsumedNonce(Submission submission, Instant now) {
    Optional<SubmittedBlock> event = channel.findSubmission(submission.blknum);
    if (event.isPresent() && event.get().root().high224Equals(submission.root)) {
      Optional<SubmissionReceipt> receipt = channel.receipt(event.get().l1TxHash());
      if (receipt.isPresent()) {
        LOG.info(
            "Block {} was mined by L1 tx {}, sent before a restart",
            submission.blknum,
            event.get().l1TxHash().toShortHex());
        return accept(submission, receipt.get());
      }
      return Tracking.UNMINED; // its block is being reorganised: the next round looks again
    }
    if (event.isPresent()) {
      state.foreignRoot(new ForeignRoot(event.get(), Optional.of(submission.root)));
      return Tracking.HALTED;
    }
    if (channel.minedNonce() <= submission.nonce) {
      return Tracking.UNMINED; // a reorganisation between the reads made the nonce free again
    }
    Duration unexplained = submission.nonceUsedUnexplained(now);
    if (unexplained.compareTo(NONCE_EVIDENCE_GRACE) < 0) {
      LOG.debug(
          "Block {}: nonce {} is used but neither its receipt nor a BlockSubmitted event is served"
              + " yet ({} ms); looking again",
          submission.blknum,
          submission.nonce,
          unexplained.toMillis());
      return Tracking.UNMINED;
    }
    state.halt(
        ("block %d: its nonce %d was used by a transaction that did not commit it (no"
                + " BlockSubmitted event); is the operator key used elsewhere? Submissions halted;"
                + " restart the node to reconcile")
            .formatted(submission.blknum, submission.nonce));
    return Tracking.HALTED;
  }

  private void maybeResubmit(Submission submission, Instant now) {
    if (submission.wasDroppedByReorg()) {
      LOG.warn(
          "Block {}: re-sending nonce {} with {} after an L1 reorganisation dropped it",
          submission.blknum,
          submission.nonce,
          submission.fees());
      sender.send(submission, submission.fees(), now);
    } else if (submission.dueForResubmit(now, config.resubmitAfter())) {
      resendWithHigherFees(submission, now);
    }
  }

  /** Re-sends with the fees bumped (at least the suggested ones); at the cap it waits instead. */
  private void resendWithHigherFees(Submission submission, Instant now) {
    Fees previous = submission.fees();
    Fees next =
        previous
            .bumped(config.feeBumpPercent())
            .atLeast(channel.suggestedFees())
            .cappedAt(config.maxGasPrice());
    if (!next.canReplace(previous)) {
      if (!submission.atCap()) {
        LOG.warn(
            "Block {} not mined after {} s and fees are at the cap ({}); waiting",
            submission.blknum,
            submission.age(now).toSeconds(),
            previous);
      }
      submission.reachedCap();
      return;
    }
    LOG.warn(
        "Block {} not mined after {} s: re-sending nonce {} with {} (was {})",
        submission.blknum,
        submission.age(now).toSeconds(),
        submission.nonce,
        next,
        previous);
    sender.send(submission, next, now);
  }

  /**
   * The alarm of an unmined submission, if it needs a person: its fees are at the cap, the L1 node
   * rejected it, or it has waited {@code stallAlarmAfter}.
   */
  Optional<String> alarm(Submission submission, Instant now) {
    long seconds = submission.age(now).toSeconds();
    if (submission.atCap()) {
      return Optional.of(
          "block %d not committed for %d s: gas price at cap %s gwei"
              .formatted(submission.blknum, seconds, Fees.gwei(config.maxGasPrice())));
    }
    if (submission.rejection().isPresent()) {
      return Optional.of(
          "block %d: L1 node rejected submitBlock: %s"
              .formatted(submission.blknum, submission.rejection().get()));
    }
    if (submission.age(now).compareTo(config.stallAlarmAfter()) >= 0) {
      return Optional.of(
          "block %d not committed for %d s (nonce %d, %d transaction(s) sent)"
              .formatted(submission.blknum, seconds, submission.nonce, submission.attempts()));
    }
    return Optional.empty();
  }
}
