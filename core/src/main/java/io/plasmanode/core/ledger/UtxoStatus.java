package io.plasmanode.core.ledger;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.tx.Output;

/** What the chain knows about one position. */
public sealed interface UtxoStatus {

  /** No output was ever created at this position (as far as this view knows). */
  record Unknown() implements UtxoStatus {}

  /** An output that can be spent. */
  record Unspent(Output output) implements UtxoStatus {
    public Unspent {
      requireNonNull(output, "output");
    }
  }

  /** An output whose exit was started on L1: it can no longer be spent on the child chain. */
  record Exiting(Output output) implements UtxoStatus {
    public Exiting {
      requireNonNull(output, "output");
    }
  }

  /** An output that a transaction already spent. */
  record Spent() implements UtxoStatus {}

  UtxoStatus UNKNOWN = new Unknown();
  UtxoStatus SPENT = new Spent();
}
