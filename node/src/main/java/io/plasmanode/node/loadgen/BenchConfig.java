package io.plasmanode.node.loadgen;

import static com.google.common.base.Preconditions.checkArgument;

import java.math.BigInteger;

/**
 * What to run.
 *
 * @param accounts paying accounts (N), keys derived from {@code seed}
 * @param transfers measured transfers (M)
 * @param twoInputPercent share of 2-input transfers, 0..100
 * @param connections concurrent connections (K)
 * @param batch transactions per {@code plasma_submitTransactions} request
 * @param rate transactions per second to pace to; 0 for as fast as the operator answers
 * @param seed derives the accounts' keys
 * @param unit the wei of one leaf output
 * @param drainTimeoutSeconds how long to wait for the last block to close and be committed
 * @param payFees pay the ETH fee the operator asks for ({@code plasma_getFees}); without, the
 *     operator must charge none
 * @param baselineSeconds how long to measure one core's signer recovery rate before the load
 *     ({@link RecoveryBaseline}), the unit of the ratios; 0 measures nothing and gives no ratios
 */
public record BenchConfig(
    int accounts,
    int transfers,
    int twoInputPercent,
    int connections,
    int batch,
    double rate,
    String seed,
    BigInteger unit,
    long drainTimeoutSeconds,
    boolean payFees,
    double baselineSeconds) {
  public BenchConfig {
    checkArgument(accounts >= 1, "--accounts must be at least 1");
    checkArgument(transfers >= 1, "--txs must be at least 1");
    checkArgument(twoInputPercent >= 0 && twoInputPercent <= 100, "--two-input-percent 0..100");
    checkArgument(connections >= 1, "--connections must be at least 1");
    checkArgument(batch >= 1, "--batch must be at least 1");
    checkArgument(rate >= 0, "--rate must not be negative");
    checkArgument(unit.signum() > 0, "the unit must be positive");
    checkArgument(drainTimeoutSeconds > 0, "--drain-timeout must be positive");
    checkArgument(baselineSeconds >= 0, "--baseline-seconds must not be negative");
  }
}
