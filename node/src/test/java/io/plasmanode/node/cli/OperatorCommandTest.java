package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.types.Address;
import io.plasmanode.node.cli.ServerLogging.LogLevel;
import io.plasmanode.node.daemon.OperatorConfig;
import io.plasmanode.node.metrics.MetricsConfig;
import io.plasmanode.node.operator.BlockProducerConfig;
import io.plasmanode.p2p.rpc.HttpServerLimits;
import io.plasmanode.storage.chain.ChainCheckMode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;

/** {@code plasma operator} and {@code plasma devnet} up to the point where they would start. */
class OperatorCommandTest {
  private static final String CONTRACT = "0x" + "5f".repeat(20);
  private static final String KEY =
      "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

  @TempDir Path home;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void help_documentsEveryFlagAndWhereTheKeyComesFrom() {
    assertThat(run(Map.of(), "operator", "--help")).isZero();
    assertThat(out.toString())
        .contains(
            "--l1",
            "--contract",
            "--operator-key-file",
            "--password-file",
            "--data-dir",
            "--rpc-host",
            "--rpc-port",
            "--block-interval",
            "--deposit-confirmations",
            "--commit-confirmations",
            "--l1-start-block",
            "--max-gas-price",
            "--rpc-rate-limit",
            "--rpc-max-connections",
            "--rpc-max-connections-per-address",
            "--rpc-request-timeout",
            "--rpc-max-request-line-bytes",
            "--rpc-max-header-bytes",
            "--rpc-max-pending-request-bytes",
            "--max-pending-verifications",
            "--check-db",
            "--fee-specs",
            "--fee-grace",
            "--fee-claimer",
            "PLASMA_PRIVATE_KEY",
            "PLASMA_<NAME>");
    assertThat(run(Map.of(), "devnet", "--help")).isZero();
    assertThat(out.toString())
        .contains(
            "--reset",
            "--exit-period",
            "--l1-port",
            "--dir",
            "--exit-bond",
            "--in-flight-exit-bond",
            "--piggyback-bond");
  }

