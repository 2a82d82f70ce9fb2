package io.plasmanode.node.loadgen;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;

/** Percentiles of recorded values by the nearest-rank method (no interpolation). */
public final class Percentiles {
  private final long[] sorted;

  private Percentiles(long[] sorted) {
    this.sorted = sorted;
  }

  /** Copies and sorts {@code values}. */
  public static Percentiles of(long[] values) {
    long[] copy = values.clone();
    Arrays.sort(copy);
    return new Percentiles(copy);
  }

  public int count() {
    return sorted.length;
  }

  /**
   * The smallest recorded value such that at least {@code percent} % of the values are at or below
   * it; 0 when nothing was recorded.
   */
  public long at(double percent) {
    checkArgument(percent > 0 && percent <= 100, "percentile must be in (0, 100], got %s", percent);
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(percent / 100 * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
  }

  public long max() {
    return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
  }

  public double mean() {
    return sorted.length == 0 ? 0 : Arrays.stream(sorted).average().orElse(0);
  }
}
