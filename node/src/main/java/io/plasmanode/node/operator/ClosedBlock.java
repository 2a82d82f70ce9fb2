package io.plasmanode.node.operator;

import io.plasmanode.core.ledger.PendingBlock;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.storage.chain.StoredBlock;
import io.plasmanode.storage.chain.TxBytes;
import java.time.Instant;
import java.util.List;

/**
 * A block the producer closed, on its way to the {@link BlockWriter}: frozen, never added to again.
 * The lists are handed over from the {@link OpenBlock}, not copied (a full block holds 65,536
 * transactions); nothing writes them after the close.
 *
 * @param block the closed block's transactions and its change to the UTXO set
 * @param txs its transactions as stored
 * @param leaves their Merkle leaves
 * @param timestamp when it was closed, as the block's timestamp
 * @param closedAtNanos when it was closed, on {@link System#nanoTime()}, to log its write time
 */
record ClosedBlock(
    PendingBlock block,
    List<TxBytes> txs,
    List<Hash32> leaves,
    Instant timestamp,
    long closedAtNanos) {

  /** Builds the block's Merkle tree: the expensive part of writing it. */
  StoredBlock toStoredBlock() {
    return StoredBlock.ofLeaves(block.blknum(), txs, leaves, timestamp);
  }
}
