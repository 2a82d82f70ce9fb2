package io.plasmanode.node.watcher;

import io.plasmanode.core.l1.BlockCommitment;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.exitgame.SpendCollector;
import io.plasmanode.exitgame.SpendCollector.CollectedBlock;
import io.plasmanode.storage.chain.ChainStore;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a halted watcher still does with committed blocks: it reads every block whose root is on L1
 * past its frozen validated chain, from any source that serves contents matching the root, and
 * records every signed spend in them and the owners of the outputs they create ({@link
 * WatcherStore#saveReadBlock}), so it keeps challenging exits of outputs spent there (a challenge
 * needs the owner's signature over a spend, not a valid chain) and counts a spend of an output past
 * its validated chain only when that output's owner signed it ({@link WatcherSpendIndex}). A block
 * read counts as obtained for the withholding detector. The validated UTXO set stays where the halt
 * froze it.
 */
final class SpendReader {
  private static final Logger LOG = LoggerFactory.getLogger(SpendReader.class);

  private final ChainStore chain;
  private final WatcherStore store;
  private final WatcherState state;
  private final List<RemoteBlockSource> sources;
  private final SpendCollector collector;

  SpendReader(
      ChainStore chain,
      WatcherStore store,
      WatcherState state,
      List<RemoteBlockSource> sources,
      SpendCollector collector) {
    this.chain = chain;
    this.store = store;
    this.state = state;
    this.sources = List.copyOf(sources);
    this.collector = collector;
  }

  /**
   * While halted, reads the next committed blocks until one is not served; {@code skipped} are the
   * sources that failed in this round, not asked again.
   */
  void read(Set<RemoteBlockSource> skipped) {
    long next = Math.max(store.spendsReadTo(), chain.height()) + UtxoPos.CHILD_BLOCK_INTERVAL;
    while (state.halted()) {
      Optional<BlockCommitment> root = store.root(next);
      if (root.isEmpty() || !readBlock(root.get(), skipped)) {
        return;
      }
      next += UtxoPos.CHILD_BLOCK_INTERVAL;
    }
  }

  private boolean readBlock(BlockCommitment commitment, Set<RemoteBlockSource> skipped) {
    long blknum = commitment.blknum();
    for (RemoteBlockSource source : sources) {
      if (skipped.contains(source)) {
        continue;
      }
      Optional<CollectedBlock> block = fetch(source, commitment);
      if (block.isEmpty()) {
        skipped.add(source);
        continue;
      }
      store.saveReadBlock(blknum, block.get());
      state.detector().blockObtained(blknum);
      state.save();
      LOG.info(
          "Block {} read while halted: {} signed spends and {} outputs recorded, not applied",
          blknum,
          block.get().spends().size(),
          block.get().created().size());
      return true;
    }
    return false;
  }

  private Optional<CollectedBlock> fetch(RemoteBlockSource source, BlockCommitment commitment) {
    long blknum = commitment.blknum();
    try {
      Optional<CollectedBlock> block =
          source.fetch(blknum).flatMap(txs -> collector.collect(commitment, txs));
      if (block.isEmpty()) {
        LOG.debug("Block {} not read from {}", blknum, source.name());
      }
      return block;
    } catch (RuntimeException e) {
      LOG.debug("Block {} not read from {}: {}", blknum, source.name(), e.getMessage());
      return Optional.empty();
    }
  }
}
