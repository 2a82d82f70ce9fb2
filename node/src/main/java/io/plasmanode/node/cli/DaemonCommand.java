package io.plasmanode.node.cli;

import io.plasmanode.contracts.l1.L1Exception;
import io.plasmanode.core.types.Address;
import io.plasmanode.node.daemon.OperatorConfig;
import io.plasmanode.node.metrics.MetricsConfig;
import io.plasmanode.p2p.rpc.HttpServerLimits;
import io.plasmanode.storage.chain.ChainCheckException;
import io.plasmanode.storage.kv.StorageException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * What the long-running daemons ({@code operator}, {@code watcher}) share: L1 and the contract, the
 * data directory, the JSON-RPC interface and its connection limits, where to start reading L1, the
 * keystore password, and turning start-up failures into one plain line.
 */
abstract class DaemonCommand extends CliCommand {
  @Mixin DaemonL1Options l1;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description = "File whose first line is the keystore password. Default: PLASMA_PASSWORD.")
  Path passwordFile;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Where the database lives (default: <plasma home>/<command name>).")
  Path dataDir;

  @Option(
      names = "--rpc-host",
      paramLabel = "HOST",
      defaultValue = OperatorConfig.DEFAULT_RPC_HOST,
      description = "Interface the JSON-RPC API binds to (default: ${DEFAULT-VALUE}).")
  String rpcHost;

  @Option(
      names = "--rpc-max-connections",
      paramLabel = "N",
      defaultValue = "" + HttpServerLimits.DEFAULT_MAX_CONNECTIONS,
      description =
          "Open JSON-RPC connections, all clients together; more are closed at once (default:"
              + " ${DEFAULT-VALUE}).")
  int rpcMaxConnections;

  @Option(
      names = "--rpc-max-connections-per-address",
      paramLabel = "N",
      defaultValue = "" + HttpServerLimits.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
      description =
          "Open JSON-RPC connections from one IP address; more are closed at once (default:"
              + " ${DEFAULT-VALUE}). Behind a reverse proxy, set it to --rpc-max-connections.")
  int rpcMaxConnectionsPerAddress;

  @Option(
      names = "--rpc-request-timeout",
      paramLabel = "DURATION",
      defaultValue = HttpServerLimits.DEFAULT_REQUEST_TIMEOUT_TEXT,
      converter = DurationConverter.class,
      description =
          "Time a JSON-RPC request may take to arrive, from its first byte to its last; a slower"
              + " one gets HTTP 408 and its connection is closed (default: ${DEFAULT-VALUE}).")
  Duration rpcRequestTimeout;

  @Option(
      names = "--rpc-max-request-line-bytes",
      paramLabel = "N",
      defaultValue = "" + HttpServerLimits.DEFAULT_MAX_REQUEST_LINE_BYTES,
      description =
          "Longest HTTP request line; a longer one gets HTTP 414 (default: ${DEFAULT-VALUE}).")
  int rpcMaxRequestLineBytes;

  @Option(
      names = "--rpc-max-header-bytes",
      paramLabel = "N",
      defaultValue = "" + HttpServerLimits.DEFAULT_MAX_HEADER_BYTES,
      description =
          "Most bytes of HTTP header fields in a request; more get HTTP 431 (default:"
              + " ${DEFAULT-VALUE}).")
  int rpcMaxHeaderBytes;

  @Option(
      names = "--rpc-max-pending-request-bytes",
      paramLabel = "N",
      defaultValue = "" + HttpServerLimits.DEFAULT_MAX_PENDING_REQUEST_BYTES,
      description =
          "Request bodies the JSON-RPC server holds at once, from their headers until answered;"
              + " a request beyond gets HTTP 503 as soon as its headers arrive, so under overload"
              + " the wait stays short (default: ${DEFAULT-VALUE}, at least the 1 MiB body"
              + " limit).")
  int rpcMaxPendingRequestBytes;

  @Option(
      names = "--rpc-max-pending-answer-bytes",
      paramLabel = "N",
      defaultValue = "" + HttpServerLimits.DEFAULT_MAX_PENDING_ANSWER_BYTES,
      description =
          "Answers of 1 MiB or more (full blocks) the JSON-RPC server holds at once for clients"
              + " that read them slowly; an answer beyond gets HTTP 503 instead (default:"
              + " ${DEFAULT-VALUE}).")
  int rpcMaxPendingAnswerBytes;

  @Option(
      names = "--metrics-port",
      paramLabel = "PORT",
      description =
          "Port to serve Prometheus metrics on, at /metrics of --metrics-host (docs/metrics.md);"
              + " without it no metrics are kept. 0 picks a free port.")
  Integer metricsPort;

  @Option(
      names = "--metrics-host",
      paramLabel = "HOST",
      defaultValue = MetricsConfig.DEFAULT_HOST,
      description =
          "Interface the metrics server binds to (default: ${DEFAULT-VALUE}); only GET /metrics"
              + " is served.")
  String metricsHost;

  @Option(
      names = "--l1-start-block",
      paramLabel = "N",
      defaultValue = "" + OperatorConfig.DEFAULT_L1_START_BLOCK,
      description =
          "First L1 block to read events from: the contract's deployment block (default:"
              + " ${DEFAULT-VALUE}). Only used on the first start.")
  long l1StartBlock;

  /**
   * The JSON-RPC server's connection limits from the {@code --rpc-*} options.
   *
   * @throws IllegalArgumentException naming the bad value
   */
  protected HttpServerLimits rpcLimits() {
    return new HttpServerLimits(
        rpcMaxConnections,
        rpcMaxConnectionsPerAddress,
        rpcRequestTimeout,
        rpcMaxRequestLineBytes,
        rpcMaxHeaderBytes,
        rpcMaxPendingRequestBytes,
        rpcMaxPendingAnswerBytes);
  }

  /**
   * Where to serve metrics ({@code --metrics-port}, {@code --metrics-host}); empty: off.
   *
   * @throws ParameterException naming the bad value
   */
  protected Optional<MetricsConfig> metrics() {
    try {
      return Optional.ofNullable(metricsPort).map(port -> new MetricsConfig(metricsHost, port));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), "Invalid --metrics-port or --metrics-host: " + e.getMessage());
    }
  }

  /** The contract, which these commands require. */
  protected Address contract() {
    return l1.contract()
        .orElseThrow(
            () ->
                new ParameterException(
                    spec.commandLine(), "Missing --contract: the Plasma contract on L1"));
  }

  /** {@code --data-dir}, else {@code <plasma home>/<command name>}. */
  protected Path dataDir() {
    return Optional.ofNullable(dataDir).orElse(plasmaHome().resolve(spec.name()));
  }

  /** The key in {@code keystore} (password from --password-file or the environment), else env. */
  protected KeySource keySource(Path keystore) {
    return new KeySource(
        Optional.ofNullable(keystore),
        Optional.ofNullable(passwordFile),
        environment(),
        PasswordPrompt.console());
  }

  /** Starts the daemon; a failure becomes one plain line and exit code 1. */
  protected <T> T start(Supplier<T> starter) {
    try {
      return starter.get();
    } catch (L1Exception e) {
      throw new CliException("L1 at " + l1.l1() + ": " + e.getMessage(), e);
    } catch (ChainCheckException e) {
      throw new CliException("refusing to start: " + e.getMessage(), e);
    } catch (StorageException | IllegalStateException | UncheckedIOException e) {
      throw new CliException(e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new CliException("cannot start the " + spec.name() + ": " + e, e);
    }
  }
}
