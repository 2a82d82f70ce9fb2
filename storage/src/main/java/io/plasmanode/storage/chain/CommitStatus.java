package io.plasmanode.storage.chain;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.types.Hash32;

/** Whether a child block's root has been submitted to the L1 contract. */
public sealed interface CommitStatus {

  /** Closed by the operator, not yet known to be on L1. */
  record Pending() implements CommitStatus {}

  /** Submitted to L1 in transaction {@code l1TxHash}. */
  record Committed(Hash32 l1TxHash) implements CommitStatus {
    public Committed {
      requireNonNull(l1TxHash, "l1TxHash");
    }
  }

  CommitStatus PENDING = new Pending();
}
