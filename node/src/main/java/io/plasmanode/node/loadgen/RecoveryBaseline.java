package io.plasmanode.node.loadgen;

import static com.google.common.base.Preconditions.checkArgument;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One core's worth of signature recovery: this machine's single-thread rate of secp256k1 signer
 * recovery (public key recovery and keccak to an address, as the operator checks every input), with
 * the library the operator uses. The bench divides every throughput by it: tx/s differ by a third
 * between two machines of one kind, the ratio to this rate much less. A transfer costs the operator
 * one recovery per input plus everything else, so a 1-input load at 1.00x takes as much CPU per
 * second as one core spends recovering those transactions' signatures alone.
 *
 * @param library the recovery measured: the operator's ({@code SignerRecoveries.best()})
 * @param perSecond recoveries per second on one thread: the best of the timed rounds, the one least
 *     disturbed by other work on the machine
 * @param roundsPerSecond the rate of each timed round, in order
 * @param seconds how long the measurement took, warm-up included
 */
public record RecoveryBaseline(
    String library, double perSecond, List<Double> roundsPerSecond, double seconds) {
  /** What a ratio means, printed and written with the rate. */
  public static final String MEANING = "1.00x = one core's worth of signature recovery";

  public RecoveryBaseline {
    checkArgument(perSecond > 0, "the recovery rate must be positive, got %s", perSecond);
    roundsPerSecond = List.copyOf(roundsPerSecond);
  }

  /** {@code txPerSecond} in cores' worth of signature recovery. */
  public double ratio(double txPerSecond) {
    return txPerSecond / perSecond;
  }

  /** {@code txPerSecond} as a ratio for people: two decimals and an x, e.g. {@code 0.79x}. */
  public String formatRatio(double txPerSecond) {
    return format(ratio(txPerSecond));
  }

  /** A ratio for people: two decimals and an x. */
  public static String format(double ratio) {
    return "%.2fx".formatted(ratio);
  }

  /** Written into the JSON next to the rate. */
  @JsonProperty("meaning")
  public String meaning() {
    return MEANING;
  }

  /** The line for people. */
  public String summary() {
    return "%,.0f recoveries/s on one core (%s, best of %d rounds; %s)"
        .formatted(perSecond, library, roundsPerSecond.size(), MEANING);
  }
}
