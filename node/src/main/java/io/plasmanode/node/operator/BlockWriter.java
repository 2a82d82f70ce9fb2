package io.plasmanode.node.operator;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.ledger.UtxoDelta;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.node.api.ClosedBlockTiming;
import io.plasmanode.node.metrics.OperatorMetrics;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.chain.StoredBlock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the closed blocks behind the open one: one thread builds each closed block's Merkle tree
 * and commits it ({@link ChainStore#commitBlock}: one atomic, fsynced batch, under a second for a
 * full block), in block order, so submissions never wait for the disk. Once a block is stored, the
 * next blocks see the store alone for it ({@link UnwrittenBlocks}), the journal forgets its
 * entries, the {@link BlockListeners} hear of it, and the producer may close an open block that
 * filled up while the writer was behind.
 *
 * <p><b>A failed write halts production, without losing the block.</b> The writer keeps the block
 * (same number, transactions and indexes, so every acceptance already given stays true), an ERROR
 * is logged and {@link #failure()} says what happened; the producer then rejects new transactions
 * with {@link Rejection#OPERATOR_UNAVAILABLE}. Every interval retries the write, and once it
 * succeeds the failure clears and production resumes. A disk that fills up therefore stops the
 * chain visibly instead of forking what users were told. A block still failing when the producer
 * closes stays in the journal, for the next start to replay: the wait between retries ends at
 * {@link #shutdown()}, which gives the write up.
 */
final class BlockWriter {
  private static final Logger LOG = LoggerFactory.getLogger(BlockWriter.class);

  private final ChainStore store;
  private final UnwrittenBlocks unwritten;
  private final JournalWriter journalWriter;
  private final BlockListeners listeners;
  private final AtomicReference<ClosedBlockTiming> lastWritten = new AtomicReference<>();
  private final Duration retryInterval;
  private final Runnable afterStored;
  private final OperatorMetrics metrics;
  private final ExecutorService writer =
      Executors.newSingleThreadExecutor(ProducerThreads.daemon("block-writer"));

  /** Counted down by {@link #shutdown()}: a failing write gives up, its retry wait ends. */
  private final CountDownLatch stopping = new CountDownLatch(1);

  /** Why the oldest closed block cannot be written, while it cannot; written by the writer. */
  private volatile String failure;

  /**
   * @param afterStored runs on the writer thread after each stored block (the producer closes an
   *     open block that filled up meanwhile)
   */
  BlockWriter(
      ChainStore store,
      UnwrittenBlocks unwritten,
      JournalWriter journalWriter,
      BlockListeners listeners,
      Duration retryInterval,
      Runnable afterStored,
      OperatorMetrics metrics) {
    this.store = requireNonNull(store, "store");
    this.unwritten = requireNonNull(unwritten, "unwritten");
    this.journalWriter = requireNonNull(journalWriter, "journalWriter");
    this.listeners = requireNonNull(listeners, "listeners");
    this.retryInterval = requireNonNull(retryInterval, "retryInterval");
    this.afterStored = requireNonNull(afterStored, "afterStored");
    this.metrics = requireNonNull(metrics, "metrics");
  }

  /** The last block this writer stored, with its timing. */
  Optional<ClosedBlockTiming> lastWritten() {
    return Optional.ofNullable(lastWritten.get());
  }

  /** Queues a closed block for writing; call in block order (under the producer's lock). */
  void write(ClosedBlock closed) {
    writer.execute(() -> writeNow(closed));
  }

  /**
   * Builds a closed block's tree and stores it; then lets the next block see the store alone for it
   * and tells the listeners. Runs on the writer thread, one block at a time, in block order.
   */
  private void writeNow(ClosedBlock closed) {
    long start = System.nanoTime();
    StoredBlock block = closed.toStoredBlock();
    metrics.blockBuildTime().observeSince(start);
    if (!commitRetrying(block, closed.block().delta())) {
      return;
    }
    unwritten.removeStored(closed.block());
    journalWriter.blockStored(block.blknum());
    ClosedBlockTiming timing =
        new ClosedBlockTiming(
            block.blknum(),
            block.transactions().size(),
            closed.timestamp(),
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closed.closedAtNanos()));
    lastWritten.set(timing);
    metrics.blockTransactions().observe(timing.txCount());
    LOG.info(
        "Closed block {}: {} txs, root {}, {} ms",
        block.blknum(),
        timing.txCount(),
        block.root().toShortHex(),
        timing.buildMillis());
    listeners.stored(block);
    afterStored.run();
  }

  /** Commits a block, retrying every interval while the store fails; false if given up. */
  private boolean commitRetrying(StoredBlock block, UtxoDelta delta) {
    while (!tryCommit(block, delta)) {
      if (stopping.getCount() == 0) {
        LOG.error(
            "Block {} with {} txs could not be written before shutdown; its transactions stay in"
                + " the journal and are replayed at the next start",
            block.blknum(),
            block.transactions().size());
        return false;
      }
      if (!awaitRetry()) {
        return false;
      }
    }
    return true;
  }

  private boolean tryCommit(StoredBlock block, UtxoDelta delta) {
    try {
      long start = System.nanoTime();
      store.commitBlock(block, delta);
      metrics.blockWriteTime().observeSince(start);
    } catch (RuntimeException e) {
      halt(block, e);
      return false;
    }
    if (failure != null) {
      failure = null;
      LOG.info(
          "Block {} written after the earlier failure; accepting transactions", block.blknum());
    }
    return true;
  }

  private void halt(StoredBlock block, RuntimeException cause) {
    boolean first = failure == null;
    failure =
        "block %d (%d txs) could not be written to storage (%s); retrying every %d ms"
            .formatted(
                block.blknum(), block.transactions().size(), cause, retryInterval.toMillis());
    if (first) {
      LOG.error("Halting block production: {}", failure, cause);
    } else {
      LOG.debug("Block {} still cannot be written: {}", block.blknum(), cause.toString());
    }
  }

  /** Waits one retry interval, or until {@link #shutdown()}; false if interrupted. */
  private boolean awaitRetry() {
    try {
      stopping.await(retryInterval.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Why block production is halted (a block that cannot be written), if it is. */
  Optional<String> failure() {
    return Optional.ofNullable(failure);
  }

  /** Takes no more blocks; those queued are still written (or given up, see the class doc). */
  void shutdown() {
    writer.shutdown();
    stopping.countDown();
  }

  void awaitTermination() {
    ProducerThreads.await(writer);
  }
}
