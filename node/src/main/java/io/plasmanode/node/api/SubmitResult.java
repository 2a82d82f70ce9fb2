package io.plasmanode.node.api;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.Rejection;

/** What became of one submitted transaction. */
public sealed interface SubmitResult {

  /** Included in open block {@code blknum} at {@code txIndex}; durable once that block closes. */
  record Accepted(Hash32 txHash, long blknum, int txIndex) implements SubmitResult {
    public Accepted {
      requireNonNull(txHash, "txHash");
    }
  }

  /**
   * Refused for {@code reason}; {@code detail} says which input, signature or token, for humans.
   */
  record Rejected(Rejection reason, String detail) implements SubmitResult {
    public Rejected {
      requireNonNull(reason, "reason");
      requireNonNull(detail, "detail");
    }
  }
}
