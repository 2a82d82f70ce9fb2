package io.plasmanode.node.loadgen;

import io.plasmanode.node.metrics.MetricsText;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the operator's own metrics (docs/metrics.md) say happened during the measured phase: the
 * difference of two scrapes, one before the first submission and one after the last block was
 * committed. Exact where {@code plasma_status} is sampled (every block's build and write, every
 * journal fsync), and measured inside the operator, without the network.
 *
 * @param accepted transactions the operator accepted
 * @param rejections transactions it refused, by reason
 * @param submitMs its time per submit call, decoding to answer (a batch is one call)
 * @param blockBuildMs its time to build each block's Merkle tree and stored form
 * @param blockWriteMs its time to write each block (one synced batch)
 * @param journalFsyncMs its time per synced journal append
 * @param blocksCommitted blocks whose root commit became final
 * @param l1CommitGas gas of those commits
 */
public record OperatorMetricsFigures(
    long accepted,
    Map<String, Long> rejections,
    Timing submitMs,
    Timing blockBuildMs,
    Timing blockWriteMs,
    Timing journalFsyncMs,
    long blocksCommitted,
    long l1CommitGas) {
  public OperatorMetricsFigures {
    rejections = Map.copyOf(rejections);
  }

  /** A histogram's observations in a phase: how many, their mean, and the p99 from the buckets. */
  public record Timing(long count, double mean, double p99) {}

  /** The difference between the scrapes {@code before} and {@code after}. */
  static OperatorMetricsFigures between(MetricsText before, MetricsText after) {
    Map<String, Long> rejections = new TreeMap<>();
    String rejected = "plasma_operator_transactions_rejected_total";
    after
        .byLabel(rejected, "reason")
        .forEach(
            (reason, count) -> {
              long delta =
                  Math.round(count - before.byLabel(rejected, "reason").getOrDefault(reason, 0.0));
              if (delta > 0) {
                rejections.put(reason, delta);
              }
            });
    return new OperatorMetricsFigures(
        (long) counter(before, after, "plasma_operator_transactions_accepted_total"),
        rejections,
        timing(before, after, "plasma_operator_submit_seconds"),
        timing(before, after, "plasma_operator_block_build_seconds"),
        timing(before, after, "plasma_operator_block_write_seconds"),
        timing(before, after, "plasma_operator_journal_fsync_seconds"),
        (long) counter(before, after, "plasma_operator_blocks_committed_total"),
        (long) counter(before, after, "plasma_operator_l1_commit_gas_total"));
  }

  private static double counter(MetricsText before, MetricsText after, String name) {
    return after.value(name).orElse(0) - before.value(name).orElse(0);
  }

  /** The phase's observations of histogram {@code name} (in seconds), in milliseconds. */
  static Timing timing(MetricsText before, MetricsText after, String name) {
    long count = Math.round(counter(before, after, name + "_count"));
    if (count == 0) {
      return new Timing(0, 0, 0);
    }
    double mean = counter(before, after, name + "_sum") / count * 1000;
    Map<Double, Double> buckets = new TreeMap<>();
    Map<String, Double> earlier = before.byLabel(name + "_bucket", "le");
    after
        .byLabel(name + "_bucket", "le")
        .forEach((le, n) -> buckets.put(bound(le), n - earlier.getOrDefault(le, 0.0)));
    return new Timing(count, mean, quantile(buckets, count, 0.99) * 1000);
  }

  private static double bound(String le) {
    return le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
  }

  /**
   * The {@code q} quantile of cumulative {@code buckets} (upper bound to count) as Prometheus's
   * {@code histogram_quantile} estimates it: linear within the bucket it falls in; the highest
   * finite bound if it falls in the {@code +Inf} bucket.
   */
  static double quantile(Map<Double, Double> buckets, long count, double q) {
    double rank = q * count;
    double lower = 0;
    double below = 0;
    for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
      double upper = bucket.getKey();
      double cumulative = bucket.getValue();
      if (cumulative >= rank) {
        if (Double.isInfinite(upper)) {
          return lower;
        }
        double inBucket = cumulative - below;
        return inBucket == 0 ? upper : lower + (upper - lower) * (rank - below) / inBucket;
      }
      lower = upper;
      below = cumulative;
    }
    return lower;
  }
}
