package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.types.Address;
import io.plasmanode.node.daemon.OperatorConfig;
import io.plasmanode.node.watcher.ChallengerConfig;
import io.plasmanode.node.watcher.WatcherConfig;
import io.plasmanode.p2p.rpc.HttpServerLimits;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** {@code plasma watcher} up to the point where it would start. */
class WatcherCommandTest {
  private static final String CONTRACT = "0x" + "5f".repeat(20);
  private static final String KEY =
      "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

  @TempDir Path home;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void help_documentsEveryFlagAndWhereTheChallengerKeyComesFrom() {
    assertThat(run(Map.of(), "watcher", "--help")).isZero();
    assertThat(out.toString())
        .contains(
            "--l1",
            "--contract",
            "--operator-rpc",
            "--data-dir",
            "--rpc-host",
            "--rpc-port",
            "--finality-margin",
            "--withholding-timeout",
            "--safety-margin",
            "--challenge-retry-after",
            "--challenge-resend-blocks",
            "--challenge-urgent-margin",
            "--challenge-max-fee",
            "--challenger-key-file",
            "--password-file",
            "--poll-interval",
            "--l1-start-block",
            "--p2p-host",
            "--p2p-port",
            "--peers",
            "--rpc-max-connections",
            "--rpc-max-connections-per-address",
            "--rpc-request-timeout",
            "--rpc-max-request-line-bytes",
            "--rpc-max-header-bytes",
            "--rpc-max-pending-request-bytes",
            "9657",
            "9658",
            "PLASMA_PRIVATE_KEY",
            "only reports",
            "PLASMA_<NAME>");
  }

  @Test
  void leftOutOptions_takeTheConfigDefaults() {
    ParseResult parsed =
        new CommandLine(new PlasmaCli(Map.of(), home))
            .parseArgs(
                "watcher",
                "--contract",
                CONTRACT,
                "--safety-margin",
                "1d",
                "--challenge-retry-after",
                "5m");

    WatcherConfig fromCli =
        ((WatcherCommand) parsed.subcommand().commandSpec().userObject()).config();

    assertThat(fromCli)
        .isEqualTo(
            WatcherConfig.builder(fromCli.l1(), fromCli.contract(), fromCli.dataDir()).build());
    assertThat(WatcherConfig.DEFAULT_RPC_HOST)
        .as("--rpc-host is one option of both daemons")
        .isEqualTo(OperatorConfig.DEFAULT_RPC_HOST);
  }

  @Test
  void toBuilder_changesOneSetting_andKeepsTheOthers() {
    WatcherConfig config =
        WatcherConfig.builder(URI.create("http://127.0.0.1:8545"), Address.fromHex(CONTRACT), home)
            .finalityMargin(0)
            .p2pPort(0)
            .build();

    WatcherConfig changed = config.toBuilder().pollInterval(Duration.ofMillis(100)).build();

    assertThat(changed.pollInterval()).isEqualTo(Duration.ofMillis(100));
    assertThat(changed.toBuilder().pollInterval(config.pollInterval()).build()).isEqualTo(config);
  }

  @Test
  void rpcLimits_comeFromTheFlags() {
    CommandLine cli = new CommandLine(new PlasmaCli(Map.of(), home));
    ParseResult parsed =
        cli.parseArgs(
            "watcher",
            "--contract",
            CONTRACT,
            "--safety-margin",
            "1h",
            "--challenge-retry-after",
            "1m",
            "--rpc-max-connections",
            "300",
            "--rpc-max-connections-per-address",
            "300",
            "--rpc-request-timeout",
            "5s",
            "--rpc-max-request-line-bytes",
            "2048",
            "--rpc-max-pending-request-bytes",
            "8000000",
            "--rpc-max-pending-answer-bytes",
            "50000000");

    WatcherConfig config =
        ((WatcherCommand) parsed.subcommand().commandSpec().userObject()).config();

    assertThat(config.rpcLimits())
        .isEqualTo(
            new HttpServerLimits(
                300,
                300,
                Duration.ofSeconds(5),
                2048,
                HttpServerLimits.DEFAULT_MAX_HEADER_BYTES,
                8_000_000,
                50_000_000));
  }

