package io.plasmanode.storage.chain;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import java.util.Locale;

/**
 * One inconsistency {@link ChainCheck} found in a chain database.
 *
 * @param kind what is wrong
 * @param where the entry it is about, e.g. {@code utxo 2000:3:0}, {@code block 3000}
 * @param detail the rest of the sentence, e.g. {@code stored unspent but spent by 3000:7}
 */
public record ChainProblem(Kind kind, String where, String detail) {
  public ChainProblem {
    requireNonNull(kind, "kind");
    requireNonNull(where, "where");
    requireNonNull(detail, "detail");
  }

  /** The kinds of inconsistency, grouped by what they concern. */
  public enum Kind {
    /** A key or value that does not decode (damaged bytes or an unknown format). */
    UNREADABLE_ENTRY,
    /** A child block below the height is not stored. */
    BLOCK_MISSING,
    /** A child block above the height is stored. */
    BLOCK_ABOVE_HEIGHT,
    /** A block number that is not a child block number (a multiple of 1000). */
    BLOCK_NUMBER_INVALID,
    /** A block whose stored transactions are not as many as its header says. */
    BLOCK_TX_COUNT_MISMATCH,
    /** A chunk of transactions that is not where the block's transactions belong. */
    BLOCK_CHUNK_INVALID,
    /** Transactions stored for a block that is not stored. */
    BLOCK_CHUNK_ORPHAN,
    /** A block whose root is not the Merkle root of its stored transactions. */
    BLOCK_ROOT_MISMATCH,
    /** A stored transaction whose bytes do not decode. */
    TX_UNDECODABLE,
    /** A stored transaction whose hash is not the hash of its bytes. */
    TX_HASH_MISMATCH,
    /** A block without a commit status. */
    COMMIT_STATUS_MISSING,
    /** A commit status of a block that is not stored. */
    COMMIT_STATUS_ORPHAN,
    /** A pending block missing from the pending commits. */
    PENDING_COMMIT_MISSING,
    /** A pending-commit entry of a committed or absent block. */
    PENDING_COMMIT_STALE,
    /** A deposit recorded at a child block number. */
    DEPOSIT_NUMBER_INVALID,
    /** An output spent by two stored transactions. */
    DOUBLE_SPEND,
    /** A stored transaction spends an output that no deposit or earlier transaction created. */
    SPEND_OF_UNKNOWN_OUTPUT,
    /** An output created by a deposit or a stored transaction has no UTXO entry. */
    UTXO_MISSING,
    /** A UTXO entry that no deposit or stored transaction created. */
    UTXO_UNEXPECTED,
    /**
     * A UTXO entry whose status (unspent, exiting, spent and by whom) is not the recomputed one.
     */
    UTXO_STATUS_MISMATCH,
    /** A UTXO entry whose output is not the one its transaction created. */
    UTXO_OUTPUT_MISMATCH,
    /** An unspent output missing from its owner's index. */
    OWNER_INDEX_MISSING,
    /** An owner-index entry that is not an unspent output of that owner. */
    OWNER_INDEX_STALE,
    /** A stored transaction missing from the transaction index. */
    TX_INDEX_MISSING,
    /** A transaction-index entry that does not point at the transaction with that hash. */
    TX_INDEX_WRONG,
    /** A chain written before the account history existed: it has none, and cannot get one. */
    HISTORY_NOT_KEPT,
    /**
     * An owner of a transaction's or a deposit's output has no history entry there, or an applied
     * deposit's output is not kept.
     */
    HISTORY_MISSING,
    /**
     * A history entry at a position where nothing is stored, or at a deposit to another address; a
     * kept deposit output that differs from the UTXO set's.
     */
    HISTORY_WRONG;

    /** The kind as printed: lower case with underscores, e.g. {@code utxo_status_mismatch}. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** {@code blknum:txindex:oindex}. */
  static String pos(UtxoPos pos) {
    return pos.blknum() + ":" + pos.txindex() + ":" + pos.oindex();
  }

  /** {@code blknum:txindex}. */
  static String location(TxLocation location) {
    return location.blknum() + ":" + location.txindex();
  }

  static String hash(Hash32 hash) {
    return hash.toShortHex();
  }

  /** {@code utxo 2000:3:0 stored unspent but spent by 3000:7 [utxo_status_mismatch]}. */
  @Override
  public String toString() {
    return where + " " + detail + " [" + kind.code() + "]";
  }
}
