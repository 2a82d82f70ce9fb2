package io.plasmanode.node.watcher;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.contracts.l1.Fees;
import java.math.BigInteger;
import java.time.Duration;

/**
 * How the watcher gets its challenge transactions mined (EIP-1559, re-sent with the same nonce).
 *
 * @param resendBlocks a challenge not mined after this many L1 blocks is re-sent with higher fees
 * @param urgentMargin an exit that matures within this margin (by the later of the local and the L1
 *     clock) is urgent: its unmined challenge is re-sent at every new L1 block with a strong bump,
 *     and raises an alarm
 * @param feeBumpPercent how much a re-send raises both fees, at least 12.5 (nodes need 10)
 * @param urgentBumpPercent the raise of an urgent re-send
 * @param maxFeePerGas the cap on the max fee per gas, in wei; at the cap it waits and alarms
 * @param gasLimit the gas limit of a challenge (about 55k used)
 */
public record ChallengerConfig(
    int resendBlocks,
    Duration urgentMargin,
    double feeBumpPercent,
    double urgentBumpPercent,
    BigInteger maxFeePerGas,
    long gasLimit) {
  public static final int DEFAULT_RESEND_BLOCKS = 3;
  public static final Duration DEFAULT_URGENT_MARGIN = Duration.ofMinutes(10);
  public static final double DEFAULT_FEE_BUMP_PERCENT = 25;
  public static final double DEFAULT_URGENT_BUMP_PERCENT = 100;
  public static final BigInteger DEFAULT_MAX_FEE_PER_GAS = BigInteger.valueOf(500_000_000_000L);
  public static final String DEFAULT_MAX_FEE_PER_GAS_TEXT = "500gwei";
  public static final long DEFAULT_GAS_LIMIT = 500_000;

  public ChallengerConfig {
    checkArgument(resendBlocks >= 1, "challenge re-send blocks must be >= 1, got %s", resendBlocks);
    requireNonNull(urgentMargin, "urgentMargin");
    checkArgument(!urgentMargin.isNegative(), "challenge urgent margin must not be negative");
    checkArgument(
        feeBumpPercent >= Fees.MIN_BUMP_PERCENT && feeBumpPercent <= 1000,
        "the challenge fee bump must be between %s and 1000 percent, got %s",
        Fees.MIN_BUMP_PERCENT,
        feeBumpPercent);
    checkArgument(
        urgentBumpPercent >= feeBumpPercent && urgentBumpPercent <= 1000,
        "the urgent fee bump must be between the fee bump and 1000 percent, got %s",
        urgentBumpPercent);
    requireNonNull(maxFeePerGas, "maxFeePerGas");
    checkArgument(maxFeePerGas.signum() > 0, "the challenge max fee must be positive");
    checkArgument(gasLimit >= 100_000, "challenge gas limit %s too low", gasLimit);
  }

  /** The defaults, with {@code resendBlocks}, {@code urgentMargin} and {@code maxFeePerGas}. */
  public static ChallengerConfig of(
      int resendBlocks, Duration urgentMargin, BigInteger maxFeePerGas) {
    return new ChallengerConfig(
        resendBlocks,
        urgentMargin,
        DEFAULT_FEE_BUMP_PERCENT,
        DEFAULT_URGENT_BUMP_PERCENT,
        maxFeePerGas,
        DEFAULT_GAS_LIMIT);
  }

  public static ChallengerConfig defaults() {
    return of(DEFAULT_RESEND_BLOCKS, DEFAULT_URGENT_MARGIN, DEFAULT_MAX_FEE_PER_GAS);
  }
}
