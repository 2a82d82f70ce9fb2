package io.plasmanode.contracts.l1;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * The EIP-1559 fees of a transaction, in wei per gas, and the one fee policy of every L1 send: a
 * new transaction offers twice the latest base fee plus the tip ({@link #forBaseFee}); a re-send of
 * the same nonce raises both by a percentage ({@link #bumped}, at least {@link #MIN_BUMP_PERCENT})
 * up to the sender's cap ({@link #cappedAt}).
 *
 * @param maxFeePerGas the most the sender pays per gas (base fee + tip)
 * @param maxPriorityFeePerGas the most of that which goes to the block builder, at most {@code
 *     maxFeePerGas}
 */
public record Fees(BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) {
  private static final BigInteger GWEI = BigInteger.TEN.pow(9);
  private static final BigInteger HUNDRED = BigInteger.valueOf(100);

  /**
   * The smallest bump a re-sender may configure: 10% for the nodes' replacement rule plus rounding
   * room.
   */
  public static final double MIN_BUMP_PERCENT = 12.5;

  /** Nodes (geth, anvil) replace a pending tx only if both fees rise by at least 10%. */
  private static final BigInteger MIN_REPLACEMENT_PERCENT = BigInteger.valueOf(110);

  public Fees {
    requireNonNull(maxFeePerGas, "maxFeePerGas");
    requireNonNull(maxPriorityFeePerGas, "maxPriorityFeePerGas");
    checkArgument(maxPriorityFeePerGas.signum() >= 0, "negative priority fee");
    checkArgument(
        maxPriorityFeePerGas.compareTo(maxFeePerGas) <= 0,
        "priority fee %s above max fee %s",
        maxPriorityFeePerGas,
        maxFeePerGas);
  }

  /** The fees of a new submission when the latest block has {@code baseFee}: 2 * base + tip. */
  public static Fees forBaseFee(BigInteger baseFee, BigInteger priorityFee) {
    return new Fees(baseFee.shiftLeft(1).add(priorityFee), priorityFee);
  }

  /** Both fees raised by {@code percent} (rounded up, and by at least 1 wei). */
  public Fees bumped(double percent) {
    return new Fees(raise(maxFeePerGas, percent), raise(maxPriorityFeePerGas, percent));
  }

  private static BigInteger raise(BigInteger value, double percent) {
    BigInteger raised =
        new BigDecimal(value)
            .multiply(BigDecimal.valueOf(100 + percent))
            .divide(BigDecimal.valueOf(100), 0, RoundingMode.CEILING)
            .toBigIntegerExact();
    return raised.max(value.add(BigInteger.ONE));
  }

  /** Each fee the higher of these and {@code other}'s. */
  public Fees atLeast(Fees other) {
    BigInteger max = maxFeePerGas.max(other.maxFeePerGas);
    return new Fees(max, maxPriorityFeePerGas.max(other.maxPriorityFeePerGas).min(max));
  }

  /** These fees with the max fee (and so the tip) limited to {@code cap}. */
  public Fees cappedAt(BigInteger cap) {
    BigInteger max = maxFeePerGas.min(cap);
    return new Fees(max, maxPriorityFeePerGas.min(max));
  }

  /** Whether a node accepts a tx with these fees as a replacement of one with {@code previous}. */
  public boolean canReplace(Fees previous) {
    return atLeastTenPercentAbove(maxFeePerGas, previous.maxFeePerGas)
        && atLeastTenPercentAbove(maxPriorityFeePerGas, previous.maxPriorityFeePerGas);
  }

  private static boolean atLeastTenPercentAbove(BigInteger value, BigInteger previous) {
    return value.multiply(HUNDRED).compareTo(previous.multiply(MIN_REPLACEMENT_PERCENT)) >= 0
        && value.compareTo(previous) > 0;
  }

  /** {@code wei} in gwei for messages, e.g. {@code 200} or {@code 1.5}. */
  public static String gwei(BigInteger wei) {
    return new BigDecimal(wei).divide(new BigDecimal(GWEI)).stripTrailingZeros().toPlainString();
  }

  @Override
  public String toString() {
    return "maxFee " + gwei(maxFeePerGas) + " gwei, tip " + gwei(maxPriorityFeePerGas) + " gwei";
  }
}
