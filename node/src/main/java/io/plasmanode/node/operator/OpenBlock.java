package io.plasmanode.node.operator;

import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.ledger.PendingBlock;
import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.ledger.VerifiedTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.core.validation.ValidationResult;
import io.plasmanode.storage.chain.TxBytes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The open child block: core's {@link PendingBlock} on top of the closed blocks not yet stored
 * ({@link UnwrittenBlocks}) and the store, with its transactions as stored and their Merkle leaves
 * (computed on arrival, so closing only builds the tree from leaves).
 *
 * <p>Closing is instant: it only freezes the block and opens the next one on top of it; the closed
 * block waits among the unwritten ones until the {@link BlockWriter} has stored it.
 *
 * <p>It also refuses to spend the outputs locked before a stored block holds them ({@link
 * #lockUnstored}: outputs piggybacked in an in-flight exit on L1 whose transaction is in this block
 * or an unwritten one), which the store creates exiting when it stores their block.
 *
 * <p>Guarded by the producer's lock, except {@link #publishedBlknum()} and {@link
 * #publishedSize()}: written under the lock, read without it by status calls.
 */
final class OpenBlock {
  private final UnwrittenBlocks unwritten;
  private final Clock clock;

  private PendingBlock block;
  private List<TxBytes> txs;
  private List<Hash32> leaves;
  private final Set<UtxoPos> lockedUnstored = new HashSet<>();

  private volatile long publishedBlknum;
  private volatile int publishedSize;

  OpenBlock(UnwrittenBlocks unwritten, Clock clock, long blknum) {
    this.unwritten = requireNonNull(unwritten, "unwritten");
    this.clock = requireNonNull(clock, "clock");
    open(blknum);
  }

  private void open(long blknum) {
    block = new PendingBlock(unwritten, blknum);
    txs = new ArrayList<>();
    leaves = new ArrayList<>();
    publishedBlknum = blknum;
    publishedSize = 0;
  }

  /**
   * Whether the chain is full: the block that would open is past {@link UtxoPos#MAX_BLKNUM}, so
   * none of its outputs could have a position (the contract would refuse it: {@code ChainFull}).
   * The block then stays open and empty, a view for the exit locks; it takes no transaction.
   */
  boolean isChainFull() {
    return block.blknum() > UtxoPos.MAX_BLKNUM;
  }

  /** Checks {@code vtx} against the block's UTXO view and, when valid, appends it. */
  ValidationResult<PendingBlock.Inclusion> add(
      VerifiedTransaction vtx, TxBytes stored, Hash32 leaf) {
    if (isChainFull()) {
      return ValidationResult.invalid(Rejection.CHAIN_FULL, chainFullMessage());
    }
    List<UtxoPos> inputs = vtx.signed().tx().inputs();
    for (int index = 0; index < inputs.size(); index++) {
      if (lockedUnstored.contains(inputs.get(index))) {
        return ValidationResult.invalid(
            Rejection.UTXO_EXITING,
            "input %d (%s) is piggybacked in an in-flight exit on L1"
                .formatted(index, inputs.get(index)));
      }
    }
    ValidationResult<PendingBlock.Inclusion> added = block.add(vtx);
    if (added.isValid()) {
      txs.add(stored);
      leaves.add(leaf);
      publishedSize = block.size();
    }
    return added;
  }

  /** Why a full chain takes nothing: for rejections and the producer's alarm. */
  static String chainFullMessage() {
    return ("the chain is full: block %d, the last a position can number, is closed; the operator"
            + " includes nothing more: exit your outputs on L1")
        .formatted(UtxoPos.MAX_BLKNUM);
  }

  /**
   * Freezes the block, hands it to the unwritten blocks and opens the next one on top of it (after
   * the last block, one that takes nothing: {@link #isChainFull()}).
   */
  ClosedBlock close() {
    checkState(!isChainFull(), "the chain is full: no block past %s", UtxoPos.MAX_BLKNUM);
    long closedAtNanos = System.nanoTime();
    PendingBlock closing = block;
    ClosedBlock closed = new ClosedBlock(closing, txs, leaves, clock.instant(), closedAtNanos);
    unwritten.add(closing);
    open(closing.blknum() + UtxoPos.CHILD_BLOCK_INTERVAL);
    return closed;
  }

  /**
   * The position (oindex 0) of the transaction {@code txHash} if this block or a closed block not
   * yet stored holds it.
   */
  Optional<UtxoPos> txPosition(Hash32 txHash) {
    for (int txindex = 0; txindex < txs.size(); txindex++) {
      if (txs.get(txindex).txHash().equals(txHash)) {
        return Optional.of(new UtxoPos(block.blknum(), txindex, 0));
      }
    }
    return unwritten.txPosition(txHash);
  }

  /**
   * Refuses every later transaction spending {@code pos}, an output of a transaction that no stored
   * block holds yet (the store creates it exiting when it stores the block). Outputs already spent
   * stay spent. For the life of this producer: the store's lock takes over once the block is
   * stored.
   */
  void lockUnstored(UtxoPos pos) {
    lockedUnstored.add(pos);
  }

  /** The output's status as the next transaction of this block sees it. */
  UtxoStatus status(UtxoPos pos) {
    return block.status(pos);
  }

  long blknum() {
    return block.blknum();
  }

  int size() {
    return block.size();
  }

  boolean isEmpty() {
    return block.isEmpty();
  }

  /** The number the open block will get when it closes; readable without the lock. */
  long publishedBlknum() {
    return publishedBlknum;
  }

  /** Transactions in the open block; readable without the lock. */
  int publishedSize() {
    return publishedSize;
  }
}
