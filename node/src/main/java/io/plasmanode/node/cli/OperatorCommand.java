package io.plasmanode.node.cli;

import io.plasmanode.contracts.l1.L1Exception;
import io.plasmanode.node.commit.ReconcileException;
import io.plasmanode.node.daemon.OperatorConfig;
import io.plasmanode.node.daemon.OperatorNode;
import io.plasmanode.node.storage.StorageException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code plasma operator}: runs the operator daemon until it is stopped (SIGINT/SIGTERM). */
@Command(
    name = "operator",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ConfigDefaultProvider.class,
    description = {
      "Runs the child chain's operator: the JSON-RPC API, block production, root commits to L1"
          + " and the deposit/exit listener, until stopped with Ctrl-C or SIGTERM.",
      "The operator key comes from --operator-key-file (a web3j keystore; password from"
          + " --password-file or PLASMA_PASSWORD) or from PLASMA_PRIVATE_KEY; use this key for"
          + " nothing else, the root committer owns its nonces."
    },
    footer = ConfigDefaultProvider.FOOTER)
final class OperatorCommand extends CliCommand {
  @Mixin L1Options l1;

  @Option(
      names = "--operator-key-file",
      paramLabel = "FILE",
      description = "Keystore of the contract's operator key. Default: PLASMA_PRIVATE_KEY.")
  Path operatorKeyFile;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description = "File whose first line is the keystore password. Default: PLASMA_PASSWORD.")
  Path passwordFile;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Where the chain database lives (default: <plasma home>/operator).")
  Path dataDir;

  @Option(
      names = "--rpc-host",
      paramLabel = "HOST",
      defaultValue = "127.0.0.1",
      description = "Interface the JSON-RPC API binds to (default: ${DEFAULT-VALUE}).")
  String rpcHost;

  @Option(
      names = "--rpc-port",
      paramLabel = "PORT",
      defaultValue = "" + OperatorConfig.DEFAULT_RPC_PORT,
      description = "JSON-RPC port (default: ${DEFAULT-VALUE}).")
  int rpcPort;

  @Option(
      names = "--rpc-rate-limit",
      paramLabel = "N",
      defaultValue = "5000",
      description =
          "JSON-RPC requests per second, all clients together (default: ${DEFAULT-VALUE}).")
  int rpcRateLimit;

  @Option(
      names = "--block-interval",
      paramLabel = "DURATION",
      defaultValue = "2s",
      converter = DurationConverter.class,
      description =
          "How often a non-empty block closes (default: ${DEFAULT-VALUE}); a block also closes at"
              + " 65,536 transactions.")
  Duration blockInterval;

  @Option(
      names = "--deposit-confirmations",
      paramLabel = "N",
      defaultValue = "10",
      description =
          "L1 blocks a deposit (or exit) must be buried under before it is acted on (default:"
              + " ${DEFAULT-VALUE}; 0 on a devnet).")
  int depositConfirmations;

  @Option(
      names = "--l1-poll-interval",
      paramLabel = "DURATION",
      defaultValue = "2s",
      converter = DurationConverter.class,
      description = "How often L1 is read for new events (default: ${DEFAULT-VALUE}).")
  Duration l1PollInterval;

  @Option(
      names = "--l1-start-block",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "First L1 block to read events from: the contract's deployment block (default:"
              + " ${DEFAULT-VALUE}). Only used on the first start.")
  long l1StartBlock;

  @Option(
      names = "--max-gas-price",
      paramLabel = "AMOUNT",
      defaultValue = "500gwei",
      description =
          "Highest fee per gas for root commits (default: ${DEFAULT-VALUE}); a stuck commit is"
              + " re-sent with higher fees up to this cap, then raises an alarm.")
  String maxGasPrice;

  @Override
  protected void run() {
    OperatorConfig config = config();
    Credentials key = loadKey();
    ServerLogging.enable();
    OperatorNode node = start(config, key);
    runUntilStopped(
        node,
        "operator running: JSON-RPC http://%s:%d, contract %s (Ctrl-C stops it)"
            .formatted(config.rpcHost(), node.rpcPort(), config.contract().toHex()));
  }

  private OperatorConfig config() {
    BigInteger maxFee;
    try {
      maxFee = Amounts.parseEth(maxGasPrice);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), "Invalid --max-gas-price: " + e.getMessage());
    }
    try {
      return new OperatorConfig(
          l1.l1(),
          l1.contract()
              .orElseThrow(
                  () ->
                      new ParameterException(
                          spec.commandLine(), "Missing --contract: the Plasma contract on L1")),
          Optional.ofNullable(dataDir).orElse(plasmaHome().resolve("operator")),
          rpcHost,
          rpcPort,
          blockInterval,
          depositConfirmations,
          l1PollInterval,
          l1StartBlock,
          maxFee,
          rpcRateLimit);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private Credentials loadKey() {
    return new KeySource(
            Optional.ofNullable(operatorKeyFile),
            Optional.ofNullable(passwordFile),
            environment(),
            PasswordPrompt.console(),
            this::warn)
        .load();
  }

  private static OperatorNode start(OperatorConfig config, Credentials key) {
    try {
      return OperatorNode.start(config, key);
    } catch (ReconcileException e) {
      throw new CliException("refusing to start: " + e.getMessage(), e);
    } catch (L1Exception e) {
      throw new CliException("L1 at " + config.l1() + ": " + e.getMessage(), e);
    } catch (StorageException | IllegalStateException | UncheckedIOException e) {
      throw new CliException(e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new CliException("cannot start the operator: " + e, e);
    }
  }
}
