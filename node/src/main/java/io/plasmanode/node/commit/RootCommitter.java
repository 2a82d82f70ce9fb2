package io.plasmanode.node.commit;

import static com.google.common.base.Preconditions.checkState;

import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.plasmanode.contracts.l1.Fees;
import io.plasmanode.contracts.l1.L1Exception;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.node.metrics.OperatorMetrics;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.chain.StoredBlock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
 * <p><b>Operation.</b> {@link #start()} reconciles with L1 ({@link Reconciler}) and then runs on
 * its own thread, woken by {@link #onBlockClosed} and every {@code pollInterval} (or the outage
 * backoff). A round ({@link #poll()}) does, in order:
 *
 * <ol>
 *   <li>nothing more if a foreign root was found: the committer is halted for good;
 *   <li>reads the L1 head; {@link ForeignRootDetector} compares the contract's new {@code
 *       BlockSubmitted} events with the database. A root this operator did not produce (someone
 *       else holds the operator key) halts the committer for good. This step runs while idle and
 *       while halted for another reason too;
 *   <li>unless halted, and only if submissions are in flight or the anchor check is due: {@link
 *       ReorgHandler} re-reads the receipts of the mined submissions at a new head (a dropped one
 *       is marked for a re-send) and re-reads the anchor after a reorganisation and every {@code
 *       resubmitAfter} (blocks recorded committed that L1 lost become pending again; a nonce that
 *       no longer follows from the anchor halts). Unless that halted:
 *   <li>settles the submissions in block order: {@link SubmissionTracker} finds the receipt of an
 *       unmined one (a revert or a consumed nonce halts) or re-sends it (fee bump up to the cap);
 *       one {@code commitConfirmations} deep whose earlier ones are all final, and whose root the
 *       contract still holds, is {@link Finality#FINAL}: recorded with {@code markCommitted} and no
 *       longer in flight. The first {@link Finality#HALTED} ends the round;
 *   <li>unless halted, {@link BlockSender} sends the database's pending blocks in order, up to
 *       {@code maxInFlight} unmined at once;
 *   <li>{@link L1Outage} notes that L1 answered; if any L1 call failed instead, the round ended
 *       there and L1Outage backs off and alarms after {@code stallAlarmAfter};
 *   <li>announces a new foreign root to the {@link #addForeignRootListener listeners} (they stop
 *       block production) and publishes the {@link #status()} with its alarms.
 * </ol>
 *
 * <p><b>State and its owners</b> (all but the published status used only on the committer's
 * thread): {@link InFlightSubmissions} holds the submissions not final yet, each {@link Submission}
 * its nonce, transactions, fees and receipt; {@link CommitterState} the nonce anchor, the highest
 * blocks sent and final, and the halt alarm or foreign root; {@link ReorgHandler} the last head
 * re-checked and when the anchor is due; {@link ForeignRootDetector} how far events were read;
 * {@link L1Outage} the outage and backoff; the {@link ChainStore} which blocks are pending or
 * committed, durably. Steps report how they ended as enums ({@link Tracking}, {@link ReorgCheck},
 * {@link Finality}), never booleans; halting is done only through {@link CommitterState} ({@code
 * halt}, {@code foreignRoot}, and {@code failed} when a round throws unexpectedly).
 *
 * <p>{@link #reconcile()} and {@link #poll()} are the single-threaded steps; tests call them
 * directly with a fixed {@link Clock}.
 */
public final class RootCommitter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RootCommitter.class);

  private final ChainStore store;
  private final CommitChannel channel;
  private final RootCommitterConfig config;
  private final Clock clock;
  private final OperatorMetrics metrics;
  private final CommitterState state = new CommitterState();
  private final InFlightSubmissions inFlight = new InFlightSubmissions();
  private final L1Outage outage;
  private final BlockSender sender;
  private final SubmissionTracker tracker;
  private final ReorgHandler reorgs;
  private final ForeignRootDetector foreignRoots;
  private final List<Consumer<ForeignRoot>> foreignRootListeners = new CopyOnWriteArrayList<>();
  private volatile Optional<ForeignRoot> announcedForeignRoot = Optional.empty();
  private volatile CommitterStatus status = new CommitterStatus(0, 0, 0, List.of());
  private volatile ScheduledExecutorService executor;

  public RootCommitter(
      ChainStore store, CommitChannel channel, RootCommitterConfig config, Clock clock) {
    this(store, channel, config, clock, OperatorMetrics.NONE);
  }

  /** A committer that records the blocks committed, their latency and gas in {@code metrics}. */
  public RootCommitter(
      ChainStore store,
      CommitChannel channel,
      RootCommitterConfig config,
      Clock clock,
      OperatorMetrics metrics) {
    this.metrics = metrics;
    this.store = store;
    this.channel = channel;
    this.config = config;
    this.clock = clock;
    this.outage = new L1Outage(config);
    this.sender = new BlockSender(store, channel, config, state, inFlight);
    this.tracker = new SubmissionTracker(channel, config, state, sender);
    this.reorgs = new ReorgHandler(store, channel, config, state, inFlight, tracker);
    this.foreignRoots =
        new ForeignRootDetector(store, channel, Math.max(1, config.commitConfirmations()));
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
            new ThreadFactoryBuilder().setNameFormat("root-committer").setDaemon(true).build());
    executor.execute(this::loop);
  }

  /**
   * Compares the database with the contract and repairs what a crash can leave behind.
   *
   * <ul>
   *   <li>The contract has child blocks the database lacks, or a block in both has different roots
   *       (high 224 bits): refuses ({@link ReconcileException}), diagnosed "foreign root at block
   *       N" (someone else submitted it with the operator key, or an old backup) when earlier
   *       blocks agree, else "does not belong to the chain on this contract" ({@link
   *       ReconcileRefusals}).
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
    state.anchor(result.anchor());
    if (!result.unconfirmed().isEmpty()) {
      Fees fees = channel.suggestedFees().cappedAt(config.maxGasPrice());
      result.unconfirmed().forEach(block -> watchUnconfirmed(result.anchor(), block, fees, now));
    }
    List<Long> pending = store.pendingCommits();
    state.lastCommittedBlock(
        pending.isEmpty() ? store.height() : pending.get(0) - UtxoPos.CHILD_BLOCK_INTERVAL);
    reorgs.reconciled(now);
    foreignRoots.reconciledAt(result.anchor().l1Block());
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
    Submission watched =
        Submission.foundOnL1(block.blknum(), nonce, root, fees, block.receipt(), now);
    inFlight.add(watched);
    if (block.receipt().isEmpty()) {
      reorgs.anchorCheckNeeded();
    }
  }

  /** Wakes the committer: call after {@code block} is stored in the {@link ChainStore}. */
  public void onBlockClosed(StoredBlock block) {
    ScheduledExecutorService running = executor;
    if (running == null) {
      return;
    }
    try {
      running.execute(this::pollSafely);
      LOG.debug("Block {} closed, committing", block.blknum());
    } catch (RejectedExecutionException closing) {
      LOG.debug(
          "Block {} closed while the committer stops; committed at the next start", block.blknum());
    }
  }

  /**
   * Calls {@code listener} once, on the committer's thread, when a root this operator did not
   * produce is found on L1 (at once if one was found already). The operator stops block production
   * with it.
   */
  public void addForeignRootListener(Consumer<ForeignRoot> listener) {
    foreignRootListeners.add(listener);
    announcedForeignRoot.ifPresent(listener);
  }

  /** The root on L1 this operator did not produce, once found (safe to call from any thread). */
  public Optional<ForeignRoot> foreignRoot() {
    return announcedForeignRoot;
  }

  /** The latest snapshot (updated after every round; safe to call from any thread). */
  public CommitterStatus status() {
    return status;
  }

  private void loop() {
    pollSafely();
    if (!executor.isShutdown()) {
      executor.schedule(this::loop, outage.nextDelay().toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void pollSafely() {
    try {
      poll();
    } catch (RuntimeException e) {
      LOG.error("Root committer round failed", e);
      state.failed("root committer failed: " + e + "; restart the node");
      status = snapshot(clock.instant());
    }
  }

  /**
   * One round: re-checks the mined submissions when L1 has a new head (a reorganisation may have
   * dropped them), checks the others (receipts, consumed nonces, re-sends), marks the ones {@code
   * commitConfirmations} deep committed, in order, then sends the next pending blocks. An
   * unreachable L1 ends the round early and is retried.
   */
  public void poll() {
    checkState(state.anchor().isPresent(), "reconcile() first");
    Instant now = clock.instant();
    if (state.foreignRoot().isEmpty()) {
      try {
        long head = channel.l1Height();
        foreignRoots.scan(head).ifPresent(state::foreignRoot);
        boolean send = !state.halted() && checkInFlight(head, now);
        if (send && !state.halted()) {
          sender.sendPending(now);
        }
        outage.recovered();
      } catch (L1Exception e) {
        outage.unreachable(now, e);
      }
    }
    announceForeignRoot();
    status = snapshot(now);
  }

  private void announceForeignRoot() {
    if (announcedForeignRoot.isEmpty() && state.foreignRoot().isPresent()) {
      announcedForeignRoot = state.foreignRoot();
      foreignRootListeners.forEach(listener -> listener.accept(state.foreignRoot().get()));
    }
  }

  /** Checks and settles the submissions in flight; false if this round must send nothing. */
  private boolean checkInFlight(long head, Instant now) {
    boolean anchorCheckDue = reorgs.anchorCheckDue(now);
    if (inFlight.isEmpty() && !anchorCheckDue) {
      return true;
    }
    ReorgCheck check = reorgs.checkForReorgs(head, anchorCheckDue, now);
    if (check == ReorgCheck.CONTINUE) {
      settle(head, now);
    }
    return check != ReorgCheck.LOOK_AGAIN;
  }

  /**
   * Tracks the unmined submissions and marks the final ones committed, in block order: a submission
   * is final once {@code commitConfirmations} L1 blocks are on top of its receipt's, the contract
   * still holds its root, and every earlier one is final.
   */
  private void settle(long head, Instant now) {
    tracker.newRound();
    boolean earlierFinal = true;
    for (Submission submission : inFlight.inOrder()) {
      Finality finality = check(submission, earlierFinal, head, now);
      if (finality == Finality.HALTED) {
        return;
      }
      earlierFinal = finality == Finality.FINAL;
      if (earlierFinal) {
        committed(submission);
        inFlight.confirm(submission);
      }
    }
  }

  /**
   * Tracks {@code submission} if it is unmined; once it is {@code commitConfirmations} deep and
   * {@code earlierFinal}, checks that the contract still holds its root.
   */
  private Finality check(Submission submission, boolean earlierFinal, long head, Instant now) {
    if (submission.mined().isEmpty() && tracker.track(submission, now) == Tracking.HALTED) {
      return Finality.HALTED;
    }
    if (!earlierFinal || !deepEnough(submission, head)) {
      return Finality.PENDING;
    }
    return reorgs.confirmStillOnL1(submission);
  }

  private boolean deepEnough(Submission submission, long head) {
    return submission.mined().isPresent()
        && head - submission.mined().get().l1Block() >= config.commitConfirmations();
  }

  private void committed(Submission submission) {
    SubmissionReceipt receipt = submission.mined().orElseThrow();
    store.markCommitted(submission.blknum, receipt.txHash());
    state.committed(submission.blknum);
    metrics.blocksCommitted().inc();
    metrics.commitLatency().observeNanos(submission.age(clock.instant()).toNanos());
    metrics.commitGasUsed().inc(receipt.gasUsed());
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

  private CommitterStatus snapshot(Instant now) {
    List<String> alarms = new ArrayList<>();
    state.haltAlarm().ifPresent(alarms::add);
    for (Submission submission : inFlight.inOrder()) {
      if (submission.mined().isEmpty()) { // awaiting confirmations is no stall
        tracker.alarm(submission, now).ifPresent(alarms::add);
      }
    }
    outage.alarm(now).ifPresent(alarms::add);
    return new CommitterStatus(
        state.lastSubmittedBlock(), state.lastCommittedBlock(), inFlight.unmined(), alarms);
  }

  /** Stops the committer thread; submissions in flight stay in the L1 pool for the next start. */
  @Override
  public synchronized void close() {
    if (executor != null) {
      // 10 s for the loop to finish its step, then interrupted and 10 s more.
      MoreExecutors.shutdownAndAwaitTermination(executor, Duration.ofSeconds(20));
    }
  }
}
