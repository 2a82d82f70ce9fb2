package io.plasmanode.node.operator;

import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.ledger.PendingBlock;
import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.ledger.UtxoView;
import io.plasmanode.core.ledger.VerifiedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import java.util.List;
import java.util.Optional;

/**
 * The UTXO set as the next block must see it: the closed blocks that are still being written,
 * newest first, on top of the store. A closed block is added before the open block that follows it
 * is created, and removed only after the store holds it, so every lookup sees each closed block
 * exactly once: from this overlay or from the store (the overlay wins while both have it, and they
 * agree).
 *
 * <p>Closed blocks are never added to again, so reading them from any thread is safe once they were
 * published through the volatile list. Adding and removing are serialised by their callers (the
 * producer's lock; the single writer thread).
 */
final class UnwrittenBlocks implements UtxoView {
  private final UtxoView store;

  /** Closed, not yet stored blocks, oldest first; replaced, never mutated. */
  private volatile List<PendingBlock> blocks = List.of();

  UnwrittenBlocks(UtxoView store) {
    this.store = requireNonNull(store, "store");
  }

  @Override
  public UtxoStatus status(UtxoPos pos) {
    List<PendingBlock> current = blocks;
    for (int i = current.size() - 1; i >= 0; i--) {
      Optional<UtxoStatus> change = current.get(i).change(pos);
      if (change.isPresent()) {
        return change.get();
      }
    }
    return store.status(pos);
  }

  /**
   * The position (oindex 0) of the transaction {@code txHash} if a block not yet stored holds it.
   * Hashes every transaction of those blocks: for rare calls (an in-flight exit's piggyback).
   */
  Optional<UtxoPos> txPosition(Hash32 txHash) {
    for (PendingBlock block : blocks) {
      List<VerifiedTransaction> txs = block.transactions();
      for (int txindex = 0; txindex < txs.size(); txindex++) {
        if (Keccak.keccak256(TxCodec.encode(txs.get(txindex).signed().tx())).equals(txHash)) {
          return Optional.of(new UtxoPos(block.blknum(), txindex, 0));
        }
      }
    }
    return Optional.empty();
  }

  /** Adds a block that was just closed: it is the newest. */
  synchronized void add(PendingBlock closed) {
    blocks = ImmutableList.<PendingBlock>builder().addAll(blocks).add(closed).build();
  }

  /** Drops the oldest block once the store holds it. */
  synchronized void removeStored(PendingBlock stored) {
    List<PendingBlock> current = blocks;
    checkState(
        !current.isEmpty() && current.get(0) == stored,
        "block %s is not the oldest unwritten block",
        stored.blknum());
    blocks = ImmutableList.copyOf(current.subList(1, current.size()));
  }

  /** How many closed blocks are not stored yet. */
  int size() {
    return blocks.size();
  }
}
