package io.plasmanode.node.rpc;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.merkle.MerkleTree;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.storage.chain.StoredBlock;
import io.plasmanode.storage.chain.TxBytes;
import java.util.ArrayList;
import java.util.List;

/**
 * What exit data needs of a child block, so that a cached block answers with one point lookup: the
 * Merkle tree of its unsigned transactions and their hashes (to find each one in the tx index).
 * About 15 MB for a full block of 65,536 transactions.
 *
 * @param tree the block's tree; its root is the block's stored root
 * @param txHashes the hash of each transaction, in block order
 */
record BlockProofs(MerkleTree tree, List<Hash32> txHashes) {
  BlockProofs {
    requireNonNull(tree, "tree");
    txHashes = List.copyOf(txHashes);
  }

  /**
   * Builds the tree of {@code block}'s transactions (~30 ms for a full block).
   *
   * @throws IllegalStateException if a stored transaction does not decode or the tree's root is not
   *     the stored root (damaged storage)
   */
  static BlockProofs of(StoredBlock block) {
    List<TxBytes> transactions = block.transactions();
    List<byte[]> unsigned = new ArrayList<>(transactions.size());
    for (int txindex = 0; txindex < transactions.size(); txindex++) {
      TxBytes stored = transactions.get(txindex);
      unsigned.add(TxCodec.encode(ChainQueries.decodeStored(stored, block.blknum(), txindex).tx()));
    }
    MerkleTree tree = MerkleTree.of(unsigned);
    if (!tree.root().equals(block.root())) {
      throw new IllegalStateException(
          "block %d: stored root %s differs from its transactions' root %s"
              .formatted(block.blknum(), block.root().toHex(), tree.root().toHex()));
    }
    return new BlockProofs(tree, transactions.stream().map(TxBytes::txHash).toList());
  }

  int txCount() {
    return txHashes.size();
  }
}
