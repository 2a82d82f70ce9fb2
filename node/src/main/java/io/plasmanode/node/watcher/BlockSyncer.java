package io.plasmanode.node.watcher;

import io.plasmanode.core.l1.BlockCommitment;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.ledger.UtxoDelta;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.exitgame.BlockValidation;
import io.plasmanode.exitgame.BlockValidator;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.chain.StoredBlock;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the next child blocks whose roots are known: fetches each from the sources in turn,
 * validates it against the watcher's chain and the root on L1, and commits a valid one. A source
 * that serves other contents (root mismatch) or bad signatures is told so ({@link
 * RemoteBlockSource#rejected}, a p2p source then penalizes the peer) and skipped: the next source
 * is asked, or the block is asked for again at the next step, and the withholding detector raises
 * {@code block_withholding} if nobody serves it in time. A block whose committed contents break the
 * rules raises {@code invalid_block} and halts the watcher.
 */
final class BlockSyncer {
  private static final Logger LOG = LoggerFactory.getLogger(BlockSyncer.class);

  private final ChainStore chain;
  private final WatcherStore store;
  private final WatcherState state;
  private final List<RemoteBlockSource> sources;
  private final BlockValidator validator;
  private final Clock clock;
  private final LongSupplier highestRoot;
  private final LongConsumer advanced;
  private final Executor prefetcher;
  private final WatcherBlockWriter writer;
  private final SpendReader haltedReader;
  private long lastUnavailable;

  /**
   * The next block, being fetched from the source the last one came from, while this one is
   * checked.
   */
  private Lookahead lookahead;

  private record Lookahead(
      RemoteBlockSource source, long blknum, CompletableFuture<Optional<List<byte[]>>> blocks) {}

  BlockSyncer(
      ChainStore chain,
      WatcherStore store,
      WatcherState state,
      List<RemoteBlockSource> sources,
      BlockValidator validator,
      Clock clock,
      LongSupplier highestRoot,
      LongConsumer advanced,
      Executor prefetcher,
      Executor blockWriter,
      SpendReader haltedReader) {
    this.chain = chain;
    this.store = store;
    this.state = state;
    this.sources = List.copyOf(sources);
    this.validator = validator;
    this.clock = clock;
    this.highestRoot = highestRoot;
    this.advanced = advanced;
    this.prefetcher = prefetcher;
    this.writer = new WatcherBlockWriter(chain, blockWriter);
    this.haltedReader = haltedReader;
  }

  /**
   * Applies blocks while their roots are known and a source serves them, until halted; halted, it
   * reads the next committed blocks for their signed spends only ({@link SpendReader}). A source
   * that fails or lacks a block is not asked again in this round (an operator that is down or
   * withholds costs one request per round, not one per block). If blocks were applied, the listener
   * hears the new height once, at the end of the round.
   */
  void sync() {
    Set<RemoteBlockSource> skipped = new HashSet<>();
    applyBlocks(skipped);
    if (state.halted()) {
      haltedReader.read(skipped);
    }
  }

  private void applyBlocks(Set<RemoteBlockSource> skipped) {
    long start = chain.height();
    try {
      applyWhileServed(skipped);
    } finally {
      if (chain.height() > start) {
        advanced.accept(chain.height());
      }
    }
  }

  /** Applies blocks, then waits until the last one is stored (also when applying failed). */
  private void applyWhileServed(Set<RemoteBlockSource> skipped) {
    try {
      while (!state.halted()) {
        long next = writer.height() + UtxoPos.CHILD_BLOCK_INTERVAL;
        Optional<BlockCommitment> root = store.root(next);
        if (root.isEmpty() || !syncBlock(root.get(), skipped)) {
          break;
        }
      }
    } catch (RuntimeException e) {
      try {
        writer.awaitStored();
      } catch (RuntimeException writeFailure) {
        e.addSuppressed(writeFailure);
      }
      throw e;
    }
    writer.awaitStored();
  }

  /** Whether block {@code commitment.blknum()} was applied. */
  private boolean syncBlock(BlockCommitment commitment, Set<RemoteBlockSource> skipped) {
    long blknum = commitment.blknum();
    for (RemoteBlockSource source : sources) {
      if (skipped.contains(source)) {
        continue;
      }
      Optional<BlockValidation> result = fetchAndValidate(source, commitment);
      if (result.isEmpty()) {
        skipped.add(source);
        continue;
      }
      writer.awaitStored(); // the verdict may rest on the block before: act once it is stored
      switch (result.get()) {
        case BlockValidation.Valid valid -> {
          apply(valid, commitment);
          return true;
        }
        case BlockValidation.InvalidTransaction invalid
            when invalid.blame() == BlockValidation.Blame.OPERATOR || source.isOperator() -> {
          state.detector().blockObtained(blknum);
          state.raise(List.of(invalid.toEvent(clock.instant())));
          return false;
        }
        case BlockValidation.InvalidTransaction invalid ->
            rejected(blknum, source, "a bad signature: " + invalid.detail());
        case BlockValidation.RootMismatch mismatch ->
            rejected(
                blknum, source, "contents that do not match the L1 root: " + mismatch.detail());
      }
    }
    return false;
  }

  private Optional<BlockValidation> fetchAndValidate(
      RemoteBlockSource source, BlockCommitment commitment) {
    long blknum = commitment.blknum();
    Optional<List<byte[]>> transactions;
    try {
      transactions = fetch(source, blknum);
    } catch (RuntimeException e) {
      unavailable(blknum, source, "an error: " + e.getMessage());
      return Optional.empty();
    }
    if (transactions.isEmpty()) {
      unavailable(blknum, source, "no such block");
      return Optional.empty();
    }
    prefetch(source, blknum + UtxoPos.CHILD_BLOCK_INTERVAL);
    return Optional.of(validator.validate(commitment, transactions.get(), writer));
  }

  /**
   * Block {@code blknum} from {@code source}: the lookahead's answer when it fetched exactly that,
   * else a fresh request (after any lookahead from the same source has finished, so a source never
   * has two requests of ours at once).
   */
  private Optional<List<byte[]>> fetch(RemoteBlockSource source, long blknum) {
    Lookahead ahead = lookahead;
    if (ahead != null && ahead.source() == source) {
      lookahead = null;
      try {
        Optional<List<byte[]>> fetched = ahead.blocks().join();
        if (ahead.blknum() == blknum) {
          return fetched;
        }
      } catch (CompletionException e) {
        if (ahead.blknum() == blknum) {
          throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
      }
    }
    return source.fetch(blknum);
  }

  /** Starts fetching {@code blknum} from {@code source} if its root is known. */
  private void prefetch(RemoteBlockSource source, long blknum) {
    if (lookahead != null || store.root(blknum).isEmpty() || state.halted()) {
      return;
    }
    try {
      lookahead =
          new Lookahead(
              source,
              blknum,
              CompletableFuture.supplyAsync(() -> source.fetch(blknum), prefetcher));
    } catch (RejectedExecutionException stopping) {
      LOG.debug("Not prefetching block {}: the watcher is stopping", blknum);
    }
  }

  private void rejected(long blknum, RemoteBlockSource source, String why) {
    unavailable(blknum, source, why);
    source.rejected(blknum, why);
  }

  private void unavailable(long blknum, RemoteBlockSource source, String why) {
    if (lastUnavailable != blknum) {
      LOG.warn("Block {} not obtained from {}: it answered with {}", blknum, source.name(), why);
      lastUnavailable = blknum;
    } else {
      LOG.debug("Block {} not obtained from {}: {}", blknum, source.name(), why);
    }
  }

  private void apply(BlockValidation.Valid valid, BlockCommitment commitment) {
    writer.write(valid, commitment.timestamp(), block -> stored(block, valid.delta()));
  }

  /** What follows storing a block, in the order it always ran after the write. */
  private void stored(StoredBlock block, UtxoDelta delta) {
    long blknum = block.blknum();
    state.detector().blockObtained(blknum);
    lockExitingOutputs(delta.created());
    state.save();
    long behind = Math.max(0, (highestRoot.getAsLong() - blknum) / UtxoPos.CHILD_BLOCK_INTERVAL);
    LOG.info(
        "Block {} validated: {} txs, root {}{}",
        blknum,
        block.transactions().size(),
        block.root().toShortHex(),
        behind > 0 ? ", " + behind + " blocks behind L1" : "");
  }

  /**
   * Outputs whose exit started before their block was synced are locked now, unless L1 already
   * challenged that exit (the output is then an ordinary unspent output, see {@link
   * L1EventApplier}).
   */
  private void lockExitingOutputs(List<Utxo> created) {
    for (Utxo utxo : created) {
      if (state.game().isActive(utxo.pos())) {
        chain.markExiting(utxo.pos());
      }
    }
  }
}
