package io.plasmanode.node.commit;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.contracts.l1.Fees;
import java.math.BigInteger;
import java.time.Duration;

/**
 * Settings of the {@link RootCommitter}.
 *
 * @param pollInterval how often it checks receipts and the pending blocks (besides the wake-up when
 *     a block closes)
 * @param resubmitAfter how long a submission may stay unmined before it is re-sent with higher fees
 * @param feeBumpPercent how much a re-send raises both fees, at least 12.5 (nodes need 10)
 * @param maxGasPrice the cap on the max fee per gas, in wei; at the cap it waits and alarms
 * @param maxInFlight how many blocks may be submitted and unmined at once (consecutive nonces)
 * @param stallAlarmAfter how long a block may stay uncommitted, or L1 unreachable, before an alarm
 * @param maxBackoff the longest wait between attempts while L1 is unreachable
 * @param commitConfirmations L1 blocks that must be on top of a submission's block before the block
 *     counts as committed; until then it stays pending and is re-checked (and re-sent if an L1
 *     reorganisation drops it). 0 on a devnet; 10 by default, beyond ordinary reorgs
 */
public record RootCommitterConfig(
    Duration pollInterval,
    Duration resubmitAfter,
    double feeBumpPercent,
    BigInteger maxGasPrice,
    int maxInFlight,
    Duration stallAlarmAfter,
    Duration maxBackoff,
    int commitConfirmations) {
  /** The confirmations of {@link #defaults()}, as the operator's deposit confirmations. */
  public static final int DEFAULT_COMMIT_CONFIRMATIONS = 10;

  public RootCommitterConfig {
    requirePositive(pollInterval, "pollInterval");
    requirePositive(resubmitAfter, "resubmitAfter");
    requirePositive(stallAlarmAfter, "stallAlarmAfter");
    requirePositive(maxBackoff, "maxBackoff");
    checkArgument(
        feeBumpPercent >= Fees.MIN_BUMP_PERCENT && feeBumpPercent <= 1000,
        "feeBumpPercent must be between %s and 1000, got %s",
        Fees.MIN_BUMP_PERCENT,
        feeBumpPercent);
    requireNonNull(maxGasPrice, "maxGasPrice");
    checkArgument(maxGasPrice.signum() > 0, "maxGasPrice must be positive");
    checkArgument(maxInFlight >= 1, "maxInFlight must be at least 1, got %s", maxInFlight);
    checkArgument(
        commitConfirmations >= 0, "commitConfirmations must be >= 0, got %s", commitConfirmations);
  }

  private static void requirePositive(Duration duration, String name) {
    requireNonNull(duration, name);
    checkArgument(!duration.isNegative() && !duration.isZero(), "%s must be positive", name);
  }

  /**
   * Poll every second, re-send after 30 s (+20%), cap 500 gwei, 16 in flight, alarm at 2 min, 10
   * confirmations.
   */
  public static RootCommitterConfig defaults() {
    return new RootCommitterConfig(
        Duration.ofSeconds(1),
        Duration.ofSeconds(30),
        20,
        BigInteger.valueOf(500).multiply(BigInteger.TEN.pow(9)),
        16,
        Duration.ofMinutes(2),
        Duration.ofSeconds(30),
        DEFAULT_COMMIT_CONFIRMATIONS);
  }

  public RootCommitterConfig withMaxGasPrice(BigInteger price) {
    return new RootCommitterConfig(
        pollInterval,
        resubmitAfter,
        feeBumpPercent,
        price,
        maxInFlight,
        stallAlarmAfter,
        maxBackoff,
        commitConfirmations);
  }

  public RootCommitterConfig withCommitConfirmations(int confirmations) {
    return new RootCommitterConfig(
        pollInterval,
        resubmitAfter,
        feeBumpPercent,
        maxGasPrice,
        maxInFlight,
        stallAlarmAfter,
        maxBackoff,
        confirmations);
  }
}
