package io.plasmanode.node.wallet;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Set;

/**
 * What the operator answered to one submission of a sent transaction: accepted into a block,
 * rejected with a JSON-RPC error (docs/json-rpc.md), or no answer at all (unreachable, timed out, a
 * malformed reply): then the transaction may or may not have reached it.
 */
public sealed interface OperatorAnswer {
  /** When the wallet recorded the answer. */
  Instant at();

  /** Accepted into block {@code blknum} at {@code txIndex} (a promise: the block may not close). */
  record Accepted(long blknum, int txIndex, Instant at) implements OperatorAnswer {
    public Accepted {
      requireNonNull(at, "at");
    }
  }

  /**
   * An error answer: {@code code} and {@code reason} ({@code data.reason}, empty when the operator
   * gave none) as docs/json-rpc.md lists them.
   */
  record Rejected(int code, String reason, String message, Instant at) implements OperatorAnswer {
    /** Malformed transactions and bad signatures: no valid block can ever hold the transaction. */
    private static final int MALFORMED = -32010;

    private static final int BAD_SIGNATURE = -32011;

    /** Ledger rejections that hold whatever the chain's state: the transaction itself is wrong. */
    private static final Set<String> INVALID_WHATEVER_THE_STATE =
        Set.of("unauthorized_spend", "amounts_do_not_add_up", "deposit_not_allowed");

    public Rejected {
      requireNonNull(reason, "reason");
      requireNonNull(message, "message");
      requireNonNull(at, "at");
    }

    /**
     * Whether the rejection says the transaction can never be valid, so that no block of an honest
     * operator ever holds it, however often it is sent: malformed, badly signed, or spending what
     * its signers do not own or more than its inputs hold. Other rejections ({@code
     * utxo_not_found}, {@code double_spend}, busy, halted) depend on the moment: the same bytes
     * sent earlier may have been taken.
     */
    public boolean invalidForever() {
      return code == MALFORMED
          || code == BAD_SIGNATURE
          || INVALID_WHATEVER_THE_STATE.contains(reason);
    }
  }

  /** The submission got no answer: the transaction may have reached the operator or not. */
  record NoAnswer(String message, Instant at) implements OperatorAnswer {
    public NoAnswer {
      requireNonNull(message, "message");
      requireNonNull(at, "at");
    }
  }
}
