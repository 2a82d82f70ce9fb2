package io.plasmanode.node.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.types.Hex;
import io.plasmanode.node.cli.PlasmaCli;
import io.plasmanode.node.daemon.OperatorNode;
import io.plasmanode.node.metrics.MetricsConfig;
import io.plasmanode.node.testing.OperatorSetup;
import io.plasmanode.node.testing.PlasmaNetwork;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * {@code plasma bench} in-process against a real anvil and an in-process operator on loopback:
 * small numbers, all transfers accepted, and the result file has every figure.
 */
class BenchIT {
  private static final PrivateKey OPERATOR = TestKeys.CAROL;
  private static final PrivateKey FUNDER = TestKeys.DAVE;

  @RegisterExtension
  final PlasmaNetwork net =
      PlasmaNetwork.builder()
          .operator(OPERATOR)
          .exitPeriod(PlasmaNetwork.SHORT_EXIT_PERIOD)
          .bond(BigInteger.TEN.pow(16))
          .fund(List.of(FUNDER))
          .build();

  @Test
  void bench_submitsEveryTransferAndWritesTheResultFile() throws Exception {
    AnvilChain l1 = net.l1();
    Path dir = net.dir();
    OperatorNode operator =
        net.closeLater(
            OperatorNode.start(
                OperatorSetup.defaults()
                    .config(URI.create(l1.rpcUrl()), l1.contract(), dir.resolve("operator"))
                    .toBuilder()
                    .metrics(Optional.of(new MetricsConfig(MetricsConfig.DEFAULT_HOST, 0)))
                    .build(),
                OPERATOR));
    Path result = dir.resolve("result.json");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli =
        new CommandLine(
            new PlasmaCli(
                Map.of("PLASMA_PRIVATE_KEY", Hex.encode(FUNDER.toArray())), dir.resolve("home")));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));

    int exit =
        cli.execute(
            "bench",
            "--rpc",
            "http://127.0.0.1:" + operator.rpcPort(),
            "--l1",
            l1.rpcUrl(),
            "--accounts",
            "20",
            "--txs",
            "2000",
            "--two-input-percent",
            "50",
            "--connections",
            "2",
            "--batch",
            "100",
            "--drain-timeout",
            "60",
            "--baseline-seconds",
            "0.3",
            "--operator-pid",
            Long.toString(ProcessHandle.current().pid()),
            "--operator-data-dir",
            dir.resolve("operator").toString(),
            "--operator-metrics",
            operator.metricsUrl().orElseThrow().toString(),
            "--out",
            result.toString());

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString()).contains("accepted:        2,000 of 2,000");
    assertThat(err.toString()).doesNotContain(Hex.encode(FUNDER.toArray()).substring(2));
    JsonNode json = new ObjectMapper().readTree(Files.readString(result));
    assertThat(json.path("accepted").asLong()).isEqualTo(2_000);
    assertThat(json.path("rejected").asLong()).isZero();
    assertThat(json.path("acceptedTxPerSecond").asDouble()).isPositive();
    assertThat(json.path("submitLatencyMs").path("count").asLong()).isEqualTo(20);
    assertThat(json.path("submitLatencyMs").path("p99").asDouble()).isPositive();
    assertThat(json.path("blocks").path("count").asLong()).isPositive();
    assertThat(json.path("blocks").path("buildMs").path("count").asLong())
        .as("build times from plasma_status, no log read")
        .isPositive();
    assertThat(json.path("blocks").path("l1CommitLatencyMs").path("count").asLong())
        .isEqualTo(json.path("blocks").path("count").asLong());
    assertThat(json.path("operator").path("peakRssBytes").asLong()).isPositive();
    JsonNode metrics = json.path("operatorMetrics");
    assertThat(metrics.path("accepted").asLong())
        .as("the operator's own count of the measured phase, the fan-out not in it")
        .isEqualTo(2_000);
    assertThat(metrics.path("blockBuildMs").path("count").asLong())
        .as("every block of the phase, where plasma_status is sampled")
        .isGreaterThanOrEqualTo(json.path("blocks").path("count").asLong());
    assertThat(metrics.path("journalFsyncMs").path("count").asLong()).isPositive();
    assertThat(metrics.path("submitMs").path("count").asLong()).isEqualTo(20);
    assertThat(out.toString()).contains("operator metrics: 2,000 accepted");
    assertThat(json.path("operator").path("bytesOnDiskPerTx").isNumber()).isTrue();
    assertThat(json.path("fanOut").path("leaves").asLong()).isEqualTo(3_000);
    assertThat(json.path("recovery").path("perSecond").asDouble()).isPositive();
    assertThat(json.path("ratios").path("accepted").asDouble())
        .isEqualTo(
            json.path("acceptedTxPerSecond").asDouble()
                / json.path("recovery").path("perSecond").asDouble(),
            offset(1e-4));
    assertThat(out.toString()).contains("one core's worth of signature recovery");
    assertThat(operator.status().alarms()).isEmpty();
  }
}
