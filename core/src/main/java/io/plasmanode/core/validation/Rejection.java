package io.plasmanode.core.validation;

import java.util.Locale;

/**
 * Every reason the chain's rules reject input, one name each. The JSON-RPC API reports {@link
 * #code()} (e.g. {@code utxo_not_found}) so clients can act on it.
 */
public enum Rejection {
  // RLP framing (core.rlp)
  /** A declared length runs past the end of the input, or the input is empty. */
  RLP_TRUNCATED,
  /**
   * Not the one canonical encoding: a long form for a short payload, a length with leading zeros,
   * or a single byte below 0x80 wrapped as a string.
   */
  RLP_NON_CANONICAL,
  /** Bytes follow the top-level item. */
  RLP_TRAILING_BYTES,
  /** Lists nested deeper than any format of the chain allows (a guard against stack attacks). */
  RLP_TOO_DEEP,

  // Transaction shape (core.tx)
  /** A list where a string is expected or the reverse, or a list with the wrong item count. */
  MALFORMED_TX_STRUCTURE,
  /** txType is neither 1 (payment) nor 3 (fee claim). */
  WRONG_TX_TYPE,
  /** An output's outputType is not the one of its txType: 1 in a payment, 2 in a fee claim. */
  WRONG_OUTPUT_TYPE,
  /** An integer with leading zero bytes or longer than 32 bytes. */
  MALFORMED_INTEGER,
  /** An input is not a 32-byte word. */
  MALFORMED_INPUT,
  /** An input word is not a valid utxo position (zero, oindex >= 4, txindex >= 65536...). */
  INVALID_UTXO_POS,
  TOO_MANY_INPUTS,
  TOO_MANY_OUTPUTS,
  NO_OUTPUTS,
  /** A deposit (no inputs) with more than one output. */
  MALFORMED_DEPOSIT,
  /** A fee claim (txType 3) with inputs or with more than one output. */
  MALFORMED_FEE_CLAIM,
  DUPLICATE_INPUTS,
  /** An owner or token that is not 20 bytes. */
  MALFORMED_ADDRESS,
  ZERO_OWNER,
  ZERO_AMOUNT,
  /** txData is not 0. */
  NONZERO_TX_DATA,
  /** metadata is not 32 bytes. */
  MALFORMED_METADATA,
  /** A signature that is not 65 bytes. */
  MALFORMED_SIGNATURE,
  /** The number of signatures differs from the number of inputs. */
  SIGNATURE_COUNT_MISMATCH,

  // Signatures (core.crypto)
  /** v not 27/28, r or s zero or not below the curve order, or no public key recoverable. */
  INVALID_SIGNATURE,
  /** s in the upper half of the curve order (malleable, EIP-2). */
  HIGH_S_SIGNATURE,

  // Ledger (core.ledger)
  /** A deposit transaction submitted to the child chain; deposits are made on L1. */
  DEPOSIT_NOT_ALLOWED,
  /** An input that is not an unspent output. */
  UTXO_NOT_FOUND,
  /** An input already spent by an earlier transaction. */
  DOUBLE_SPEND,
  /** An input whose output is being exited on L1, so it can no longer move on the child chain. */
  UTXO_EXITING,
  /** An input's signer is not the owner of the output it spends. */
  UNAUTHORIZED_SPEND,
  /** For some token, the outputs add up to more than the inputs. */
  AMOUNTS_DO_NOT_ADD_UP,
  /** A block with more than 65,536 transactions. */
  BLOCK_TOO_LARGE,
  /**
   * A fee-claim transaction submitted to the child chain: only the operator claims fees, at the end
   * of its blocks.
   */
  FEE_CLAIM_NOT_ALLOWED,

  // Fee policy (core.fees): the operator's, checked when a transfer is submitted, not block rules
  /**
   * The transfer pays no fee, or pays it in a token no accepted fee table lists, or pays less than
   * the fee in that token.
   */
  FEES_NOT_COVERED,
  /** The transfer pays more than the fee of its token in every accepted fee table. */
  OVERPAYING_FEES,
  /**
   * The transfer's inputs exceed its outputs in more than one token, so which one is the fee is
   * ambiguous.
   */
  MULTIPLE_POTENTIAL_CURRENCY_FEES,

  // Fee claims in a block (core.ledger): block rules every watcher checks
  /** A payment transaction after a fee claim: a block's fee claims are its last transactions. */
  FEE_CLAIM_NOT_LAST,
  /** A second fee claim of the same token in one block. */
  DUPLICATE_FEE_CLAIM,
  /** A fee claim of more than the block's payment transactions collected in its token. */
  FEE_CLAIM_EXCEEDS_FEES,
  /** A fee claim whose metadata is not {@code keccak256(abi.encode(blknum, token))}. */
  INVALID_FEE_CLAIM_NONCE,

  /**
   * The chain is full: its last child block ({@code UtxoPos.MAX_BLKNUM}) is closed, and no position
   * can number an output of a later one. Nothing more is included; owners exit on L1.
   */
  CHAIN_FULL,

  // Operator (node)
  /**
   * The operator cannot take transactions right now (shutting down, or its store failed); nothing
   * is wrong with the transaction: retry later.
   */
  OPERATOR_UNAVAILABLE,
  /**
   * The operator is overloaded: more transactions wait for their signatures to be checked than it
   * queues; nothing is wrong with the transaction: retry after a short pause.
   */
  OPERATOR_BUSY,
  /**
   * The operator halted block production because the chain on L1 is not the one it produced (a
   * block root it did not submit: its key is used by someone else); it takes no transactions until
   * a person resolves it. Nothing is wrong with the transaction, but retrying does not help.
   */
  OPERATOR_HALTED;

  /** The lower-case name used on the wire, e.g. {@code utxo_not_found}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
