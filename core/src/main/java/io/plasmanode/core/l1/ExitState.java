package io.plasmanode.core.l1;

import io.plasmanode.core.types.Address;
import java.math.BigInteger;
import java.time.Instant;

/** A standard exit as the contract records it. */
public record ExitState(
    Address owner,
    Address token,
    BigInteger amount,
    BigInteger bond,
    Instant exitableAt,
    Status status) {

  /** Where an exit is in its life. */
  public enum Status {
    NONE,
    ACTIVE,
    CHALLENGED,
    FINALIZED
  }
}
