package io.plasmanode.node.operator;

import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.ledger.PendingBlock;
import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.ledger.VerifiedTransaction;
import io.plasmanode.core.merkle.MerkleTree;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.core.validation.ValidationResult;
import io.plasmanode.storage.chain.TxBytes;
import java.math.BigInteger;
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
 * <p>Closing is instant: it only appends the block's fee claims (one per token its payments paid
 * fees in, paying exactly those fees to the {@link BlockFees#claimer()}), freezes the block and
 * opens the next one on top of it; the closed block waits among the unwritten ones until the {@link
 * BlockWriter} has stored it. The claims are a function of the block's payments and the claimer, so
 * a journal replay closes the same block again.
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
  private final BlockFees fees;
  private final int maxTxsPerBlock;

  private PendingBlock block;
  private List<TxBytes> txs;
  private List<Hash32> leaves;
  private Set<Address> feeTokens;
  private final Set<UtxoPos> lockedUnstored = new HashSet<>();

  private volatile long publishedBlknum;
  private volatile int publishedSize;

  /**
   * @param fees what a submitted transaction must pay, and who the block's fee claims pay
   * @param maxTxsPerBlock the payments after which the block is full (its claims come on top)
   */
  OpenBlock(
      UnwrittenBlocks unwritten, Clock clock, long blknum, BlockFees fees, int maxTxsPerBlock) {
    this.unwritten = requireNonNull(unwritten, "unwritten");
    this.clock = requireNonNull(clock, "clock");
    this.fees = requireNonNull(fees, "fees");
    this.maxTxsPerBlock = maxTxsPerBlock;
    open(blknum);
  }

  private void open(long blknum) {
    block = new PendingBlock(unwritten, blknum);
    txs = new ArrayList<>();
    leaves = new ArrayList<>();
    feeTokens = new HashSet<>();
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

  /**
   * Checks a submitted {@code vtx} against the block's UTXO view and the accepted fee tables
   * ({@link SubmittedFees}) and, when valid, appends it.
   */
  ValidationResult<PendingBlock.Inclusion> submit(
      VerifiedTransaction vtx, TxBytes stored, Hash32 leaf) {
    return add(vtx, stored, leaf, true);
  }

  /**
   * Checks {@code vtx} against the block's UTXO view and, when valid, appends it; no fee is checked
   * (a journaled transaction replayed: its fee was checked when it was accepted).
   */
  ValidationResult<PendingBlock.Inclusion> add(
      VerifiedTransaction vtx, TxBytes stored, Hash32 leaf) {
    return add(vtx, stored, leaf, false);
  }

  private ValidationResult<PendingBlock.Inclusion> add(
      VerifiedTransaction vtx, TxBytes stored, Hash32 leaf, boolean checkFee) {
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
    if (checkFee && SubmittedFees.refuseClaim(vtx) instanceof ValidationResult.Invalid<?> claim) {
      return ValidationResult.invalid(claim.reason(), claim.detail());
    }
    ValidationResult<PendingBlock.Inclusion> added =
        block.add(
            vtx,
            checkFee
                ? SubmittedFees.policy(fees.accepted().get())
                : PendingBlock.PaymentPolicy.NONE);
    if (added.isValid()) {
      txs.add(stored);
      leaves.add(leaf);
      added.get().fees().forEach((token, fee) -> rememberFeeToken(token, fee));
      publishedSize = block.size();
    }
    return added;
  }

  private void rememberFeeToken(Address token, BigInteger fee) {
    if (fee.signum() > 0) {
      feeTokens.add(token);
    }
  }

  /**
   * Whether the block takes no more payments: it holds {@code maxTxsPerBlock}, or no more than room
   * for its fee claims is left ({@link UtxoPos#MAX_TXS_PER_BLOCK} transactions in all: one claim
   * per token that paid fees, and room for the tokens of one more payment's inputs).
   */
  boolean isFull() {
    int claimRoom =
        fees.claimer().isPresent() ? feeTokens.size() + PaymentTransaction.MAX_INPUTS : 0;
    return block.size() >= maxTxsPerBlock
        || block.size() + 1 + claimRoom > UtxoPos.MAX_TXS_PER_BLOCK;
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
    fees.claimer().ifPresent(claimer -> block.feeClaims(claimer).forEach(this::appendClaim));
    long closedAtNanos = System.nanoTime();
    PendingBlock closing = block;
    ClosedBlock closed = new ClosedBlock(closing, txs, leaves, clock.instant(), closedAtNanos);
    unwritten.add(closing);
    open(closing.blknum() + UtxoPos.CHILD_BLOCK_INTERVAL);
    return closed;
  }

  /**
   * Appends a fee claim of this block's own fees, after its payments (valid by construction: the
   * block's rules check it all the same, as every watcher will).
   */
  private void appendClaim(PaymentTransaction claim) {
    VerifiedTransaction vtx = VerifiedTransaction.feeClaim(claim);
    ValidationResult<PendingBlock.Inclusion> added = block.add(vtx);
    if (added instanceof ValidationResult.Invalid<PendingBlock.Inclusion> refused) {
      throw new IllegalStateException(
          "block %d refuses its own fee claim: %s: %s"
              .formatted(block.blknum(), refused.reason(), refused.detail()));
    }
    txs.add(TxBytes.of(vtx.signed()));
    leaves.add(MerkleTree.leafHash(TxCodec.encode(claim)));
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
