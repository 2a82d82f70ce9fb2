package io.plasmanode.node.operator;

import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.eip712.SignatureChecker;
import io.plasmanode.core.ledger.PendingBlock;
import io.plasmanode.core.ledger.UtxoDelta;
import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.ledger.VerifiedTransaction;
import io.plasmanode.core.merkle.MerkleTree;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.core.validation.ValidationResult;
import io.plasmanode.node.api.SubmitResult;
import io.plasmanode.node.api.TransactionSubmitter;
import io.plasmanode.node.storage.ChainStore;
import io.plasmanode.node.storage.JournaledTxs;
import io.plasmanode.node.storage.StoredBlock;
import io.plasmanode.node.storage.TxBytes;
import io.plasmanode.node.storage.TxJournal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's mempool and block builder: takes signed transactions into the open child block
 * (core's {@link PendingBlock} on top of the {@link ChainStore}) and closes it into the store.
 *
 * <p><b>Threading.</b> Decoding and signer recovery (the expensive part) run outside the lock: on
 * the caller's thread for {@link #submit}, on a dedicated pool of {@code verificationThreads} for
 * {@link #submitAll} (never the common pool). One lock then guards the open block: inclusion,
 * closing and {@link #lockExitingOutput}, so transactions enter the block in lock order and a batch
 * enters contiguously in list order. A scheduler thread closes the block every {@code
 * blockInterval} when it is not empty; the thread that fills it to {@code maxTxsPerBlock} closes it
 * at once. Block listeners run in block order on one notifier thread, after the block is stored and
 * outside the lock, so a slow listener (the root committer calling L1) never stalls submissions.
 *
 * <p><b>Backpressure.</b> The verification pool queues at most {@code maxPendingVerifications}
 * transactions. Under overload the rest of a {@link #submitAll} batch is answered {@link
 * Rejection#OPERATOR_BUSY} at once, unchecked; the transactions taken are a prefix of the batch, so
 * none depends on a refused one. That bounds both the memory and the wait of what was taken.
 *
 * <p><b>Closing is instant; writing happens behind it.</b> Under the lock, closing only freezes the
 * open block and opens the next one on top of it: the next block sees the UTXO set through the
 * closed blocks not yet stored ({@link UnwrittenBlocks}) and then the store. One writer thread
 * builds each closed block's Merkle tree and commits it ({@link ChainStore#commitBlock}: one
 * atomic, fsynced batch, under a second for a full block), in block order, so submissions never
 * wait for the disk. At most {@value #MAX_UNWRITTEN_BLOCKS} closed blocks wait for the writer: when
 * the open block is full and the writer is that far behind, new transactions are refused as busy
 * ({@link Rejection#OPERATOR_BUSY}) until it catches up. Numbering resumes from {@link
 * ChainStore#height()} after a restart.
 *
 * <p><b>Acknowledged means durable.</b> A transaction is answered accepted only once it is in the
 * {@link TxJournal} (one synced append for all the transactions accepted meanwhile, on the journal
 * thread: {@link JournalWriter}) or its block is stored. {@link #start()} replays the journal into
 * the open block and the closed blocks that were not written when the process died, at the same
 * numbers and indexes, so a crash ({@code kill -9}, power loss) loses nothing that was
 * acknowledged.
 *
 * <p><b>A failed write halts production, without losing the block.</b> The writer keeps the block
 * (same number, transactions and indexes, so every acceptance already given stays true), an ERROR
 * is logged and {@link #alarm()} says what happened. While halted, new transactions are rejected
 * with {@link Rejection#OPERATOR_UNAVAILABLE} ("the operator cannot take it now, retry later",
 * JSON-RPC -32013), with a detail naming the storage failure; every interval retries the write, and
 * once it succeeds the alarm clears and production resumes. A disk that fills up therefore stops
 * the chain visibly instead of forking what users were told.
 *
 * <p><b>Exits.</b> {@link #lockExitingOutput} marks an unspent output exiting in the store under
 * the same lock, so no later transaction can spend it ({@code utxo_exiting}). If a transaction of
 * the open block or of a block being written already spends it, it stays spent: the transaction was
 * accepted first, the exit is invalid and becomes challengeable (with that transaction) once the
 * block is committed.
 */
public final class BlockProducer implements TransactionSubmitter, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BlockProducer.class);
  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

  /** Closed blocks that may wait for the writer before a full open block refuses transactions. */
  static final int MAX_UNWRITTEN_BLOCKS = 2;

  private final ChainStore store;
  private final BlockProducerConfig config;
  private final Clock clock;
  private final SignatureChecker checker;
  private final ThreadPoolExecutor verifiers;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService writer;
  private final ExecutorService notifier;
  private final UnwrittenBlocks unwritten;
  private final TxJournal journal;
  private final JournalWriter journalWriter;
  private final List<Consumer<StoredBlock>> listeners = new CopyOnWriteArrayList<>();
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final ReentrantLock lock = new ReentrantLock();

  // Guarded by lock.
  private PendingBlock open;

  /** The open block's transactions as stored, and their Merkle leaves (guarded by the lock). */
  private List<TxBytes> openTxs;

  private List<Hash32> openLeaves;
  private boolean stopped;

  /**
   * While the journal replays, the writes of the blocks it closes wait here: nothing is stored
   * unless the whole journal replays (guarded by the lock; null otherwise).
   */
  private List<Runnable> writesAfterReplay;

  /** The journal did not replay: nothing of it may be stored, not even at shutdown. */
  private boolean replayFailed;

  // Written under lock, read without it by status calls.
  private volatile long openBlknum;
  private volatile int mempoolSize;
  private volatile String commitFailure;

  /**
   * A producer whose journal of accepted transactions lives in memory only: for tests and tools on
   * an in-memory chain. The daemon passes a {@link TxJournal} on disk.
   */
  public BlockProducer(ChainStore store, BlockProducerConfig config, Clock clock) {
    this(store, TxJournal.inMemory(), config, clock);
  }

  /**
   * @param journal where accepted transactions are kept until their block is stored; replayed by
   *     {@link #start()}. The caller owns it (closes it after this producer).
   */
  public BlockProducer(
      ChainStore store, TxJournal journal, BlockProducerConfig config, Clock clock) {
    this.store = requireNonNull(store, "store");
    this.journal = requireNonNull(journal, "journal");
    this.config = requireNonNull(config, "config");
    this.clock = requireNonNull(clock, "clock");
    this.checker = new SignatureChecker(config.domain(), config.recovery());
    this.verifiers =
        new ThreadPoolExecutor(
            config.verificationThreads(),
            config.verificationThreads(),
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(config.maxPendingVerifications()),
            daemon("block-verify-%d"));
    this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("block-producer"));
    this.writer = Executors.newSingleThreadExecutor(daemon("block-writer"));
    this.notifier = Executors.newSingleThreadExecutor(daemon("block-listeners"));
    this.unwritten = new UnwrittenBlocks(store);
    this.journalWriter = new JournalWriter(journal, store.height(), config.blockInterval());
    openBlock(store.height() + UtxoPos.CHILD_BLOCK_INTERVAL);
  }

  private static java.util.concurrent.ThreadFactory daemon(String nameFormat) {
    return new ThreadFactoryBuilder().setNameFormat(nameFormat).setDaemon(true).build();
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
        openBlknum,
        config.blockInterval().toMillis(),
        config.maxTxsPerBlock());
  }

  /** Calls {@code listener} with every block after it is durably stored, in block order. */
  public void addBlockListener(Consumer<StoredBlock> listener) {
    listeners.add(requireNonNull(listener, "listener"));
  }

  @Override
  public SubmitResult submit(byte[] signedTxBytes) {
    return submitChecked(List.of(verify(signedTxBytes))).getFirst();
  }

  @Override
  public List<SubmitResult> submitAll(List<byte[]> signedTxBytes) {
    List<CompletableFuture<ValidationResult<Checked>>> pending = verifyAsync(signedTxBytes);
    return submitChecked(pending.stream().map(CompletableFuture::join).toList());
  }

  /**
   * Includes checked transactions in order under the lock, queues the accepted ones for the
   * journal, and answers once they are durable: an acknowledgment survives a crash.
   */
  private List<SubmitResult> submitChecked(List<ValidationResult<Checked>> checked) {
    List<SubmitResult> results = new ArrayList<>(checked.size());
    Map<Long, CompletableFuture<Void>> durable = new HashMap<>();
    lock.lock();
    try {
      Acceptances accepted = new Acceptances();
      for (ValidationResult<Checked> tx : checked) {
        results.add(include(tx, accepted));
      }
      accepted.entries().forEach(entry -> durable.put(entry.blknum(), journalWriter.append(entry)));
    } finally {
      lock.unlock();
    }
    return durable.isEmpty() ? results : awaitDurable(results, durable);
  }

  private List<SubmitResult> awaitDurable(
      List<SubmitResult> results, Map<Long, CompletableFuture<Void>> durable) {
    Set<Long> lost = new HashSet<>();
    durable.forEach(
        (blknum, future) -> {
          try {
            future.get();
          } catch (ExecutionException | CancellationException e) {
            lost.add(blknum);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lost.add(blknum);
          }
        });
    if (lost.isEmpty()) {
      return results;
    }
    return results.stream()
        .map(
            result ->
                result instanceof SubmitResult.Accepted accepted && lost.contains(accepted.blknum())
                    ? new SubmitResult.Rejected(
                        Rejection.OPERATOR_UNAVAILABLE,
                        "the operator stopped before block %d was stored; resubmit when it is back"
                            .formatted(accepted.blknum()))
                    : result)
        .toList();
  }

  /** One call's accepted transactions as journal entries: consecutive in each block. */
  private static final class Acceptances {
    private final List<JournaledTxs> entries = new ArrayList<>();
    private long blknum;
    private int firstTxindex;
    private List<JournaledTxs.Tx> txs = new ArrayList<>();

    void add(long blknum, int txindex, JournaledTxs.Tx tx) {
      if (!txs.isEmpty() && blknum != this.blknum) {
        flush();
      }
      if (txs.isEmpty()) {
        this.blknum = blknum;
        this.firstTxindex = txindex;
      }
      txs.add(tx);
    }

    private void flush() {
      entries.add(new JournaledTxs(blknum, firstTxindex, txs));
      txs = new ArrayList<>();
    }

    List<JournaledTxs> entries() {
      if (!txs.isEmpty()) {
        flush();
      }
      return entries;
    }
  }

  /**
   * Queues each transaction for verification, in order; once the queue refuses one (full, or shut
   * down) the rest get the same answer, so the queued ones are a prefix of the batch.
   */
  private List<CompletableFuture<ValidationResult<Checked>>> verifyAsync(List<byte[]> txs) {
    txs.forEach(tx -> requireNonNull(tx, "signedTxBytes"));
    List<CompletableFuture<ValidationResult<Checked>>> pending = new ArrayList<>(txs.size());
    for (byte[] tx : txs) {
      try {
        pending.add(CompletableFuture.supplyAsync(() -> verify(tx), verifiers));
      } catch (RejectedExecutionException e) {
        CompletableFuture<ValidationResult<Checked>> refused =
            CompletableFuture.completedFuture(refusal());
        while (pending.size() < txs.size()) {
          pending.add(refused);
        }
        break;
      }
    }
    return pending;
  }

  /** Why the verification pool refused a transaction: it is shut down, or its queue is full. */
  private ValidationResult<Checked> refusal() {
    if (verifiers.isShutdown()) {
      return ValidationResult.invalid(Rejection.OPERATOR_UNAVAILABLE, shuttingDown());
    }
    return ValidationResult.invalid(
        Rejection.OPERATOR_BUSY,
        "the operator is busy: %d transactions are waiting for verification; retry later"
            .formatted(verifiers.getQueue().size()));
  }

  /**
   * A decoded transaction with its recovered signers, its hash, its Merkle leaf and its bytes as
   * stored: everything a block needs per transaction, computed before the lock is taken.
   */
  private record Checked(VerifiedTransaction vtx, Hash32 txHash, Hash32 leaf, TxBytes stored) {}

  private ValidationResult<Checked> verify(byte[] signedTxBytes) {
    requireNonNull(signedTxBytes, "signedTxBytes");
    return TxCodec.decodeSigned(signedTxBytes)
        .flatMap(signed -> recoverSigners(signed, signedTxBytes));
  }

  private ValidationResult<Checked> recoverSigners(SignedTransaction signed, byte[] signedBytes) {
    return checker
        .recoverSigners(signed)
        .map(
            signers -> {
              byte[] unsigned = TxCodec.encode(signed.tx());
              Hash32 txHash = Keccak.keccak256(unsigned);
              return new Checked(
                  new VerifiedTransaction(signed, signers),
                  txHash,
                  MerkleTree.leafHash(unsigned),
                  TxBytes.ofDecoded(txHash, signedBytes));
            });
  }

  /** Appends a checked transaction to the open block; the lock is held. */
  private SubmitResult include(ValidationResult<Checked> checked, Acceptances accepted) {
    if (checked instanceof ValidationResult.Invalid<Checked> invalid) {
      return new SubmitResult.Rejected(invalid.reason(), invalid.detail());
    }
    Optional<SubmitResult> unavailable = unavailable();
    if (unavailable.isPresent()) {
      return unavailable.get();
    }
    if (open.size() >= config.maxTxsPerBlock() && !closeOpenBlock(false)) {
      return new SubmitResult.Rejected(
          Rejection.OPERATOR_BUSY,
          "the operator is busy: block %d is full and the %d blocks before it are still being"
                  .formatted(open.blknum(), unwritten.size())
              + " written to disk; retry shortly");
    }
    Checked tx = checked.get();
    ValidationResult<PendingBlock.Inclusion> added = open.add(tx.vtx());
    if (added instanceof ValidationResult.Invalid<PendingBlock.Inclusion> rejected) {
      return new SubmitResult.Rejected(rejected.reason(), rejected.detail());
    }
    PendingBlock.Inclusion inclusion = added.get();
    appendToOpenBlock(tx.stored(), tx.leaf());
    accepted.add(
        inclusion.blknum(),
        inclusion.txindex(),
        new JournaledTxs.Tx(tx.stored(), tx.vtx().signers()));
    if (open.size() >= config.maxTxsPerBlock()) {
      closeOpenBlock(false);
    }
    return new SubmitResult.Accepted(tx.txHash(), inclusion.blknum(), inclusion.txindex());
  }

  private void appendToOpenBlock(TxBytes stored, Hash32 leaf) {
    openTxs.add(stored);
    openLeaves.add(leaf);
    mempoolSize = open.size();
  }

  private void replayJournal() {
    long height = store.height();
    journal.forgetThrough(height);
    int[] replayed = new int[1];
    lock.lock();
    try {
      writesAfterReplay = new ArrayList<>();
      journal.forEachAbove(
          height,
          entry -> {
            replay(entry);
            journalWriter.replayed(entry);
            replayed[0] += entry.txs().size();
          });
      writesAfterReplay.forEach(writer::execute);
    } catch (RuntimeException e) {
      replayFailed = true;
      stopped = true;
      throw e;
    } finally {
      writesAfterReplay = null;
      lock.unlock();
    }
    if (replayed[0] > 0) {
      LOG.info(
          "Replayed {} accepted transactions from the journal: blocks {} to {} ({} open)",
          replayed[0],
          height + UtxoPos.CHILD_BLOCK_INTERVAL,
          open.blknum(),
          open.size());
    }
  }

  /** Re-includes one journal entry where it was acknowledged; the lock is held. */
  private void replay(JournaledTxs entry) {
    if (entry.blknum() == open.blknum() + UtxoPos.CHILD_BLOCK_INTERVAL && !open.isEmpty()) {
      closeOpenBlock(true);
    }
    if (entry.blknum() != open.blknum() || entry.firstTxindex() != open.size()) {
      throw journalMismatch(
          entry.blknum(),
          entry.firstTxindex(),
          "the next acknowledged position is %d:%d".formatted(open.blknum(), open.size()));
    }
    int txindex = entry.firstTxindex();
    for (JournaledTxs.Tx journaled : entry.txs()) {
      int at = txindex++;
      ValidationResult<SignedTransaction> decoded = journaled.tx().decode();
      if (decoded instanceof ValidationResult.Invalid<SignedTransaction> invalid) {
        throw journalMismatch(
            entry.blknum(), at, "it does not decode (%s)".formatted(invalid.detail()));
      }
      SignedTransaction signed = decoded.get();
      ValidationResult<PendingBlock.Inclusion> added =
          open.add(new VerifiedTransaction(signed, journaled.signers()));
      if (added instanceof ValidationResult.Invalid<PendingBlock.Inclusion> rejected) {
        throw journalMismatch(
            entry.blknum(),
            at,
            "it is now rejected (%s: %s)".formatted(rejected.reason(), rejected.detail()));
      }
      appendToOpenBlock(journaled.tx(), MerkleTree.leafHash(TxCodec.encode(signed.tx())));
    }
  }

  private static IllegalStateException journalMismatch(long blknum, int txindex, String why) {
    return new IllegalStateException(
        ("the journal of accepted transactions does not replay: the transaction acknowledged at"
                + " %d:%d cannot take that place, %s. Refusing to run rather than renumber"
                + " acknowledged transactions; restore the data directory from a backup")
            .formatted(blknum, txindex, why));
  }

  private Optional<SubmitResult> unavailable() {
    if (stopped) {
      return Optional.of(new SubmitResult.Rejected(Rejection.OPERATOR_UNAVAILABLE, shuttingDown()));
    }
    String failure = commitFailure;
    if (failure != null) {
      return Optional.of(
          new SubmitResult.Rejected(
              Rejection.OPERATOR_UNAVAILABLE, "the operator cannot take transactions: " + failure));
    }
    return Optional.empty();
  }

  private static String shuttingDown() {
    return "the operator is shutting down; resubmit when it is back";
  }

  /**
   * Locks the output at {@code pos} because its exit started on L1: a later transaction spending it
   * is rejected with {@code utxo_exiting}. Idempotent.
   *
   * @return whether the output is now locked; false if it is not an unspent output (already
   *     exiting, spent, unknown: the exit game's business) or a transaction of the open block
   *     already spends it (it stays spent; the exit is challengeable once the block is committed)
   */
  public boolean lockExitingOutput(UtxoPos pos) {
    requireNonNull(pos, "pos");
    lock.lock();
    try {
      if (open.status(pos) instanceof UtxoStatus.Spent
          && store.status(pos) instanceof UtxoStatus.Unspent) {
        LOG.warn(
            "Exit of {} started on L1, but a transaction of the open block {} or of a block"
                + " being written already spends it: the exit is challengeable once that block is"
                + " committed",
            pos,
            open.blknum());
        return false;
      }
      boolean locked = store.markExiting(pos);
      if (locked) {
        LOG.info("Locked output {}: its exit started on L1", pos);
      } else {
        LOG.debug("Exit of {} started on L1; it is not an unspent output here", pos);
      }
      return locked;
    } finally {
      lock.unlock();
    }
  }

  private void tick() {
    lock.lock();
    try {
      if (!stopped && !open.isEmpty()) {
        closeOpenBlock(false);
      }
    } catch (RuntimeException e) {
      LOG.error("Unexpected failure closing block {}", open.blknum(), e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Freezes the open block, opens the next on top of it and hands the closed one to the writer. The
   * lock is held.
   *
   * @param evenIfWriterIsBehind close even when {@value #MAX_UNWRITTEN_BLOCKS} blocks already wait
   *     for the writer (at shutdown)
   * @return whether the block was closed; false if the writer is too far behind
   */
  private boolean closeOpenBlock(boolean evenIfWriterIsBehind) {
    if (!evenIfWriterIsBehind && unwritten.size() >= MAX_UNWRITTEN_BLOCKS) {
      return false;
    }
    long closedAtNanos = System.nanoTime();
    PendingBlock closing = open;
    List<TxBytes> txs = openTxs;
    List<Hash32> leaves = openLeaves;
    Instant timestamp = clock.instant();
    unwritten.add(closing);
    openBlock(closing.blknum() + UtxoPos.CHILD_BLOCK_INTERVAL);
    Runnable write = () -> write(closing, txs, leaves, timestamp, closedAtNanos);
    if (writesAfterReplay != null) {
      writesAfterReplay.add(write);
    } else {
      writer.execute(write);
    }
    return true;
  }

  /**
   * Builds a closed block's tree and stores it, retrying every interval while the store fails; then
   * lets the next block see the store alone for it and tells the listeners. Runs on the writer
   * thread, one block at a time, in block order.
   */
  private void write(
      PendingBlock closed,
      List<TxBytes> txs,
      List<Hash32> leaves,
      Instant timestamp,
      long closedAtNanos) {
    StoredBlock block = StoredBlock.ofLeaves(closed.blknum(), txs, leaves, timestamp);
    UtxoDelta delta = closed.delta();
    while (!tryCommit(block, delta)) {
      if (closed()) {
        LOG.error(
            "Block {} with {} txs could not be written before shutdown; its transactions stay in"
                + " the journal and are replayed at the next start",
            block.blknum(),
            block.transactions().size());
        return;
      }
      if (!sleep(config.blockInterval())) {
        return;
      }
    }
    unwritten.removeStored(closed);
    journalWriter.blockStored(block.blknum());
    LOG.info(
        "Closed block {}: {} txs, root {}, {} ms",
        block.blknum(),
        block.transactions().size(),
        block.root().toShortHex(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closedAtNanos));
    notifier.execute(() -> notifyListeners(block));
    closeOpenBlockIfFull();
  }

  private boolean tryCommit(StoredBlock block, UtxoDelta delta) {
    try {
      store.commitBlock(block, delta);
    } catch (RuntimeException e) {
      halt(block, e);
      return false;
    }
    if (commitFailure != null) {
      commitFailure = null;
      LOG.info(
          "Block {} written after the earlier failure; accepting transactions", block.blknum());
    }
    return true;
  }

  private boolean closed() {
    return closed.get();
  }

  private static boolean sleep(Duration duration) {
    try {
      Thread.sleep(duration);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** A block that filled up while the writer was behind closes as soon as the writer catches up. */
  private void closeOpenBlockIfFull() {
    lock.lock();
    try {
      if (!stopped && open.size() >= config.maxTxsPerBlock()) {
        closeOpenBlock(false);
      }
    } finally {
      lock.unlock();
    }
  }

  private void halt(StoredBlock block, RuntimeException cause) {
    boolean first = commitFailure == null;
    commitFailure =
        "block %d (%d txs) could not be written to storage (%s); retrying every %d ms"
            .formatted(
                block.blknum(),
                block.transactions().size(),
                cause,
                config.blockInterval().toMillis());
    if (first) {
      LOG.error("Halting block production: {}", commitFailure, cause);
    } else {
      LOG.debug("Block {} still cannot be written: {}", block.blknum(), cause.toString());
    }
  }

  private void openBlock(long blknum) {
    open = new PendingBlock(unwritten, blknum);
    openTxs = new ArrayList<>();
    openLeaves = new ArrayList<>();
    openBlknum = blknum;
    mempoolSize = 0;
  }

  private void notifyListeners(StoredBlock block) {
    for (Consumer<StoredBlock> listener : listeners) {
      try {
        listener.accept(block);
      } catch (RuntimeException e) {
        LOG.error("Block listener {} failed on block {}", listener, block.blknum(), e);
      }
    }
  }

  /** Transactions in the open block. */
  public int mempoolSize() {
    return mempoolSize;
  }

  /** The number the open block will get when it closes. */
  public long openBlknum() {
    return openBlknum;
  }

  /** Why block production is halted (a block that cannot be written), if it is. */
  public Optional<String> alarm() {
    return Optional.ofNullable(commitFailure).or(journalWriter::alarm);
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
    await(scheduler);
    lock.lock();
    try {
      stopped = true;
      if (!open.isEmpty() && !replayFailed) {
        closeOpenBlock(true);
      }
    } finally {
      lock.unlock();
    }
    writer.shutdown();
    await(writer);
    journalWriter.close();
    verifiers.shutdown();
    notifier.shutdown();
    await(verifiers);
    await(notifier);
    LOG.info("Block producer stopped at height {}", store.height());
  }

  private static void await(ExecutorService executor) {
    try {
      if (!executor.awaitTermination(SHUTDOWN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        LOG.warn("Block producer threads did not stop within {}", SHUTDOWN_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
