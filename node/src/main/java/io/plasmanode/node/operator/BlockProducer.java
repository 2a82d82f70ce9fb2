package io.plasmanode.node.operator;

import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.ledger.PendingBlock;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.core.validation.ValidationResult;
import io.plasmanode.node.api.ClosedBlockTiming;
import io.plasmanode.node.api.SubmitResult;
import io.plasmanode.node.api.TransactionSubmitter;
import io.plasmanode.node.metrics.OperatorMetrics;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.chain.StoredBlock;
import io.plasmanode.storage.chain.TxJournal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's mempool and block builder: takes signed transactions into the open child block
 * ({@link OpenBlock}: core's {@link PendingBlock} on top of the {@link ChainStore}) and closes it
 * into the store. It coordinates the pieces named below, each in its own class, and holds the lock
 * that orders them.
 *
 * <p><b>Threading.</b> Decoding and signer recovery (the expensive part) run outside the lock: on
 * the caller's thread for {@link #submit}, on a bounded pool for {@link #submitAll} ({@link
 * TxVerifier}: under overload the rest of a batch is answered {@link Rejection#OPERATOR_BUSY} at
 * once). One lock then guards the open block: inclusion, closing and {@link #lockExitingOutput}, so
 * transactions enter the block in lock order and a batch enters contiguously in list order. A
 * scheduler thread closes the block every {@code blockInterval} when it is not empty; the thread
 * that fills it to {@code maxTxsPerBlock} closes it at once. Block listeners run in block order on
 * one notifier thread, after the block is stored and outside the lock ({@link BlockListeners}).
 *
 * <p><b>Closing is instant; writing happens behind it.</b> Under the lock, closing only freezes the
 * open block and opens the next one on top of the closed ones not yet stored ({@link OpenBlock},
 * {@link UnwrittenBlocks}); one writer thread stores them in block order ({@link BlockWriter}), so
 * submissions never wait for the disk. At most {@value #MAX_UNWRITTEN_BLOCKS} closed blocks wait
 * for the writer: when the open block is full and the writer is that far behind, new transactions
 * are refused as busy ({@link Rejection#OPERATOR_BUSY}) until it catches up. Numbering resumes from
 * {@link ChainStore#height()} after a restart.
 *
 * <p><b>Acknowledged means durable.</b> A transaction is answered accepted only once it is in the
 * {@link TxJournal} (one synced append for all the transactions accepted meanwhile, on the journal
 * thread: {@link JournalWriter}) or its block is stored ({@link Acceptances}). {@link #start()}
 * replays the journal into the open block and the closed blocks that were not written when the
 * process died, at the same numbers and indexes ({@link JournalReplay}), so a crash ({@code kill
 * -9}, power loss) loses nothing that was acknowledged.
 *
 * <p><b>Halts.</b> A failed write halts production until the write succeeds, without losing the
 * block ({@link BlockWriter}; {@link #alarm()} says what happened); {@link #haltProduction} halts
 * it for good. {@link ProductionGate} says which transactions are refused then, and why.
 *
 * <p><b>Fees.</b> A submitted payment must pay a fee of a table {@link BlockProducerConfig#fees()}
 * accepts ({@link SubmittedFees}); a closing block ends with its fee claims ({@link OpenBlock}).
 *
 * <p><b>Exits.</b> {@link #lockExitingOutput} marks an unspent output exiting in the store under
 * the same lock, so no later transaction can spend it ({@code utxo_exiting}); one that a
 * transaction already spends stays spent. {@link #releaseChallengedOutput} makes it unspent again
 * once its exit was challenged on L1 with a spend that no block holds ({@link ExitLocks}), {@link
 * #releaseUnclaimedOutput} once the in-flight exit that kept it ended unpaid.
 */
public final class BlockProducer implements TransactionSubmitter, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BlockProducer.class);

  /** Closed blocks that may wait for the writer before a full open block refuses transactions. */
  static final int MAX_UNWRITTEN_BLOCKS = 2;

  private final ChainStore store;
  private final BlockProducerConfig config;
  private final TxVerifier verifier;
  private final ScheduledExecutorService scheduler;
  private final UnwrittenBlocks unwritten;
  private final TxJournal journal;
  private final JournalWriter journalWriter;
  private final BlockListeners listeners;
  private final BlockWriter writer;
  private final ExitLocks exitLocks;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final ReentrantLock lock = new ReentrantLock();

  // Guarded by lock: the open block (but for its published number and size) and the gate.
  private final OpenBlock open;
  private final ProductionGate gate;

  /** A producer with an in-memory journal and no metrics, for tests and tools; see below. */
  public BlockProducer(ChainStore store, BlockProducerConfig config, Clock clock) {
    this(store, TxJournal.inMemory(), config, clock, OperatorMetrics.NONE);
  }

  /**
   * @param journal where accepted transactions are kept until their block is stored; replayed by
   *     {@link #start()}. The caller owns it (closes it after this producer).
   * @param metrics where block build and write times and journal fsyncs are recorded
   */
  public BlockProducer(
      ChainStore store,
      TxJournal journal,
      BlockProducerConfig config,
      Clock clock,
      OperatorMetrics metrics) {
    this.store = requireNonNull(store, "store");
    this.journal = requireNonNull(journal, "journal");
    this.config = requireNonNull(config, "config");
    requireNonNull(clock, "clock");
    this.verifier = new TxVerifier(config);
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(ProducerThreads.daemon("block-producer"));
    this.unwritten = new UnwrittenBlocks(store);
    this.journalWriter =
        new JournalWriter(journal, store.height(), config.blockInterval(), metrics);
    this.listeners = new BlockListeners();
    this.writer =
        new BlockWriter(
            store,
            unwritten,
            journalWriter,
            listeners,
            config.blockInterval(),
            this::closeOpenBlockIfFull,
            metrics);
    long next = store.height() + UtxoPos.CHILD_BLOCK_INTERVAL;
    this.open = new OpenBlock(unwritten, clock, next, config.fees(), config.maxTxsPerBlock());
    this.exitLocks = new ExitLocks(store, open);
    this.gate = new ProductionGate(open, unwritten, writer);
  }

  /**
   * Replays the journal (the transactions acknowledged before a crash that no stored block holds,
   * back into the same blocks at the same indexes), then starts closing the open block every {@code
   * blockInterval}.
   *
   * @throws IllegalStateException if the journal does not replay exactly (a damaged journal): the
   *     operator must not run, since it would renumber what it acknowledged
   */
  public void start() {
    checkState(started.compareAndSet(false, true), "block producer already started");
    replayJournal();
    long interval = config.blockInterval().toNanos();
    scheduler.scheduleWithFixedDelay(this::tick, interval, interval, TimeUnit.NANOSECONDS);
    LOG.info(
        "Block producer started: open block {}, a block every {} ms, at most {} txs per block",
        open.publishedBlknum(),
        config.blockInterval().toMillis(),
        config.maxTxsPerBlock());
  }

  /** Calls {@code listener} with every block after it is durably stored, in block order. */
  public void addBlockListener(Consumer<StoredBlock> listener) {
    listeners.add(listener);
  }

  @Override
  public SubmitResult submit(byte[] signedTxBytes) {
    return submitChecked(List.of(verifier.verify(signedTxBytes))).getFirst();
  }

  @Override
  public List<SubmitResult> submitAll(List<byte[]> signedTxBytes) {
    List<CompletableFuture<ValidationResult<CheckedTx>>> pending =
        verifier.verifyAsync(signedTxBytes);
    return submitChecked(pending.stream().map(CompletableFuture::join).toList());
  }

  /**
   * Includes checked transactions in order under the lock, queues the accepted ones for the
   * journal, and answers once they are durable: an acknowledgment survives a crash.
   */
  private List<SubmitResult> submitChecked(List<ValidationResult<CheckedTx>> checked) {
    List<SubmitResult> results = new ArrayList<>(checked.size());
    Acceptances accepted = new Acceptances();
    lock.lock();
    try {
      for (ValidationResult<CheckedTx> tx : checked) {
        results.add(include(tx, accepted));
      }
      accepted.queue(journalWriter);
    } finally {
      lock.unlock();
    }
    return accepted.awaitDurable(results);
  }

  /** Appends a checked transaction to the open block; the lock is held. */
  private SubmitResult include(ValidationResult<CheckedTx> checked, Acceptances accepted) {
    if (checked instanceof ValidationResult.Invalid<CheckedTx> invalid) {
      return new SubmitResult.Rejected(invalid.reason(), invalid.detail());
    }
    Optional<SubmitResult> refusal = gate.refusal();
    if (refusal.isPresent()) {
      return refusal.get();
    }
    if (open.isFull() && !closeOpenBlock(false)) {
      return gate.busy();
    }
    return add(checked.get(), accepted);
  }

  /** Adds a transaction to the open block, which has room; closes it once full. */
  private SubmitResult add(CheckedTx tx, Acceptances accepted) {
    ValidationResult<PendingBlock.Inclusion> added = open.submit(tx.vtx(), tx.stored(), tx.leaf());
    if (added instanceof ValidationResult.Invalid<PendingBlock.Inclusion> rejected) {
      return new SubmitResult.Rejected(rejected.reason(), rejected.detail());
    }
    PendingBlock.Inclusion inclusion = added.get();
    accepted.add(inclusion, tx);
    if (open.isFull()) {
      closeOpenBlock(false);
    }
    return new SubmitResult.Accepted(tx.txHash(), inclusion.blknum(), inclusion.txindex());
  }

  /**
   * Replays the journal under the lock; the blocks it closed go to the writer only once all of it
   * replayed. A journal that does not replay stops this producer and stores nothing of it.
   */
  private void replayJournal() {
    JournalReplay replay = new JournalReplay(journal, journalWriter, open, store.height());
    replay.forgetStored();
    lock.lock();
    try {
      replay.replay().forEach(writer::write);
      exitLocks.restorePiggybacked();
    } catch (RuntimeException e) {
      gate.replayFailed();
      throw e;
    } finally {
      lock.unlock();
    }
    replay.logSummary();
  }

  /**
   * Locks the output at {@code pos}, whose exit started on L1 (spends are refused {@code
   * utxo_exiting}); idempotent. False if it is not unspent (the exit game's business) or the open
   * block already spends it (it stays spent; the exit is challengeable once that block is stored).
   */
  public boolean lockExitingOutput(UtxoPos pos) {
    return underLock(() -> exitLocks.lock(requireNonNull(pos, "pos")));
  }

  /** Locks an output piggybacked in an in-flight exit on L1 once a block holds it (ExitLocks). */
  public PiggybackLock lockPiggybackedOutput(Hash32 txHash, int oindex) {
    return underLock(() -> exitLocks.lockPiggybacked(requireNonNull(txHash, "txHash"), oindex));
  }

  private <T> T underLock(Supplier<T> action) {
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Releases the lock of {@code pos}, whose exit L1 shows challenged with {@code spendingTxHash}
   * (when L1 names it): unless a stored block holds that tx, a locked output is unspent again.
   */
  public ExitRelease releaseChallengedOutput(UtxoPos pos, Optional<Hash32> spendingTxHash) {
    requireNonNull(pos, "pos");
    requireNonNull(spendingTxHash, "spendingTxHash");
    return underLock(() -> exitLocks.release(pos, spendingTxHash));
  }

  /** Releases {@code pos}, kept locked by in-flight exit {@code ended} until it ended unpaid. */
  ExitRelease releaseUnclaimedOutput(UtxoPos pos, InFlightExitId ended) {
    return underLock(() -> exitLocks.releaseUnclaimed(requireNonNull(pos, "pos"), ended));
  }

  /**
   * Halts block production for good, at once (e.g. a root on L1 this operator did not produce): new
   * transactions are refused {@link Rejection#OPERATOR_HALTED} with {@code reason}; no block closes
   * any more (the open block's transactions stay in the journal), those closed are still written.
   * Idempotent: the first reason stays.
   */
  public void haltProduction(String reason) {
    requireNonNull(reason, "reason");
    lock.lock();
    try {
      if (gate.halt(reason)) {
        LOG.error(
            "Block production halted at open block {} ({} transaction(s) in it, kept in the"
                + " journal): {}",
            open.blknum(),
            open.size(),
            reason);
      }
    } finally {
      lock.unlock();
    }
  }

  private void tick() {
    lock.lock();
    try {
      if (gate.mayClose() && !open.isEmpty()) {
        closeOpenBlock(false);
      }
    } catch (RuntimeException e) {
      LOG.error("Unexpected failure closing block {}", open.blknum(), e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Closes the open block and hands it to the writer; the lock is held.
   *
   * @param evenIfWriterIsBehind close even when {@value #MAX_UNWRITTEN_BLOCKS} blocks already wait
   *     for the writer (at shutdown)
   * @return whether the block was closed; false if the writer is too far behind
   */
  private boolean closeOpenBlock(boolean evenIfWriterIsBehind) {
    if (!evenIfWriterIsBehind && unwritten.size() >= MAX_UNWRITTEN_BLOCKS) {
      return false;
    }
    writer.write(open.close());
    return true;
  }

  /** A block that filled up while the writer was behind closes as soon as the writer catches up. */
  private void closeOpenBlockIfFull() {
    underLock(() -> gate.mayClose() && open.isFull() && closeOpenBlock(false));
  }

  /** Transactions in the open block. */
  public int mempoolSize() {
    return open.publishedSize();
  }

  /** The last block closed and stored since this producer started, with its timing. */
  public Optional<ClosedBlockTiming> lastClosedBlock() {
    return writer.lastWritten();
  }

  /** The number the open block will get when it closes. */
  public long openBlknum() {
    return open.publishedBlknum();
  }

  /**
   * What needs a person, if anything: production halted by a block that cannot be written, else a
   * journal that cannot be written (acknowledgments then wait for their block to be stored), else a
   * full chain (its last block is closed: {@link UtxoPos#MAX_BLKNUM}).
   */
  public Optional<String> alarm() {
    return writer
        .failure()
        .or(journalWriter::alarm)
        .or(
            () ->
                open.isChainFull() ? Optional.of(OpenBlock.chainFullMessage()) : Optional.empty());
  }

  /**
   * Stops interval closing, closes the open block if it holds transactions, stops accepting
   * transactions, and waits for the listeners to see the last block. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    scheduler.shutdown();
    ProducerThreads.await(scheduler);
    lock.lock();
    try {
      gate.stop();
      if (!open.isEmpty() && gate.mayCloseAtShutdown()) {
        closeOpenBlock(true);
      }
    } finally {
      lock.unlock();
    }
    writer.shutdown();
    writer.awaitTermination();
    journalWriter.close();
    verifier.shutdown();
    listeners.shutdown();
    verifier.awaitTermination();
    listeners.awaitTermination();
    LOG.info("Block producer stopped at height {}", store.height());
  }
}
