package io.plasmanode.node.commit;

import io.plasmanode.contracts.l1.Fees;
import io.plasmanode.contracts.l1.SendResult;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.storage.chain.ChainStore;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends child blocks to L1: the database's pending blocks in order, each with the nonce of its
 * number (see {@link ChainAnchor#nonceOf}), up to {@code maxInFlight} unmined at once; and the
 * transaction of any submission, first or re-sent, logging how the L1 node took it.
 */
final class BlockSender {
  private static final Logger LOG = LoggerFactory.getLogger(BlockSender.class);

  private final ChainStore store;
  private final CommitChannel channel;
  private final RootCommitterConfig config;
  private final CommitterState state;
  private final InFlightSubmissions inFlight;

  BlockSender(
      ChainStore store,
      CommitChannel channel,
      RootCommitterConfig config,
      CommitterState state,
      InFlightSubmissions inFlight) {
    this.store = store;
    this.channel = channel;
    this.config = config;
    this.state = state;
    this.inFlight = inFlight;
  }

  /**
   * Sends the pending blocks not in flight, in order, while fewer than {@code maxInFlight} are
   * unmined; a block below one in flight (made pending again by a deep reorganisation) is always
   * sent, as the later ones wait for its nonce.
   */
  void sendPending(Instant now) {
    ChainAnchor fixed = state.anchor().orElseThrow();
    for (long blknum : store.pendingCommits()) {
      if (inFlight.contains(blknum)) {
        continue;
      }
      boolean fillsGap = inFlight.hasHigherThan(blknum);
      if (!fillsGap && inFlight.unmined() >= config.maxInFlight()) {
        return;
      }
      Hash32 root = store.blockRoot(blknum).orElseThrow();
      if (blknum < fixed.nextChildBlock()) {
        belowContract(blknum, root, fixed);
        return;
      }
      Fees fees = channel.suggestedFees().cappedAt(config.maxGasPrice());
      Submission submission = new Submission(blknum, fixed.nonceOf(blknum), root, fees, now);
      inFlight.add(submission);
      send(submission, fees, now);
      state.submitted(blknum);
    }
  }

  /**
   * Halts: a pending block is below the contract's next block. Someone else committed its number (a
   * foreign root) unless the contract holds its root (then a restart reconciles).
   */
  private void belowContract(long blknum, Hash32 root, ChainAnchor fixed) {
    Optional<SubmittedBlock> event = channel.findSubmission(blknum);
    if (event.isPresent() && !event.get().root().high224Equals(root)) {
      state.foreignRoot(new ForeignRoot(event.get(), Optional.of(root)));
      return;
    }
    state.halt(
        "block %d is pending but below the contract's next block %d; restart"
            .formatted(blknum, fixed.nextChildBlock()));
  }

  /** Sends {@code submission}'s {@code submitBlock} with {@code fees} and records the answer. */
  void send(Submission submission, Fees fees, Instant now) {
    SendResult result = channel.submitBlock(submission.root, submission.nonce, fees);
    submission.attempted(fees, result, now);
    switch (result.outcome()) {
      case SENT ->
          LOG.debug(
              "Sent block {} (nonce {}, {}) as {}",
              submission.blknum,
              submission.nonce,
              fees,
              result.txHash().toShortHex());
      case ALREADY_KNOWN -> LOG.debug("Block {} tx already in the L1 pool", submission.blknum);
      case NONCE_TOO_LOW ->
          LOG.info("Block {}: nonce {} already mined", submission.blknum, submission.nonce);
      case REPLACEMENT_UNDERPRICED, UNDERPRICED ->
          LOG.warn(
              "Block {}: L1 node wants higher fees than {} ({}); raising them",
              submission.blknum,
              fees,
              result.message());
      case REJECTED ->
          LOG.warn(
              "Block {}: L1 node rejected submitBlock: {}", submission.blknum, result.message());
    }
  }
}
