package io.plasmanode.node.commit;

import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.ledger.UtxoDelta;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.chain.StoredBlock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Empty child blocks with distinct roots, stored as the block producer stores them, and the commit
 * channel to a test anvil.
 */
final class CommitFixture {
  static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

  private CommitFixture() {}

  /** The operator's real commit channel to {@code l1}'s contract, reading events from block 0. */
  static L1CommitChannel channel(AnvilChain l1, PrivateKey operator) {
    return new L1CommitChannel(
        l1.sender(operator), l1.contract(), L1CommitChannel.DEFAULT_GAS_LIMIT, 0);
  }

  /** A root that differs per block and per chain {@code variant} (in its high 224 bits). */
  static Hash32 root(long blknum, String variant) {
    return Keccak.keccak256((variant + blknum).getBytes(StandardCharsets.UTF_8));
  }

  static Hash32 root(long blknum) {
    return root(blknum, "chain");
  }

  /** Closes child blocks up to {@code height} (from the store's height + 1000). */
  static void closeBlocks(ChainStore store, long height) {
    for (long blknum = store.height() + 1000; blknum <= height; blknum += 1000) {
      store.commitBlock(
          new StoredBlock(blknum, root(blknum), T0, List.of()),
          new UtxoDelta(List.of(), List.of()));
    }
  }
}
