package io.plasmanode.core.inflight;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;

/**
 * The L1 contract's id of an in-flight exit: the high 128 bits of the in-flight tx's hash with bit
 * 127 set, so it never equals a standard exit's id (a position, below 2^63). See
 * contracts/src/IPlasmaInFlightExits.sol.
 *
 * @param value the id, 2^127 <= value < 2^128
 */
public record InFlightExitId(BigInteger value) implements Comparable<InFlightExitId> {
  private static final BigInteger FLAG = BigInteger.ONE.shiftLeft(127);
  private static final BigInteger LIMIT = BigInteger.ONE.shiftLeft(128);

  public InFlightExitId {
    requireNonNull(value, "value");
    checkArgument(
        value.compareTo(FLAG) >= 0 && value.compareTo(LIMIT) < 0,
        "an in-flight exit id has bit 127 set and fits 128 bits: %s",
        value);
  }

  /** The id of the in-flight exit of {@code txBytes} (the unsigned RLP transaction). */
  public static InFlightExitId of(byte[] txBytes) {
    return ofTxHash(Keccak.keccak256(txBytes));
  }

  /** The id of the in-flight exit of the tx whose hash is {@code txHash}. */
  public static InFlightExitId ofTxHash(Hash32 txHash) {
    BigInteger high128 = new BigInteger(1, txHash.toArray()).shiftRight(128);
    return new InFlightExitId(high128.or(FLAG));
  }

  /** Whether an exit id read from L1 (a queue entry, an event) is an in-flight exit's. */
  public static boolean isInFlight(BigInteger exitId) {
    return exitId.compareTo(FLAG) >= 0 && exitId.compareTo(LIMIT) < 0;
  }

  /** Parses a decimal or 0x-prefixed hex id. */
  public static InFlightExitId parse(String text) {
    String trimmed = text.trim();
    return new InFlightExitId(
        trimmed.startsWith("0x") || trimmed.startsWith("0X")
            ? new BigInteger(trimmed.substring(2), 16)
            : new BigInteger(trimmed));
  }

  /** 0x-prefixed, 32 hex digits. */
  public String toHex() {
    return "0x" + String.format("%032x", value);
  }

  @Override
  public int compareTo(InFlightExitId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
