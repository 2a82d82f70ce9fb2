package io.plasmanode.node.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchResultTest {
  @TempDir Path dir;

  private static BenchResult result(Long peakRss, BenchResult.Distribution build) {
    return result(peakRss, build, null);
  }

  private static final RecoveryBaseline BASELINE =
      new RecoveryBaseline("NativeSignerRecovery[libsecp256k1]", 19_900, List.of(19_800.0), 4);

  private static final MachineCosts MACHINE = new MachineCosts(18.9, 3.15, 5.5);

  private static BenchResult result(
      Long peakRss, BenchResult.Distribution build, OperatorMetricsFigures metrics) {
    return result(peakRss, build, metrics, BASELINE);
  }

  private static BenchResult result(
      Long peakRss,
      BenchResult.Distribution build,
      OperatorMetricsFigures metrics,
      RecoveryBaseline baseline) {
    MachineCosts machine = baseline == null ? null : MACHINE;
    BenchResult.Distribution latency = new BenchResult.Distribution(10, 2, 3, 4, 5, 2.5);
    return new BenchResult(
        new BenchConfig(20, 2_000, 50, 2, 100, 0, "s", BigInteger.ONE, 60, true, 3),
        BigInteger.valueOf(1_000_000_000_000L),
        new BenchResult.FanOutFigures("1000000", 3_000, 1_000, 4.5, 1.5),
        2_000,
        1_990,
        10,
        Map.of("rate_limited", 10L),
        0.5,
        3_980,
        latency,
        new BenchResult.BlockFigures(2_000, 3_000, 2, 1_500, build, latency),
        new BenchResult.OperatorFigures(peakRss, null, 100L, 1_100L, 0.5),
        metrics,
        baseline,
        machine);
  }

  @Test
  void write_putsEveryFigureInTheJsonFile() throws Exception {
    Path file = dir.resolve("result.json");
    result(200L << 20, new BenchResult.Distribution(2, 10, 12, 12, 12, 11)).write(file);

    JsonNode json = new ObjectMapper().readTree(Files.readString(file));
    assertThat(json.path("acceptedTxPerSecond").asDouble()).isEqualTo(3_980);
    assertThat(json.path("accepted").asLong()).isEqualTo(1_990);
    assertThat(json.path("rejections").path("rate_limited").asLong()).isEqualTo(10);
    assertThat(json.path("submitLatencyMs").path("p99").asDouble()).isEqualTo(4);
    assertThat(json.path("blocks").path("buildMs").path("max").asDouble()).isEqualTo(12);
    assertThat(json.path("blocks").path("l1CommitLatencyMs").path("p50").asDouble()).isEqualTo(2);
    assertThat(json.path("operator").path("peakRssBytes").asLong()).isEqualTo(200L << 20);
    assertThat(json.path("operator").path("bytesOnDiskPerTx").asDouble()).isEqualTo(0.5);
    assertThat(json.path("config").path("twoInputPercent").asInt()).isEqualTo(50);
    assertThat(json.path("fanOut").path("transactions").asLong()).isEqualTo(1_000);
    assertThat(json.path("feeWeiPerTx").asLong()).isEqualTo(1_000_000_000_000L);
    assertThat(json.path("config").path("payFees").asBoolean()).isTrue();
  }

  @Test
  void write_putsTheRecoveryRateAndTheRatiosInTheJsonFile() throws Exception {
    Path file = dir.resolve("result.json");
    result(null, null).write(file);

    JsonNode json = new ObjectMapper().readTree(Files.readString(file));
    assertThat(json.path("recovery").path("perSecond").asDouble()).isEqualTo(19_900);
    assertThat(json.path("recovery").path("library").asText()).contains("libsecp256k1");
    assertThat(json.path("recovery").path("roundsPerSecond").path(0).asDouble()).isEqualTo(19_800);
    assertThat(json.path("recovery").path("meaning").asText())
        .isEqualTo("1.00x = one core's worth of signature recovery");
    assertThat(json.path("ratios").path("accepted").asDouble())
        .as("3,980 tx/s over 19,900 recoveries/s")
        .isEqualTo(0.2);
    assertThat(json.path("config").path("baselineSeconds").asDouble()).isEqualTo(3);
    assertThat(json.path("machine").path("mappedPageFaultMicros").asDouble()).isEqualTo(18.9);
    assertThat(json.path("machine").path("syscallMicros").asDouble()).isEqualTo(3.15);
    assertThat(json.path("machine").path("handOffMicros").asDouble()).isEqualTo(5.5);
    assertThat(json.path("machine").path("meaning").asText()).contains("not in ratios");
  }

  @Test
  void summary_printsTheRateAndTheAcceptedRatio() {
    assertThat(result(null, null).summary())
        .contains(
            "baseline:        19,900 recoveries/s on one core (NativeSignerRecovery[libsecp256k1],"
                + " best of 1 rounds; 1.00x = one core's worth of signature recovery)")
        .contains("= 3,980 tx/s = 0.20x")
        .contains(
            "machine:         page fault on a mapped file 18.90 us, system call 3.15 us, thread"
                + " hand-off 5.50 us (what storage and thread hand-offs cost here; not in ratios)");
  }

  @Test
  void noBaseline_noRatios() throws Exception {
    BenchResult result = result(null, null, null, null);

    JsonNode json = new ObjectMapper().readTree(result.toJson());
    assertThat(json.get("recovery").isNull()).isTrue();
    assertThat(json.get("machine").isNull()).isTrue();
    assertThat(json.path("ratios").isEmpty()).isTrue();
    assertThat(result.summary())
        .contains("baseline:        n/a (--baseline-seconds 0: no ratios)")
        .doesNotContain("machine:")
        .contains("= 3,980 tx/s%n".formatted());
  }

  @Test
  void summary_saysWhatFeeEveryTransactionPaid() {
    assertThat(result(null, null).summary())
        .contains("fees:            1,000,000,000,000 wei per transaction (plasma_getFees)");
  }

  @Test
  void figuresNotMeasured_areNullInJsonAndExplainedInTheSummary() throws Exception {
    BenchResult result = result(null, null);

    JsonNode json = new ObjectMapper().readTree(result.toJson());
    assertThat(json.path("operator").get("peakRssBytes").isNull()).isTrue();
    assertThat(json.path("blocks").get("buildMs").isNull()).isTrue();
    assertThat(result.summary())
        .contains("3,980 tx/s")
        .contains("n/a (pass --operator-pid)")
        .contains("n/a (no block seen in plasma_status)")
        .contains("n/a (pass --operator-metrics)");
    assertThat(json.get("operatorMetrics").isNull()).isTrue();
  }

  @Test
  void operatorMetrics_areInTheJsonAndTheSummary() throws Exception {
    OperatorMetricsFigures.Timing build = new OperatorMetricsFigures.Timing(2, 12.5, 24);
    OperatorMetricsFigures.Timing fsync = new OperatorMetricsFigures.Timing(40, 0.2, 0.9);
    BenchResult result =
        result(
            null,
            null,
            new OperatorMetricsFigures(
                1_990, Map.of("rate_limited", 10L), fsync, build, build, fsync, 2, 90_000));

    JsonNode json = new ObjectMapper().readTree(result.toJson());
    assertThat(json.path("operatorMetrics").path("blockBuildMs").path("p99").asDouble())
        .isEqualTo(24);
    assertThat(json.path("operatorMetrics").path("journalFsyncMs").path("count").asLong())
        .isEqualTo(40);
    assertThat(json.path("operatorMetrics").path("l1CommitGas").asLong()).isEqualTo(90_000);
    assertThat(result.summary())
        .contains("operator metrics: 1,990 accepted; block build mean 12.50 ms, p99 24.00 ms (2)")
        .contains("journal fsync mean 0.20 ms, p99 0.90 ms (40)");
  }

  @Test
  void probe_readsVmHwm() {
    assertThat(
            OperatorProbe.parseStatusField(
                List.of("Name:\tjava", "VmHWM:\t  524288 kB", "VmRSS:\t 1024 kB"), "VmHWM"))
        .contains(524288L * 1024);
    assertThat(new OperatorProbe(OptionalLong.empty(), Optional.empty()).peakResidentBytes())
        .isEmpty();
  }
}
