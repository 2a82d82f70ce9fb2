package io.plasmanode.exitgame;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.ledger.UtxoDelta;
import io.plasmanode.core.ledger.VerifiedTransaction;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.Rejection;
import java.time.Instant;
import java.util.List;

/**
 * What {@link BlockValidator} found in a child block obtained from a peer. The watcher acts on it:
 *
 * <ul>
 *   <li>{@link Valid}: apply {@link Valid#delta()}, record {@link Valid#spends()} in the {@link
 *       SpendIndex} (one write) and tell the {@link WithholdingDetector} the block was obtained.
 *   <li>{@link RootMismatch}: the peer sent something that is not the committed block. This is no
 *       evidence against the operator: penalize the peer and ask another one.
 *   <li>{@link InvalidTransaction} blamed on the {@link Blame#OPERATOR}: the committed contents
 *       break the chain's rules, whoever sent them; raise {@code invalid_block} with {@link
 *       InvalidTransaction#toEvent} and stop applying blocks.
 *   <li>{@link InvalidTransaction} blamed on {@link Blame#PEER_OR_OPERATOR}: a signature is wrong.
 *       Signatures are not committed in the root, so the peer may have altered them: penalize it
 *       and ask another. If no peer has valid signatures, the block is in effect withheld and the
 *       {@link WithholdingDetector} raises {@code block_withholding} in time.
 * </ul>
 */
public sealed interface BlockValidation {
  long blknum();

  /** Who the failure proves wrong. */
  enum Blame {
    /** The committed (unsigned) contents break a rule: the operator committed an invalid block. */
    OPERATOR,
    /** A signature fails: the operator included it, or the peer substituted it. */
    PEER_OR_OPERATOR
  }

  /**
   * The block is valid.
   *
   * @param transactions the block's transactions with their recovered signers, in block order
   * @param delta what the block changes in the UTXO set (as core's {@code BlockApplier} computes)
   * @param spends one record per input of every transaction, in block and input order
   * @param signedTxs the transactions' signed bytes as validated, so storing the block re-encodes
   *     nothing
   * @param txHashes keccak256 of each transaction's unsigned bytes
   * @param leaves each transaction's Merkle leaf, which hash to the committed root
   */
  record Valid(
      long blknum,
      List<VerifiedTransaction> transactions,
      UtxoDelta delta,
      List<SpendRecord> spends,
      List<byte[]> signedTxs,
      List<Hash32> txHashes,
      List<Hash32> leaves)
      implements BlockValidation {
    public Valid {
      transactions = List.copyOf(transactions);
      requireNonNull(delta, "delta");
      spends = List.copyOf(spends);
      signedTxs = List.copyOf(signedTxs);
      txHashes = List.copyOf(txHashes);
      leaves = List.copyOf(leaves);
      checkArgument(
          signedTxs.size() == transactions.size()
              && txHashes.size() == transactions.size()
              && leaves.size() == transactions.size(),
          "one signed encoding, hash and leaf per transaction");
    }
  }

  /** The contents do not hash to the committed root: a bad peer, not a bad operator. */
  record RootMismatch(long blknum, String detail) implements BlockValidation {
    public RootMismatch {
      requireNonNull(detail, "detail");
    }
  }

  /**
   * The first invalid transaction of a block whose contents match the committed root.
   *
   * @param txHash keccak256 of the transaction's unsigned bytes (its Merkle leaf's preimage)
   * @param rejection the core rule it breaks
   * @param detail the rule's detail, for people
   */
  record InvalidTransaction(
      long blknum, int txIndex, Hash32 txHash, Rejection rejection, String detail, Blame blame)
      implements BlockValidation {
    public InvalidTransaction {
      requireNonNull(txHash, "txHash");
      requireNonNull(rejection, "rejection");
      requireNonNull(detail, "detail");
      requireNonNull(blame, "blame");
    }

    /** The {@code invalid_block} event that reports this transaction. */
    public ByzantineEvent.InvalidBlock toEvent(Instant detectedAt) {
      return new ByzantineEvent.InvalidBlock(
          blknum, txIndex, txHash, rejection, detail, detectedAt);
    }
  }
}
