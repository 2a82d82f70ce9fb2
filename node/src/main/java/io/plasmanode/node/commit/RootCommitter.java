package io.plasmanode.node.commit;

import static com.google.common.base.Preconditions.checkState;

import io.plasmanode.contracts.l1.L1Exception;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.node.storage.ChainStore;
import io.plasmanode.node.storage.StoredBlock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts each closed child block's Merkle root on L1 with {@code submitBlock(root)}, in order and
 * exactly once.
 *
 * <p><b>One nonce per block.</b> The operator account must be used for nothing but {@code
 * submitBlock} (no transfers, no other contracts, no second node with the same key). Then every
 * transaction of the account commits the contract's next child block, so at startup the committer
 * reads {@code nextChildBlock} N and the account's nonce n at one L1 block and derives {@code
 * nonce(blknum) = n + (blknum - N) / 1000}. A block can never be committed twice or out of order:
 * each block number has exactly one nonce, and re-sends (after a restart or with higher fees) reuse
 * it, so at most one of them is mined.
 *
 * <p><b>Operation.</b> {@link #start()} reconciles with L1 and then runs on its own thread, woken
 * by {@link #onBlockClosed} and every {@code pollInterval}. It sends the database's pending blocks
 * in order, up to {@code maxInFlight} unmined at once. A submission counts when its receipt has
 * status 1 and the contract's event names the right block and root; it is final, and recorded with
 * {@code markCommitted} (in block order), once {@code commitConfirmations} L1 blocks are on top of
 * its receipt's and the contract still holds the root. A submission not mined within {@code
 * resubmitAfter} is re-sent with the same nonce and fees raised by {@code feeBumpPercent}, never
 * above {@code maxGasPrice}; at the cap it waits and alarms. A reverted submission halts the
 * committer (later blocks would land under the wrong numbers) until a person fixes the cause and
 * restarts the node, whose reconcile re-derives the mapping. While L1 is unreachable it retries
 * with exponential backoff and alarms after {@code stallAlarmAfter}.
 *
 * <p><b>L1 reorganisations.</b> Whenever L1 has a new head, the receipts of the mined, not yet
 * final submissions are read again. One that is gone was dropped by a reorganisation: L1 rolled
 * back the contract's {@code nextChildBlock} and the account's nonce together, so the block keeps
 * its nonce and is re-sent at once, followed by the later ones, whose transactions went with it.
 * The anchor is then read again (and every {@code resubmitAfter} anyway): blocks recorded committed
 * that the contract no longer has (a reorganisation deeper than the confirmations) become pending
 * again and are re-sent before the later ones. If the nonces in flight no longer follow from the
 * new anchor, the key was used elsewhere and the committer halts.
 *
 * <p>{@link #reconcile()} and {@link #poll()} are the single-threaded steps; tests call them
 * directly with a fixed {@link Clock}.
 */
public final class RootCommitter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RootCommitter.class);
  private static final int MAX_BACKOFF_DOUBLINGS = 16;

  private final ChainStore store;
  private final CommitChannel channel;
  private final RootCommitterConfig config;
  private final Clock clock;
  private final TreeMap<Long, Submission> inFlight = new TreeMap<>();
  private Optional<ChainAnchor> anchor = Optional.empty();
  private Optional<String> halted = Optional.empty();
  private Optional<Instant> unreachableSince = Optional.empty();
  private String lastL1Error = "";
  private int consecutiveFailures;
  private long lastSubmittedBlock;
  private long lastCommittedBlock;
  private long lastRecheckedHead = -1;
  private boolean reanchorNeeded;
  private Instant lastAnchorCheck = Instant.EPOCH;
  private Optional<Long> roundMinedNonce = Optional.empty();
  private volatile CommitterStatus status = new CommitterStatus(0, 0, 0, List.of());
  private volatile ScheduledExecutorService executor;

  public RootCommitter(
      ChainStore store, CommitChannel channel, RootCommitterConfig config, Clock clock) {
    this.store = store;
    this.channel = channel;
    this.config = config;
    this.clock = clock;
  }

  /**
   * Reconciles with L1 (see {@link #reconcile()}) and starts the committer thread.
   *
   * @throws ReconcileException if the database and the contract disagree: do not start the node
   * @throws L1Exception if L1 cannot be reached
   */
  public synchronized void start() {
    checkState(executor == null, "already started");
    reconcile();
    executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "root-committer");
              thread.setDaemon(true);
              return thread;
            });
    executor.execute(this::loop);
  }

  /**
   * Compares the database with the contract and repairs what a crash can leave behind.
   *
   * <ul>
   *   <li>The contract has child blocks the database lacks: refuses ({@link ReconcileException}).
   *   <li>A block in both with different roots (high 224 bits): refuses.
   *   <li>A block on L1 that the database lists as pending (stopped after mining, before {@code
   *       markCommitted}): marked committed with the tx hash of its {@code BlockSubmitted} event if
   *       it has its confirmations, else watched by {@link #poll()} like one it sent.
   *   <li>A block the database records committed that the contract lacks (an L1 reorganisation
   *       deeper than the confirmations while the node was down): pending again, re-sent in order.
   *       Refuses instead when its transaction is mined (the database of another contract), or
   *       unknown, or the contract has no block at all.
   *   <li>Database blocks past the contract are the normal pending ones: {@link #poll()} submits
   *       them in order.
   * </ul>
   *
   * Also checks that the contract's operator is the committer's account, and fixes the nonce
   * mapping at the contract's current {@code nextChildBlock}.
   */
  public void reconcile() {
    Reconciliation result = new Reconciler(store, channel, config.commitConfirmations()).run();
    Instant now = clock.instant();
    inFlight.clear();
    anchor = Optional.of(result.anchor());
    if (!result.unconfirmed().isEmpty()) {
      Fees fees = channel.suggestedFees().cappedAt(config.maxGasPrice());
      result.unconfirmed().forEach(block -> watchUnconfirmed(result.anchor(), block, fees, now));
    }
    List<Long> pending = store.pendingCommits();
    lastCommittedBlock =
        pending.isEmpty() ? store.height() : pending.get(0) - UtxoPos.CHILD_BLOCK_INTERVAL;
    lastAnchorCheck = now;
    lastRecheckedHead = -1;
    status = snapshot(now);
  }

  /**
   * Watches a block that L1 holds without its confirmations. Its nonce is counted back from the
   * anchor (the account sent one {@code submitBlock} per block); should a reorganisation drop the
   * block, the new anchor checks that nonce before it is re-sent.
   */
  private void watchUnconfirmed(
      ChainAnchor fixed, Reconciliation.Unconfirmed block, Fees fees, Instant now) {
    long nonce =
        fixed.nonce() - (fixed.nextChildBlock() - block.blknum()) / UtxoPos.CHILD_BLOCK_INTERVAL;
    Hash32 root = store.blockRoot(block.blknum()).orElseThrow();
    inFlight.put(
        block.blknum(),
        Submission.foundOnL1(block.blknum(), nonce, root, fees, block.receipt(), now));
    reanchorNeeded |= block.receipt().isEmpty();
  }

  /** Wakes the committer: call after {@code block} is stored in the {@link ChainStore}. */
  public void onBlockClosed(StoredBlock block) {
    ScheduledExecutorService running = executor;
    if (running != null && !running.isShutdown()) {
      LOG.debug("Block {} closed, committing", block.blknum());
      running.execute(this::pollSafely);
    }
  }

  /** The latest snapshot (updated after every round; safe to call from any thread). */
  public CommitterStatus status() {
    return status;
  }

  private void loop() {
    pollSafely();
    if (!executor.isShutdown()) {
      executor.schedule(this::loop, nextDelay().toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void pollSafely() {
    try {
      poll();
    } catch (RuntimeException e) {
      LOG.error("Root committer round failed", e);
      halted = Optional.of("root committer failed: " + e + "; restart the node");
      status = snapshot(clock.instant());
    }
  }

  private Duration nextDelay() {
    if (consecutiveFailures == 0) {
      return config.pollInterval();
    }
    Duration backoff =
        config
            .pollInterval()
            .multipliedBy(1L << Math.min(consecutiveFailures, MAX_BACKOFF_DOUBLINGS));
    return backoff.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : backoff;
  }

  /**
   * One round: re-checks the mined submissions when L1 has a new head (a reorganisation may have
   * dropped them), checks the others (receipts, consumed nonces, re-sends), marks the ones {@code
   * commitConfirmations} deep committed, in order, then sends the next pending blocks. An
   * unreachable L1 ends the round early and is retried.
   */
  public void poll() {
    checkState(anchor.isPresent(), "reconcile() first");
    Instant now = clock.instant();
    if (halted.isEmpty()) {
      try {
        checkInFlight(now);
        if (halted.isEmpty()) {
          sendPending(now);
        }
        recovered();
      } catch (L1Exception e) {
        unreachable(now, e);
      }
    }
    status = snapshot(now);
  }

  private void recovered() {
    if (unreachableSince.isPresent()) {
      LOG.info("L1 reachable again");
    }
    unreachableSince = Optional.empty();
    consecutiveFailures = 0;
  }

  private void unreachable(Instant now, L1Exception e) {
    if (unreachableSince.isEmpty()) {
      unreachableSince = Optional.of(now);
    }
    consecutiveFailures++;
    lastL1Error = String.valueOf(e.getMessage());
    LOG.warn("L1 unreachable (attempt {}): {}", consecutiveFailures, lastL1Error);
  }

  private void checkInFlight(Instant now) {
    boolean anchorCheckDue =
        reanchorNeeded
            || !Duration.between(lastAnchorCheck, now).minus(config.resubmitAfter()).isNegative();
    if (inFlight.isEmpty() && !anchorCheckDue) {
      return;
    }
    long head = channel.l1Height();
    if (head != lastRecheckedHead) {
      reanchorNeeded |= recheckMined();
      lastRecheckedHead = head;
    }
    boolean afterReorg = reanchorNeeded;
    if (halted.isPresent() || ((afterReorg || anchorCheckDue) && !reanchor(now, afterReorg))) {
      return;
    }
    roundMinedNonce = Optional.empty();
    boolean earlierFinal = true;
    for (Iterator<Submission> it = inFlight.values().iterator(); it.hasNext(); ) {
      Submission submission = it.next();
      if (submission.mined().isEmpty() && !track(submission, now)) {
        return;
      }
      earlierFinal = earlierFinal && isFinal(submission, head) && stillOnL1(submission);
      if (halted.isPresent()) {
        return;
      }
      if (earlierFinal) {
        committed(submission);
        it.remove();
      }
    }
  }

  /**
   * Asks L1 again for the receipt of every mined submission; true if a reorganisation dropped one
   * (it is then due for a re-send). A receipt in another block is checked again as new.
   */
  private boolean recheckMined() {
    boolean dropped = false;
    for (Submission submission : inFlight.values()) {
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
        submission.droppedByReorg();
        dropped = true;
      } else if (receipt.get().l1Block() != before.get().l1Block()
          && !accept(submission, receipt.get())) {
        return dropped;
      }
    }
    return dropped;
  }

  /**
   * Re-reads the contract's {@code nextChildBlock} and the operator's nonce (after a
   * reorganisation, and every {@code resubmitAfter}). Blocks recorded committed that the contract
   * no longer has (a reorganisation deeper than the confirmations) become pending again and are
   * re-sent. The nonce of every block in flight must still follow from the new anchor; false
   * (halted) if not. After a reorganisation, the unmined blocks L1 lacks are re-sent at once: their
   * transactions may have been dropped with it (the same signed bytes are harmless when the pool
   * still has them).
   */
  private boolean reanchor(Instant now, boolean afterReorg) {
    ChainAnchor fresh = channel.anchor();
    lastAnchorCheck = now;
    reanchorNeeded = false;
    long lastOnL1 = fresh.nextChildBlock() - UtxoPos.CHILD_BLOCK_INTERVAL;
    boolean reorged = afterReorg || lastOnL1 < lastCommittedBlock;
    if (lastOnL1 < lastCommittedBlock) {
      List<Long> reopened = store.reopenCommits(lastOnL1 + UtxoPos.CHILD_BLOCK_INTERVAL);
      LOG.error(
          "L1 reorganised deeper than {} confirmation(s): the contract is back at child block {}"
              + " and lost block(s) {} recorded committed; submitting them again",
          config.commitConfirmations(),
          fresh.nextChildBlock(),
          reopened);
      lastCommittedBlock = lastOnL1;
    }
    for (Submission submission : inFlight.values()) {
      if (submission.blknum >= fresh.nextChildBlock()
          && fresh.nonceOf(submission.blknum) != submission.nonce) {
        return halt(
            ("block %d: L1 is at child block %d with operator nonce %d, so the block's nonce is"
                    + " %d, not %d; is the operator key used elsewhere? Submissions halted;"
                    + " restart the node to reconcile")
                .formatted(
                    submission.blknum,
                    fresh.nextChildBlock(),
                    fresh.nonce(),
                    fresh.nonceOf(submission.blknum),
                    submission.nonce));
      }
      boolean lacking = submission.blknum >= fresh.nextChildBlock();
      if (lacking && submission.mined().isEmpty() && (reorged || submission.neverSeenMined())) {
        submission.droppedByReorg();
      }
    }
    anchor = Optional.of(fresh);
    return true;
  }

  /** Looks for the mined transaction of an unmined submission, else re-sends it if due. */
  private boolean track(Submission submission, Instant now) {
    Optional<SubmissionReceipt> receipt = findReceipt(submission);
    if (receipt.isEmpty() && minedNonce() > submission.nonce) {
      receipt = findReceipt(submission); // mined since the first look?
      if (receipt.isEmpty()) {
        return resolveConsumedNonce(submission);
      }
    }
    if (receipt.isPresent()) {
      return accept(submission, receipt.get());
    }
    maybeResubmit(submission, now);
    return true;
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

  /** Handles a mined submission; false (and halted) if it did not commit what it should. */
  private boolean accept(Submission submission, SubmissionReceipt receipt) {
    if (!receipt.success()) {
      String reason = channel.revertReason(receipt.txHash());
      return halt(
          ("block %d: submitBlock tx %s reverted on L1 (%s); submissions halted because later"
                  + " blocks would be committed under the wrong numbers. Fix the cause and restart"
                  + " the node")
              .formatted(submission.blknum, receipt.txHash().toHex(), reason));
    }
    Optional<SubmittedBlock> event =
        receipt.submitted().stream().filter(e -> e.blknum() == submission.blknum).findFirst();
    if (event.isEmpty() || !event.get().root().high224Equals(submission.root)) {
      return halt(
          "block %d: tx %s committed %s instead of root %s; submissions halted"
              .formatted(
                  submission.blknum,
                  receipt.txHash().toHex(),
                  receipt.submitted(),
                  submission.root.toHex()));
    }
    submission.minedBy(receipt);
    LOG.debug(
        "Block {} mined in L1 block {} by tx {}",
        submission.blknum,
        receipt.l1Block(),
        receipt.txHash().toShortHex());
    return true;
  }

  /**
   * The nonce of {@code submission} was mined, but by none of the transactions this run sent: one
   * from before a restart, with other fees. The block's event on L1 decides.
   */
  private boolean resolveConsumedNonce(Submission submission) {
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
      return true; // its block is being reorganised: the next round looks again
    }
    if (channel.minedNonce() <= submission.nonce) {
      return true; // a reorganisation between the reads made the nonce free again
    }
    return halt(
        ("block %d: its nonce %d was used by a transaction that did not commit it (%s); is the"
                + " operator key used elsewhere? Submissions halted; restart the node to reconcile")
            .formatted(
                submission.blknum,
                submission.nonce,
                event.map(Object::toString).orElse("no BlockSubmitted event")));
  }

  private boolean isFinal(Submission submission, long head) {
    return submission.mined().isPresent()
        && head - submission.mined().get().l1Block() >= config.commitConfirmations();
  }

  /**
   * Whether the contract still holds the root of a submission about to count as final (a
   * reorganisation may have dropped it since its receipt was read). If the root is gone, the
   * submission is due for a re-send; if another root holds its number, the committer halts.
   */
  private boolean stillOnL1(Submission submission) {
    Optional<Hash32> onL1 = channel.storedRoot(submission.blknum);
    if (onL1.isPresent() && onL1.get().high224Equals(submission.root)) {
      return true;
    }
    if (onL1.isPresent()) {
      return halt(
          "block %d: the contract holds root %s instead of %s; submissions halted"
              .formatted(submission.blknum, onL1.get().toHex(), submission.root.toHex()));
    }
    LOG.warn(
        "Block {}: mined in L1 block {} but the contract no longer holds it (L1 reorganisation)",
        submission.blknum,
        submission.mined().orElseThrow().l1Block());
    submission.droppedByReorg();
    reanchorNeeded = true;
    return false;
  }

  private void committed(Submission submission) {
    SubmissionReceipt receipt = submission.mined().orElseThrow();
    store.markCommitted(submission.blknum, receipt.txHash());
    lastCommittedBlock = Math.max(lastCommittedBlock, submission.blknum);
    LOG.info(
        "Committed block {} in L1 tx {} (L1 block {}, {} confirmation(s), gas used {}, {} ms after"
            + " first submission)",
        submission.blknum,
        receipt.txHash().toShortHex(),
        receipt.l1Block(),
        config.commitConfirmations(),
        receipt.gasUsed(),
        submission.age(clock.instant()).toMillis());
  }

  private boolean halt(String alarm) {
    LOG.error("Root committer halted: {}", alarm);
    halted = Optional.of(alarm);
    return false;
  }

  private void maybeResubmit(Submission submission, Instant now) {
    if (submission.wasDroppedByReorg()) {
      LOG.warn(
          "Block {}: re-sending nonce {} with {} after an L1 reorganisation dropped it",
          submission.blknum,
          submission.nonce,
          submission.fees());
      send(submission, submission.fees(), now);
      return;
    }
    if (!submission.dueForResubmit(now, config.resubmitAfter())) {
      return;
    }
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
    send(submission, next, now);
  }

  /**
   * Sends the pending blocks not in flight, in order, while fewer than {@code maxInFlight} are
   * unmined; a block below one in flight (made pending again by a deep reorganisation) is always
   * sent, as the later ones wait for its nonce.
   */
  private void sendPending(Instant now) {
    ChainAnchor fixed = anchor.orElseThrow();
    for (long blknum : store.pendingCommits()) {
      if (inFlight.containsKey(blknum)) {
        continue;
      }
      boolean fillsGap = !inFlight.isEmpty() && blknum < inFlight.lastKey();
      if (!fillsGap && unmined() >= config.maxInFlight()) {
        return;
      }
      if (blknum < fixed.nextChildBlock()) {
        halt(
            "block %d is pending but below the contract's next block %d; restart"
                .formatted(blknum, fixed.nextChildBlock()));
        return;
      }
      Hash32 root = store.blockRoot(blknum).orElseThrow();
      Fees fees = channel.suggestedFees().cappedAt(config.maxGasPrice());
      Submission submission = new Submission(blknum, fixed.nonceOf(blknum), root, fees, now);
      inFlight.put(blknum, submission);
      send(submission, fees, now);
      lastSubmittedBlock = Math.max(lastSubmittedBlock, blknum);
    }
  }

  private int unmined() {
    return (int) inFlight.values().stream().filter(s -> s.mined().isEmpty()).count();
  }

  private void send(Submission submission, Fees fees, Instant now) {
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

  private CommitterStatus snapshot(Instant now) {
    List<String> alarms = new ArrayList<>();
    halted.ifPresent(alarms::add);
    for (Submission submission : inFlight.values()) {
      if (submission.mined().isEmpty()) { // awaiting confirmations is no stall
        submissionAlarm(submission, now).ifPresent(alarms::add);
      }
    }
    unreachableSince
        .filter(since -> !Duration.between(since, now).minus(config.stallAlarmAfter()).isNegative())
        .ifPresent(
            since ->
                alarms.add(
                    "L1 unreachable since %s (%d s): %s"
                        .formatted(since, Duration.between(since, now).toSeconds(), lastL1Error)));
    return new CommitterStatus(lastSubmittedBlock, lastCommittedBlock, unmined(), alarms);
  }

  private Optional<String> submissionAlarm(Submission submission, Instant now) {
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

  /** Stops the committer thread; submissions in flight stay in the L1 pool for the next start. */
  @Override
  public synchronized void close() {
    if (executor != null) {
      executor.shutdown();
      try {
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
          executor.shutdownNow();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        executor.shutdownNow();
      }
    }
  }
}
