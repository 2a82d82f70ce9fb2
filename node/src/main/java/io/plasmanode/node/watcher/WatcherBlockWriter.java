package io.plasmanode.node.watcher;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.Uninterruptibles;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.ledger.UtxoDelta;
import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.ledger.UtxoView;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.exitgame.BlockValidation;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.chain.StoredBlock;
import io.plasmanode.storage.chain.TxBytes;
import io.plasmanode.storage.kv.StorageException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Stores the blocks the watcher validated on a thread of its own, while the sync thread validates
 * the next block against this view: the block being written on top of the store, as the operator's
 * open block reads through its unwritten blocks. One block at a time is unwritten.
 *
 * <p><b>Nothing acts on a block before the store holds it.</b> {@link #awaitStored()} waits for the
 * write and only then runs the block's after-store steps (the exit game's, on the calling thread),
 * and the sync acts on its verdict about the next block only after that; {@link
 * ChainStore#height()} (the validated height the watcher reports) counts stored blocks only.
 *
 * <p><b>A failed write drops the block.</b> {@link #awaitStored()} throws the failure, the block's
 * after-store steps never run, and {@link #height()} is the store's again: the next sync fetches
 * and validates that block anew on the stored state. A crash before the write leaves the store as
 * it was, with the same effect at the next start.
 *
 * <p>Used by one thread (the watcher's loop); the view may be read from any.
 */
final class WatcherBlockWriter implements UtxoView {
  private final ChainStore chain;
  private final Executor writer;

  /** The block handed to the writer and not yet awaited; null when every block is stored. */
  private volatile Unwritten unwritten;

  /** A block being written: what it spends and creates, and its write. */
  private record Unwritten(
      long blknum,
      Set<UtxoPos> spent,
      Map<UtxoPos, Output> created,
      CompletableFuture<StoredBlock> stored,
      Consumer<StoredBlock> afterStored) {}

  /**
   * @param writer runs the writes, one at a time (a single thread of its own)
   */
  WatcherBlockWriter(ChainStore chain, Executor writer) {
    this.chain = requireNonNull(chain, "chain");
    this.writer = requireNonNull(writer, "writer");
  }

  /** The status of {@code pos} once the unwritten block is stored. */
  @Override
  public UtxoStatus status(UtxoPos pos) {
    Unwritten block = unwritten;
    if (block != null) {
      if (block.spent().contains(pos)) {
        return UtxoStatus.SPENT;
      }
      Output output = block.created().get(pos);
      if (output != null) {
        return new UtxoStatus.Unspent(output);
      }
    }
    return chain.status(pos);
  }

  /** The last block validated: the unwritten one, else the store's height. */
  long height() {
    Unwritten block = unwritten;
    return block != null ? block.blknum() : chain.height();
  }

  /**
   * Starts storing {@code valid}, the block after {@link #height()}, with the L1 commitment's
   * {@code timestamp}; from now on {@link #status} sees it.
   *
   * @param afterStored what must wait until the store holds the block; {@link #awaitStored()} runs
   *     it on its caller's thread
   * @throws IllegalStateException if a block is still unwritten: await it first
   */
  void write(BlockValidation.Valid valid, Instant timestamp, Consumer<StoredBlock> afterStored) {
    checkState(unwritten == null, "block %s is not stored yet", height());
    checkArgument(
        valid.blknum() == height() + UtxoPos.CHILD_BLOCK_INTERVAL,
        "block %s does not follow %s",
        valid.blknum(),
        height());
    UtxoDelta delta = valid.delta();
    Map<UtxoPos, Output> created = new HashMap<>();
    for (Utxo utxo : delta.created()) {
      created.put(utxo.pos(), utxo.output());
    }
    CompletableFuture<StoredBlock> stored =
        CompletableFuture.supplyAsync(() -> store(valid, timestamp), writer);
    unwritten =
        new Unwritten(valid.blknum(), new HashSet<>(delta.spent()), created, stored, afterStored);
  }

  /** Runs on the writer thread: builds the block's tree and commits it (one atomic batch). */
  private StoredBlock store(BlockValidation.Valid valid, Instant timestamp) {
    List<TxBytes> transactions = new ArrayList<>(valid.signedTxs().size());
    for (int i = 0; i < valid.signedTxs().size(); i++) {
      transactions.add(TxBytes.ofDecoded(valid.txHashes().get(i), valid.signedTxs().get(i)));
    }
    StoredBlock block =
        StoredBlock.ofLeaves(valid.blknum(), transactions, valid.leaves(), timestamp);
    chain.commitBlock(block, valid.delta());
    return block;
  }

  /**
   * Waits until the store holds the unwritten block, then runs its after-store steps; returns at
   * once if every block is stored. Not interruptible: a write takes under a second, and its steps
   * must follow it.
   *
   * @throws StorageException if the block could not be stored (any other exception of the write is
   *     rethrown as it is): the block is dropped and its steps do not run
   */
  void awaitStored() {
    Unwritten block = unwritten;
    if (block == null) {
      return;
    }
    StoredBlock stored;
    try {
      stored = Uninterruptibles.getUninterruptibly(block.stored());
    } catch (ExecutionException e) {
      throw failure(block.blknum(), e.getCause());
    } finally {
      unwritten = null;
    }
    block.afterStored().accept(stored);
  }

  private RuntimeException failure(long blknum, Throwable cause) {
    return switch (cause) {
      case StorageException e ->
          new StorageException(
              "block %d was validated but could not be stored (%s); the sync resumes at it"
                  .formatted(blknum, e.getMessage()),
              e);
      case RuntimeException e -> e;
      case Error e -> throw e;
      default -> new IllegalStateException(cause);
    };
  }
}
