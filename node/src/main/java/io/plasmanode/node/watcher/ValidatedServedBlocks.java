package io.plasmanode.node.watcher;

import io.plasmanode.p2p.sync.ServedBlocks;
import io.plasmanode.p2p.sync.SyncBlock;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.chain.TxBytes;
import java.util.Optional;

/**
 * What a watcher serves to its peers: the blocks of its chain store, all validated against L1 and
 * the chain's rules, as signed transaction bytes. Its height is the validated height.
 */
final class ValidatedServedBlocks implements ServedBlocks {
  private final ChainStore chain;

  ValidatedServedBlocks(ChainStore chain) {
    this.chain = chain;
  }

  @Override
  public Optional<SyncBlock> block(long blknum) {
    if (blknum > chain.height()) {
      return Optional.empty();
    }
    return chain
        .block(blknum)
        .map(
            block ->
                SyncBlock.of(
                    blknum, block.transactions().stream().map(TxBytes::signedBytes).toList()));
  }

  @Override
  public long height() {
    return chain.height();
  }
}
