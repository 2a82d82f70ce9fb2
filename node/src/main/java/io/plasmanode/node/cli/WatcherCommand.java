package io.plasmanode.node.cli;

import io.plasmanode.node.watcher.WatcherConfig;
import io.plasmanode.node.watcher.WatcherNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code plasma watcher}: runs a watcher daemon until it is stopped (SIGINT/SIGTERM). */
@Command(
    name = "watcher",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ConfigDefaultProvider.class,
    description = {
      "Runs a watcher: syncs child blocks from the operator, accepts each only if it matches the"
          + " root on L1, re-validates it with its own UTXO set, follows exits on L1, and reports"
          + " invalid blocks, withheld blocks and invalid exits (docs/watcher-rpc.md).",
      "With a challenger key (--challenger-key-file, password from --password-file or"
          + " PLASMA_PASSWORD; or PLASMA_PRIVATE_KEY) it challenges invalid exits itself;"
          + " without one it only reports."
    },
    footer = ConfigDefaultProvider.FOOTER)
final class WatcherCommand extends DaemonCommand {
  @Option(
      names = "--operator-rpc",
      paramLabel = "URL",
      defaultValue = "http://127.0.0.1:9656",
      description =
          "The operator's JSON-RPC API, where blocks come from (default: ${DEFAULT-VALUE}).")
  URI operatorRpc;

  @Option(
      names = "--challenger-key-file",
      paramLabel = "FILE",
      description =
          "Keystore of the key that sends challenges and wins their bonds. Default:"
              + " PLASMA_PRIVATE_KEY if set, else no challenges (report only).")
  Path challengerKeyFile;

  @Option(
      names = "--rpc-port",
      paramLabel = "PORT",
      defaultValue = "" + WatcherConfig.DEFAULT_RPC_PORT,
      description = "The watcher's JSON-RPC port (default: ${DEFAULT-VALUE}).")
  int rpcPort;

  @Option(
      names = "--finality-margin",
      paramLabel = "N",
      defaultValue = "" + WatcherConfig.DEFAULT_FINALITY_MARGIN,
      description =
          "L1 blocks an event must be buried under before the watcher acts on it, so it is safe"
              + " across reorgs that deep (default: ${DEFAULT-VALUE}; 0 on a devnet).")
  int finalityMargin;

  @Option(
      names = "--withholding-timeout",
      paramLabel = "DURATION",
      defaultValue = "60s",
      converter = DurationConverter.class,
      description =
          "How long a block whose root is on L1 may stay unavailable before block_withholding"
              + " is raised (default: ${DEFAULT-VALUE}).")
  Duration withholdingTimeout;

  @Option(
      names = "--safety-margin",
      paramLabel = "DURATION",
      defaultValue = "1d",
      converter = DurationConverter.class,
      description =
          "How long before an invalid exit matures it is reported as unchallenged_exit if it is"
              + " still not challenged (default: ${DEFAULT-VALUE}).")
  Duration safetyMargin;

  @Option(
      names = "--challenge-retry-after",
      paramLabel = "DURATION",
      defaultValue = "5m",
      converter = DurationConverter.class,
      description =
          "How long after a challenge was sent an exit still active on L1 is challenged again"
              + " (default: ${DEFAULT-VALUE}).")
  Duration challengeRetryAfter;

  @Option(
      names = "--poll-interval",
      paramLabel = "DURATION",
      defaultValue = "2s",
      converter = DurationConverter.class,
      description = "How often L1 and the operator are read (default: ${DEFAULT-VALUE}).")
  Duration pollInterval;

  @Override
  protected void run() {
    WatcherConfig config = config();
    Optional<Credentials> key = loadKey();
    ServerLogging.enable();
    WatcherNode node = start(() -> WatcherNode.start(config, key));
    runUntilStopped(
        node,
        "watcher running: JSON-RPC http://%s:%d, contract %s, %s (Ctrl-C stops it)"
            .formatted(
                config.rpcHost(),
                node.rpcPort(),
                config.contract().toHex(),
                key.isPresent() ? "challenging invalid exits" : "reporting only"));
  }

  WatcherConfig config() {
    try {
      return new WatcherConfig(
          l1.l1(),
          contract(),
          operatorRpc,
          dataDir(),
          rpcHost,
          rpcPort,
          finalityMargin,
          withholdingTimeout,
          safetyMargin,
          challengeRetryAfter,
          pollInterval,
          l1StartBlock);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private Optional<Credentials> loadKey() {
    if (challengerKeyFile == null && !environment().containsKey(KeySource.PRIVATE_KEY_ENV)) {
      return Optional.empty();
    }
    return Optional.of(keySource(challengerKeyFile).load());
  }
}