  @Test
  void missingContract_isAUsageError() {
    assertThat(run(Map.of("PLASMA_PRIVATE_KEY", KEY), "operator")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing --contract");
  }

  @Test
  void badDurationAndGasPrice_areUsageErrors() {
    assertThat(run(Map.of(), "operator", "--contract", CONTRACT, "--block-interval", "soon"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("'soon' is not a duration");
    assertThat(run(Map.of(), "operator", "--contract", CONTRACT, "--max-gas-price", "lots"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("Invalid --max-gas-price");
  }

  @Test
  void badBonds_areUsageErrors_beforeAnythingStarts() {
    assertThat(run(Map.of(), "devnet", "--dir", home.toString(), "--piggyback-bond", "lots"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("Invalid --piggyback-bond");
    assertThat(run(Map.of(), "devnet", "--dir", home.toString(), "--in-flight-exit-bond", "0eth"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("Invalid --in-flight-exit-bond");
  }

  @Test
  void noKey_failsWithoutStartingAnything() {
    assertThat(run(Map.of(), "operator", "--contract", CONTRACT)).isEqualTo(1);
    assertThat(err.toString()).contains("plasma: no key");
    assertThat(home.resolve("operator")).doesNotExist();
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
            "operator",
            "--contract",
            CONTRACT,
            "--l1",
            "http://127.0.0.1:" + closedPort);
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("L1 at http://127.0.0.1:" + closedPort).doesNotContain(KEY);
  }

  @Test
  void settingsComeFromTheEnvironmentToo() {
    assertThat(
            run(Map.of("PLASMA_CONTRACT", CONTRACT, "PLASMA_BLOCK_INTERVAL", "never"), "operator"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("'never' is not a duration");
  }

  @Test
  void overloadLimits_comeFromFlagsAndTheEnvironment_elseTheDefaults() {
    OperatorConfig set =
        config(
            Map.of("PLASMA_RPC_REQUEST_TIMEOUT", "3s"),
            "--contract",
            CONTRACT,
            "--rpc-max-connections",
            "100",
            "--rpc-max-connections-per-address",
            "7",
            "--rpc-max-header-bytes",
            "4096",
            "--max-pending-verifications",
            "500");
    OperatorConfig defaults = config(Map.of(), "--contract", CONTRACT);

    assertThat(set.rpcLimits())
        .isEqualTo(
            new HttpServerLimits(
                100,
                7,
                Duration.ofSeconds(3),
                HttpServerLimits.DEFAULT_MAX_REQUEST_LINE_BYTES,
                4096,
                HttpServerLimits.DEFAULT_MAX_PENDING_REQUEST_BYTES,
                HttpServerLimits.DEFAULT_MAX_PENDING_ANSWER_BYTES));
    assertThat(set.maxPendingVerifications()).isEqualTo(500);
    assertThat(defaults.rpcLimits()).isEqualTo(HttpServerLimits.defaults());
    assertThat(defaults.maxPendingVerifications())
        .isEqualTo(BlockProducerConfig.DEFAULT_MAX_PENDING_VERIFICATIONS);
  }

  @Test
  void commitConfirmations_comeFromTheFlagOrTheEnvironment_elseTen() {
    assertThat(
            config(Map.of(), "--contract", CONTRACT, "--commit-confirmations", "3")
                .commitConfirmations())
        .isEqualTo(3);
    assertThat(
            config(Map.of("PLASMA_COMMIT_CONFIRMATIONS", "0"), "--contract", CONTRACT)
                .commitConfirmations())
        .isZero();
    assertThat(config(Map.of(), "--contract", CONTRACT).commitConfirmations()).isEqualTo(10);
    assertThat(run(Map.of(), "operator", "--contract", CONTRACT, "--commit-confirmations", "-1"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("commit confirmations must be >= 0");
  }

  @Test
  void badOverloadLimits_areUsageErrors() {
    assertThat(run(Map.of(), "operator", "--contract", CONTRACT, "--rpc-max-connections", "0"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("maxConnections must be positive, got 0");
    assertThat(run(Map.of(), "operator", "--contract", CONTRACT, "--rpc-request-timeout", "0s"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("'0s' is not a positive duration");
    assertThat(
            run(Map.of(), "operator", "--contract", CONTRACT, "--max-pending-verifications", "0"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("max pending verifications must be positive");
  }

  @Test
  void leftOutOptions_takeTheConfigDefaults() {
    OperatorConfig fromCli = config(Map.of(), "--contract", CONTRACT);

    assertThat(fromCli)
        .isEqualTo(
            OperatorConfig.builder(fromCli.l1(), fromCli.contract(), fromCli.dataDir()).build());
  }

  @Test
  void toBuilder_changesOneSetting_andKeepsTheOthers() {
    OperatorConfig config =
        OperatorConfig.builder(URI.create("http://127.0.0.1:8545"), Address.fromHex(CONTRACT), home)
            .depositConfirmations(0)
            .build();

    OperatorConfig changed = config.toBuilder().rpcPort(0).build();

    assertThat(changed.rpcPort()).isZero();
    assertThat(changed.depositConfirmations()).isZero();
    assertThat(changed.toBuilder().rpcPort(config.rpcPort()).build()).isEqualTo(config);
  }

  @Test
  void checkDb_isQuickByDefault_fullOrOffOnRequest_andNothingElse() {
    assertThat(config(Map.of(), "--contract", CONTRACT).checkDb()).isEqualTo(ChainCheckMode.QUICK);
    assertThat(config(Map.of(), "--contract", CONTRACT, "--check-db", "FULL").checkDb())
        .isEqualTo(ChainCheckMode.FULL);
    assertThat(config(Map.of("PLASMA_CHECK_DB", "off"), "--contract", CONTRACT).checkDb())
        .isEqualTo(ChainCheckMode.OFF);

    assertThat(run(Map.of(), "operator", "--contract", CONTRACT, "--check-db", "thorough"))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains("'thorough' is not a database check mode: use full, quick or off");
  }

  @Test
  void metrics_areOffByDefault_onLoopbackWithAPort_andABadPortIsAUsageError() {
    assertThat(config(Map.of(), "--contract", CONTRACT).metrics()).isEmpty();
    assertThat(config(Map.of(), "--contract", CONTRACT, "--metrics-port", "9660").metrics())
        .contains(new MetricsConfig("127.0.0.1", 9660));
    assertThat(
            config(
                    Map.of("PLASMA_METRICS_HOST", "0.0.0.0", "PLASMA_METRICS_PORT", "0"),
                    "--contract",
                    CONTRACT)
                .metrics())
        .contains(new MetricsConfig("0.0.0.0", 0));

    assertThat(run(Map.of(), "operator", "--contract", CONTRACT, "--metrics-port", "70000"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("metrics port 70000 out of range");
  }

  @Test
  void fees_areNoneByDefault_withAThirtySecondGrace_andSetFromFlagsOrEnvironment() {
    OperatorConfig defaults = config(Map.of(), "--contract", CONTRACT);
    assertThat(defaults.feeSpecs()).isEmpty();
    assertThat(defaults.feeGrace()).isEqualTo(Duration.ofSeconds(30));
    assertThat(defaults.feeClaimer()).isEmpty();

    String claimer = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    OperatorConfig set =
        config(
            Map.of("PLASMA_FEE_GRACE", "5m"),
            "--contract",
            CONTRACT,
            "--fee-specs",
            "fees.json",
            "--fee-claimer",
            claimer);
    assertThat(set.feeSpecs()).contains(Path.of("fees.json"));
    assertThat(set.feeGrace()).isEqualTo(Duration.ofMinutes(5));
    assertThat(set.feeClaimer()).contains(Address.fromHex(claimer));

    assertThat(run(Map.of(), "operator", "--contract", CONTRACT, "--fee-claimer", "0x1234"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("'0x1234' is not an address");
    assertThat(
            run(
                Map.of(),
                "operator",
                "--contract",
                CONTRACT,
                "--fee-claimer",
                "0x" + "0".repeat(40)))
        .isEqualTo(2);
    assertThat(err.toString()).contains("the fee claimer is the zero address");
  }

  @Test
  void malformedFeeSpecs_refuseToStart_namingLineAndColumn_beforeL1IsContacted() throws Exception {
    Path specs = java.nio.file.Files.writeString(home.resolve("fees.json"), "{\n  \"1\": []\n}\n");

    int exit =
        run(
            Map.of("PLASMA_PRIVATE_KEY", KEY),
            "operator",
            "--contract",
            CONTRACT,
            "--l1",
            "http://127.0.0.1:1",
            "--fee-specs",
            specs.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .contains("refusing to start: the fee specs " + specs + " are malformed: line 2, column 8")
        .contains("the fees of a tx type must be an object")
        .doesNotContain("L1 at")
        .doesNotContain(KEY);
    assertThat(home.resolve("operator")).doesNotExist();
  }

  @Test
  void logLevel_isInfoByDefault_setFromTheCommandLineOrEnvironment_onEveryDaemon() {
    for (String command : List.of("operator", "watcher", "devnet")) {
      assertThat(logLevel(Map.of(), command)).as(command).isEqualTo(LogLevel.INFO);
      assertThat(logLevel(Map.of(), command, "--log-level", "DEBUG")).isEqualTo(LogLevel.DEBUG);
      assertThat(logLevel(Map.of("PLASMA_LOG_LEVEL", "TRACE"), command))
          .as(command)
          .isEqualTo(LogLevel.TRACE);
    }
    assertThat(run(Map.of(), "operator", "--contract", CONTRACT, "--log-level", "LOUD"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--log-level", "ERROR, WARN, INFO, DEBUG, TRACE");
  }

  private LogLevel logLevel(Map<String, String> environment, String... args) {
    ParseResult parsed = new CommandLine(new PlasmaCli(environment, home)).parseArgs(args);
    return parsed.subcommand().commandSpec().findOption("--log-level").getValue();
  }

  private OperatorConfig config(Map<String, String> environment, String... args) {
    CommandLine cli = new CommandLine(new PlasmaCli(environment, home));
    String[] command = new String[args.length + 1];
    command[0] = "operator";
    System.arraycopy(args, 0, command, 1, args.length);
    ParseResult parsed = cli.parseArgs(command);
    return ((OperatorCommand) parsed.subcommand().commandSpec().userObject()).config();
  }

  @Test
  void durations_acceptUnitsAndIso() {
    DurationConverter converter = new DurationConverter();
    assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(converter.convert("2s")).isEqualTo(Duration.ofSeconds(2));
    assertThat(converter.convert("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(converter.convert("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(converter.convert("7d")).isEqualTo(Duration.ofDays(7));
    assertThat(converter.convert("PT1.5S")).isEqualTo(Duration.ofMillis(1500));
    assertThatThrownBy(() -> converter.convert("2 s")).isInstanceOf(TypeConversionException.class);
    assertThatThrownBy(() -> converter.convert("-2s")).isInstanceOf(TypeConversionException.class);
  }

  private int run(Map<String, String> environment, String... args) {
    CommandLine cli = new CommandLine(new PlasmaCli(environment, home));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }
}
