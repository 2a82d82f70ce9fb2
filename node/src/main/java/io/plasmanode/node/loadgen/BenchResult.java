package io.plasmanode.node.loadgen;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The figures of one bench run, written as the result JSON file. Figures that could not be measured
 * (no {@code --operator-pid}, {@code --operator-data-dir} or {@code --operator-metrics}) are null.
 * {@code feeWeiPerTx} is the fee every transaction (fan-out and measured) paid, 0 for none. {@code
 * recovery} is one core's signer recovery rate, measured before the load (null with {@code
 * --baseline-seconds 0}); {@code ratios} divide the throughputs by it. {@code machine} is what the
 * kernel charges for storage and thread hand-offs, measured with it (the ratios do not remove it).
 */
public record BenchResult(
    BenchConfig config,
    BigInteger feeWeiPerTx,
    FanOutFigures fanOut,
    long submitted,
    long accepted,
    long rejected,
    Map<String, Long> rejections,
    double seconds,
    double acceptedTxPerSecond,
    Distribution submitLatencyMs,
    BlockFigures blocks,
    OperatorFigures operator,
    OperatorMetricsFigures operatorMetrics,
    RecoveryBaseline recovery,
    MachineCosts machine) {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public BenchResult {
    rejections = Map.copyOf(rejections);
  }

  /** The untimed setup: the deposit, the fan-out transactions and signing the measured ones. */
  public record FanOutFigures(
      String depositUtxoPos, long leaves, long transactions, double seconds, double signSeconds) {}

  /** A distribution: how many values, percentiles, max and mean. */
  public record Distribution(
      long count, double p50, double p90, double p99, double max, double mean) {
    static Distribution of(Percentiles values, double scale) {
      return new Distribution(
          values.count(),
          values.at(50) / scale,
          values.at(90) / scale,
          values.at(99) / scale,
          values.max() / scale,
          values.mean() / scale);
    }
  }

  /**
   * The child blocks the accepted transactions went into.
   *
   * @param buildMs the operator's time from closing each block to storing it, from {@code
   *     plasma_status} (null only when no block was made)
   * @param l1CommitLatencyMs from the block appearing closed to its root committed on L1
   */
  public record BlockFigures(
      long first,
      long last,
      long count,
      long maxTxsPerBlock,
      Distribution buildMs,
      Distribution l1CommitLatencyMs) {}

  /**
   * @param peakRssBytes the operator's peak resident set over its life (VmHWM)
   * @param maxSampledRssBytes the highest resident set sampled during the measured phase
   * @param dataDirBytesBefore the data directory before the measured phase
   * @param dataDirBytesAfter the data directory once the last block was committed
   * @param bytesOnDiskPerTx growth of the data directory per accepted transaction
   */
  public record OperatorFigures(
      Long peakRssBytes,
      Long maxSampledRssBytes,
      Long dataDirBytesBefore,
      Long dataDirBytesAfter,
      Double bytesOnDiskPerTx) {}

  /**
   * Every throughput as a ratio to {@link #recovery} ({@link RecoveryBaseline#MEANING}): {@code
   * accepted}, the measured transfers; empty when no rate was measured.
   */
  @JsonProperty("ratios")
  public Map<String, Double> ratios() {
    return recovery == null
        ? Map.of()
        : Map.of("accepted", roundedRatio(recovery.ratio(acceptedTxPerSecond)));
  }

  private static double roundedRatio(double ratio) {
    return Math.round(ratio * 10_000) / 10_000.0;
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the bench result as JSON", e);
    }
  }

  public void write(Path file) {
    try {
      Files.writeString(file, toJson() + System.lineSeparator());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The summary for people. */
  public String summary() {
    StringBuilder text = new StringBuilder();
    text.append(
        "plasma bench: %,d transfers (%d%% 2-input) from %,d accounts, %d connections, batches of %d, %s%n"
            .formatted(
                submitted,
                config.twoInputPercent(),
                config.accounts(),
                config.connections(),
                config.batch(),
                config.rate() > 0 ? "paced to %,.0f tx/s".formatted(config.rate()) : "unpaced"));
    text.append(
        "  fees:            %s%n"
            .formatted(
                feeWeiPerTx.signum() > 0
                    ? "%,d wei per transaction (plasma_getFees)".formatted(feeWeiPerTx)
                    : "none (the operator charges none)"));
    text.append(
        "  setup:           %,d fan-out txs in %.1f s, signing %.1f s (not timed)%n"
            .formatted(fanOut.transactions(), fanOut.seconds(), fanOut.signSeconds()));
    text.append(
        "  baseline:        %s%n"
            .formatted(
                recovery == null ? "n/a (--baseline-seconds 0: no ratios)" : recovery.summary()));
    if (machine != null) {
      text.append("  machine:         %s%n".formatted(machine.summary()));
    }
    text.append(
        "  accepted:        %,d of %,d in %.2f s = %,.0f tx/s%s%n"
            .formatted(
                accepted,
                submitted,
                seconds,
                acceptedTxPerSecond,
                recovery == null ? "" : " = " + recovery.formatRatio(acceptedTxPerSecond)));
    if (rejected > 0) {
      text.append("  rejected:        %,d %s%n".formatted(rejected, rejections));
    }
    text.append(
        "  submit latency:  p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (%,d requests)%n"
            .formatted(
                submitLatencyMs.p50(),
                submitLatencyMs.p90(),
                submitLatencyMs.p99(),
                submitLatencyMs.max(),
                submitLatencyMs.count()));
    appendBlocksAndOperator(text);
    return text.toString();
  }

  private void appendBlocksAndOperator(StringBuilder text) {
    text.append(
        "  blocks:          %d..%d (%d blocks, up to %,d txs)%n"
            .formatted(blocks.first(), blocks.last(), blocks.count(), blocks.maxTxsPerBlock()));
    text.append(
        "  block build:     %s%n"
            .formatted(
                Optional.ofNullable(blocks.buildMs())
                    .filter(d -> d.count() > 0)
                    .map(d -> "mean %.0f ms, max %.0f ms".formatted(d.mean(), d.max()))
                    .orElse("n/a (no block seen in plasma_status)")));
    text.append(
        "  L1 commit:       p50 %.0f ms, max %.0f ms after the block closed%n"
            .formatted(blocks.l1CommitLatencyMs().p50(), blocks.l1CommitLatencyMs().max()));
    text.append(
        "  operator RSS:    %s%n"
            .formatted(
                Optional.ofNullable(operator.peakRssBytes())
                    .map(bytes -> "peak %,d MiB".formatted(bytes >> 20))
                    .orElse("n/a (pass --operator-pid)")));
    text.append(
        "  disk per tx:     %s"
            .formatted(
                Optional.ofNullable(operator.bytesOnDiskPerTx())
                    .map(bytes -> "%.0f bytes".formatted(bytes))
                    .orElse("n/a (pass --operator-data-dir)")));
    text.append("%n  operator metrics: %s".formatted(operatorMetricsSummary()));
  }

  private String operatorMetricsSummary() {
    if (operatorMetrics == null) {
      return "n/a (pass --operator-metrics)";
    }
    return ("%,d accepted; block build %s, write %s; journal fsync %s; submit %s (in the"
            + " operator)")
        .formatted(
            operatorMetrics.accepted(),
            timing(operatorMetrics.blockBuildMs()),
            timing(operatorMetrics.blockWriteMs()),
            timing(operatorMetrics.journalFsyncMs()),
            timing(operatorMetrics.submitMs()));
  }

  private static String timing(OperatorMetricsFigures.Timing timing) {
    return "mean %.2f ms, p99 %.2f ms (%,d)".formatted(timing.mean(), timing.p99(), timing.count());
  }
}
