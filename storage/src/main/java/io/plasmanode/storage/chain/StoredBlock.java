package io.plasmanode.storage.chain;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.merkle.MerkleTree;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import java.time.Instant;
import java.util.List;

/**
 * A closed child block as the operator keeps it.
 *
 * @param blknum a child block number (a multiple of 1000)
 * @param root the Merkle root of the transactions' unsigned bytes
 * @param timestamp when the operator closed the block
 * @param transactions in block order, at most 65,536
 */
public record StoredBlock(long blknum, Hash32 root, Instant timestamp, List<TxBytes> transactions) {
  public StoredBlock {
    checkArgument(
        blknum > 0 && blknum % UtxoPos.CHILD_BLOCK_INTERVAL == 0,
        "child block numbers are multiples of %s, got %s",
        UtxoPos.CHILD_BLOCK_INTERVAL,
        blknum);
    requireNonNull(root, "root");
    requireNonNull(timestamp, "timestamp");
    transactions = List.copyOf(transactions);
    checkArgument(
        transactions.size() <= UtxoPos.MAX_TXS_PER_BLOCK,
        "a block holds at most %s transactions",
        UtxoPos.MAX_TXS_PER_BLOCK);
  }

  /** The block of {@code signed}, with its Merkle root computed per docs/spec.md. */
  public static StoredBlock of(long blknum, List<SignedTransaction> signed, Instant timestamp) {
    Hash32 root = MerkleTree.of(signed.stream().map(s -> TxCodec.encode(s.tx())).toList()).root();
    return new StoredBlock(blknum, root, timestamp, signed.stream().map(TxBytes::of).toList());
  }

  /**
   * The block of {@code transactions} whose Merkle leaves ({@link MerkleTree#leafHash} of each
   * transaction's unsigned bytes) the caller computed already, e.g. in parallel as they arrived.
   */
  public static StoredBlock ofLeaves(
      long blknum, List<TxBytes> transactions, List<Hash32> leaves, Instant timestamp) {
    checkArgument(
        transactions.size() == leaves.size(),
        "%s transactions but %s leaves",
        transactions.size(),
        leaves.size());
    return new StoredBlock(blknum, MerkleTree.fromLeaves(leaves).root(), timestamp, transactions);
  }
}
