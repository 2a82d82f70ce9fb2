package io.plasmanode.node.rpc;

import io.plasmanode.core.validation.Rejection;
import io.plasmanode.node.api.SubmitResult;
import io.plasmanode.p2p.rpc.JsonRpcException;
import java.util.Map;

/** The application error codes of docs/json-rpc.md and the errors built from them. */
public final class PlasmaRpcErrors {
  /** The transaction's bytes do not decode. */
  public static final int MALFORMED_TRANSACTION = -32010;

  /** A signature is invalid or malleable. */
  public static final int BAD_SIGNATURE = -32011;

  /** The transaction breaks the ledger rules. */
  public static final int LEDGER_RULE = -32012;

  /**
   * The operator cannot take the transaction now (overloaded, halted, shutting down, block full);
   * retry.
   */
  public static final int OPERATOR_BUSY = -32013;

  /**
   * The operator halted block production (a block root on L1 it did not produce); it takes no
   * transactions until a person resolves it: do not retry.
   */
  public static final int OPERATOR_HALTED = -32016;

  /** {@code plasma_getExitData}: no output at the position, or its data is not kept. */
  public static final int OUTPUT_NOT_FOUND = -32014;

  /** {@code watcher_getChallengeData}: the output is unspent in the validated chain. */
  public static final int NOTHING_TO_CHALLENGE = -32015;

  /** Reason of {@link #NOTHING_TO_CHALLENGE}. */
  public static final String OUTPUT_UNSPENT = "output_unspent";

  /**
   * The watcher's in-flight exit methods: no tracked in-flight exit of the tx ({@code data.reason}
   * {@code unknown_in_flight_exit}), or the validated chain does not include it ({@code
   * tx_not_included}).
   */
  public static final int IN_FLIGHT_NOT_FOUND = -32017;

  /** Reason of {@link #OUTPUT_NOT_FOUND}: nothing was ever created at the position. */
  public static final String UNKNOWN_OUTPUT = "unknown_output";

  /** Reason of {@link #OUTPUT_NOT_FOUND}: a deposit output that is spent (its data is dropped). */
  public static final String DEPOSIT_SPENT = "deposit_spent";

  private PlasmaRpcErrors() {}

  /**
   * The code of a rejection. The switch is exhaustive without a default, so a new {@link Rejection}
   * does not compile until it is mapped here (and in docs/json-rpc.md).
   */
  public static int codeOf(Rejection reason) {
    return switch (reason) {
      case RLP_TRUNCATED,
          RLP_NON_CANONICAL,
          RLP_TRAILING_BYTES,
          RLP_TOO_DEEP,
          MALFORMED_TX_STRUCTURE,
          WRONG_TX_TYPE,
          WRONG_OUTPUT_TYPE,
          MALFORMED_INTEGER,
          MALFORMED_INPUT,
          INVALID_UTXO_POS,
          TOO_MANY_INPUTS,
          TOO_MANY_OUTPUTS,
          NO_OUTPUTS,
          MALFORMED_DEPOSIT,
          MALFORMED_FEE_CLAIM,
          DUPLICATE_INPUTS,
          MALFORMED_ADDRESS,
          ZERO_OWNER,
          ZERO_AMOUNT,
          NONZERO_TX_DATA,
          MALFORMED_METADATA,
          MALFORMED_SIGNATURE,
          SIGNATURE_COUNT_MISMATCH ->
          MALFORMED_TRANSACTION;
      case INVALID_SIGNATURE, HIGH_S_SIGNATURE -> BAD_SIGNATURE;
      case DEPOSIT_NOT_ALLOWED,
          UTXO_NOT_FOUND,
          DOUBLE_SPEND,
          UTXO_EXITING,
          UNAUTHORIZED_SPEND,
          AMOUNTS_DO_NOT_ADD_UP,
          FEE_CLAIM_NOT_ALLOWED,
          FEES_NOT_COVERED,
          OVERPAYING_FEES,
          MULTIPLE_POTENTIAL_CURRENCY_FEES,
          FEE_CLAIM_NOT_LAST,
          DUPLICATE_FEE_CLAIM,
          FEE_CLAIM_EXCEEDS_FEES,
          INVALID_FEE_CLAIM_NONCE,
          CHAIN_FULL ->
          LEDGER_RULE;
      case OPERATOR_UNAVAILABLE, OPERATOR_BUSY, BLOCK_TOO_LARGE -> OPERATOR_BUSY;
      case OPERATOR_HALTED -> OPERATOR_HALTED;
    };
  }

  /** The error answering a rejected transaction: {@code "<reason>: <detail>"}, data {reason}. */
  public static JsonRpcException rejected(SubmitResult.Rejected rejected) {
    Rejection reason = rejected.reason();
    return withReason(codeOf(reason), reason.code() + ": " + rejected.detail(), reason.code());
  }

  static JsonRpcException outputNotFound(String reason, String message) {
    return withReason(OUTPUT_NOT_FOUND, message, reason);
  }

  static JsonRpcException nothingToChallenge(String message) {
    return withReason(NOTHING_TO_CHALLENGE, message, OUTPUT_UNSPENT);
  }

  static JsonRpcException withReason(int code, String message, String reason) {
    return new JsonRpcException(code, message, Map.of("reason", reason));
  }
}
