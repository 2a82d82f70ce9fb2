package io.plasmanode.core.l1;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.tx.UtxoPos;
import java.math.BigInteger;
import java.util.Optional;

/**
 * The contract's id of an exit in a queue: a standard exit's is its output's position (below 2^63),
 * an in-flight exit's the 128-bit {@link InFlightExitId} (bit 127 set). The two ranges are
 * disjoint, so a word read from L1 (a queue top, an {@code outputFinalizedBy}) says which kind it
 * is.
 */
public sealed interface ExitId {
  /** The id as the contract holds it. */
  BigInteger value();

  /** A standard exit, named by the position of its output. */
  record Standard(UtxoPos utxoPos) implements ExitId {
    public Standard {
      requireNonNull(utxoPos, "utxoPos");
    }

    @Override
    public BigInteger value() {
      return BigInteger.valueOf(utxoPos.toLong());
    }

    @Override
    public String toString() {
      return utxoPos.toString();
    }
  }

  /** An in-flight exit. */
  record InFlight(InFlightExitId id) implements ExitId {
    public InFlight {
      requireNonNull(id, "id");
    }

    @Override
    public BigInteger value() {
      return id.value();
    }

    @Override
    public String toString() {
      return id.toString();
    }
  }

  static ExitId of(UtxoPos utxoPos) {
    return new Standard(utxoPos);
  }

  static ExitId of(InFlightExitId id) {
    return new InFlight(id);
  }

  /**
   * The exit {@code value} names: empty for 0 (the contract's "none") and for a word that is
   * neither a position nor an in-flight id.
   */
  static Optional<ExitId> fromBigInteger(BigInteger value) {
    if (InFlightExitId.isInFlight(value)) {
      return Optional.of(new InFlight(new InFlightExitId(value)));
    }
    return UtxoPos.fromBigInteger(value).map(Standard::new);
  }
}
