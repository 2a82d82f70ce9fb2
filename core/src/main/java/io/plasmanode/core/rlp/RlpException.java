package io.plasmanode.core.rlp;

import io.plasmanode.core.validation.Rejection;

/** Internal: stops a parse; {@link RlpReader} turns it into a rejection before callers see it. */
final class RlpException extends RuntimeException {
  private final Rejection reason;

  RlpException(Rejection reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  Rejection reason() {
    return reason;
  }
}
