package io.plasmanode.contracts.l1;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.math.BigInteger;

/**
 * The bonds a new Plasma contract is deployed with, in wei: a standard exit's, an in-flight exit's
 * and a piggyback's. Each is paid to whoever challenges its exit (or piggyback) successfully, so it
 * must cover the gas of that challenge.
 *
 * <p>{@link #ofExitBond} keeps OMG plasma-contracts v1.0's ratios (/work/shared/MOREVP-NOTES.md
 * "Numbers": standard exit 0.014 ETH, in-flight exit 0.037 ETH, piggyback 0.028 ETH, each the gas
 * of its challenge at 20 gwei times 10): the in-flight exit bond is 37/14 of the exit bond, the
 * piggyback bond twice it.
 */
public record Bonds(BigInteger exitBond, BigInteger inFlightExitBond, BigInteger piggybackBond) {
  public Bonds {
    requireNonNull(exitBond, "exitBond");
    requireNonNull(inFlightExitBond, "inFlightExitBond");
    requireNonNull(piggybackBond, "piggybackBond");
    checkArgument(exitBond.signum() > 0, "the exit bond must be positive: %s", exitBond);
    checkArgument(
        inFlightExitBond.signum() > 0,
        "the in-flight exit bond must be positive: %s",
        inFlightExitBond);
    checkArgument(
        piggybackBond.signum() > 0, "the piggyback bond must be positive: %s", piggybackBond);
  }

  /** The in-flight exit bond of an exit bond: 37/14 of it, rounded down (OMG v1.0's ratio). */
  public static BigInteger inFlightExitBondOf(BigInteger exitBond) {
    return exitBond.multiply(BigInteger.valueOf(37)).divide(BigInteger.valueOf(14));
  }

  /** The piggyback bond of an exit bond: twice it (OMG v1.0's 0.028 / 0.014). */
  public static BigInteger piggybackBondOf(BigInteger exitBond) {
    return exitBond.shiftLeft(1);
  }

  /** {@code exitBond} with the other two in OMG v1.0's ratios to it. */
  public static Bonds ofExitBond(BigInteger exitBond) {
    return new Bonds(exitBond, inFlightExitBondOf(exitBond), piggybackBondOf(exitBond));
  }
}