  @Test
  void challengerSettings_comeFromTheFlags_andBadOnesAreUsageErrors() {
    CommandLine cli = new CommandLine(new PlasmaCli(Map.of(), home));
    ParseResult parsed =
        cli.parseArgs(
            "watcher",
            "--contract",
            CONTRACT,
            "--challenge-resend-blocks",
            "2",
            "--challenge-urgent-margin",
            "90s",
            "--challenge-max-fee",
            "80gwei");
    ChallengerConfig config =
        ((WatcherCommand) parsed.subcommand().commandSpec().userObject())
            .challengerConfig(
                Duration.ofSeconds(30),
                () -> {
                  throw new AssertionError("an urgent margin given reads no exit period");
                });
    assertThat(config.resendBlocks()).isEqualTo(2);
    assertThat(config.urgentMargin()).isEqualTo(Duration.ofSeconds(90));
    assertThat(config.maxFeePerGas()).isEqualTo(BigInteger.valueOf(80_000_000_000L));

    assertThat(run(Map.of(), "watcher", "--contract", CONTRACT, "--challenge-resend-blocks", "0"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("challenge re-send blocks must be >= 1");
    assertThat(run(Map.of(), "watcher", "--contract", CONTRACT, "--challenge-max-fee", "lots"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("Invalid --challenge-max-fee");
  }

  @Test
  void challengeUrgentMargin_leftOut_isScaledToTheExitPeriod() {
    ParseResult parsed =
        new CommandLine(new PlasmaCli(Map.of(), home)).parseArgs("watcher", "--contract", CONTRACT);
    WatcherCommand command = (WatcherCommand) parsed.subcommand().commandSpec().userObject();

    assertThat(command.challengerConfig(Duration.ofSeconds(20), () -> Duration.ofSeconds(60)))
        .extracting(ChallengerConfig::urgentMargin)
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(command.challengerConfig(Duration.ofDays(1), () -> Duration.ofDays(14)))
        .extracting(ChallengerConfig::urgentMargin)
        .isEqualTo(Duration.ofDays(2));
  }

  @Test
  void missingContract_isAUsageError() {
    assertThat(run(Map.of(), "watcher")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing --contract");
  }

  @Test
  void badSettings_areUsageErrors_alsoFromTheEnvironment() {
    assertThat(run(Map.of(), "watcher", "--contract", CONTRACT, "--finality-margin", "-1"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("finality margin must be >= 0");
    assertThat(
            run(
                Map.of("PLASMA_CONTRACT", CONTRACT, "PLASMA_WITHHOLDING_TIMEOUT", "never"),
                "watcher"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("'never' is not a duration");
  }

  @Test
  void peers_areParsedAsHostPortList_andBadOnesAreUsageErrors() {
    assertThat(WatcherCommand.peerAddresses(" 127.0.0.1:9658, localhost:9700,"))
        .extracting(a -> a.getPort())
        .containsExactly(9658, 9700);
    assertThat(WatcherCommand.peerAddresses("")).isEmpty();
    assertThat(run(Map.of(), "watcher", "--contract", CONTRACT, "--peers", "127.0.0.1"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--peers: '127.0.0.1' is not host:port");
    assertThat(run(Map.of("PLASMA_PEERS", "127.0.0.1:x"), "watcher", "--contract", CONTRACT))
        .isEqualTo(2);
    assertThat(err.toString()).contains("has no valid port");
    assertThat(run(Map.of(), "watcher", "--contract", CONTRACT, "--p2p-port", "70000"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("p2p port 70000 out of range");
  }

  @Test
  void unreachableL1_failsWithTheEndpointAndNeverPrintsTheKey() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    int exit =
        run(
            Map.of("PLASMA_PRIVATE_KEY", KEY),
            "watcher",
            "--contract",
            CONTRACT,
            "--rpc-port",
            "0",
            "--l1",
            "http://127.0.0.1:" + closedPort);
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("L1 at http://127.0.0.1:" + closedPort).doesNotContain(KEY);
    assertThat(home.resolve("watcher").resolve("watcher")).doesNotExist();
  }

  private int run(Map<String, String> environment, String... args) {
    CommandLine cli = new CommandLine(new PlasmaCli(environment, home));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }
}
