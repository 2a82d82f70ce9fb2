package io.plasmanode.node.cli;

import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.types.Address;
import io.plasmanode.node.commit.ReconcileException;
import io.plasmanode.node.daemon.OperatorConfig;
import io.plasmanode.node.daemon.OperatorNode;
import io.plasmanode.node.fees.FeeSpecsException;
import io.plasmanode.storage.chain.ChainCheckMode;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
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
final class OperatorCommand extends DaemonCommand {
  @Mixin LogLevelOption logLevel;

  @Option(
      names = "--operator-key-file",
      paramLabel = "FILE",
      description = "Keystore of the contract's operator key. Default: PLASMA_PRIVATE_KEY.")
  Path operatorKeyFile;

  @Option(
      names = "--rpc-port",
      paramLabel = "PORT",
      defaultValue = "" + OperatorConfig.DEFAULT_RPC_PORT,
      description = "JSON-RPC port (default: ${DEFAULT-VALUE}).")
  int rpcPort;

  @Option(
      names = "--rpc-rate-limit",
      paramLabel = "N",
      defaultValue = "" + OperatorConfig.DEFAULT_RPC_REQUESTS_PER_SECOND,
      description =
          "JSON-RPC requests per second, all clients together (default: ${DEFAULT-VALUE}).")
  int rpcRateLimit;

  @Option(
      names = "--max-pending-verifications",
      paramLabel = "N",
      defaultValue = "" + OperatorConfig.DEFAULT_MAX_PENDING_VERIFICATIONS,
      description =
          "Submitted transactions that may wait for their signatures to be checked; beyond it"
              + " submissions are answered operator_busy (-32013) at once (default:"
              + " ${DEFAULT-VALUE}).")
  int maxPendingVerifications;

  @Option(
      names = "--block-interval",
      paramLabel = "DURATION",
      defaultValue = OperatorConfig.DEFAULT_BLOCK_INTERVAL_TEXT,
      converter = DurationConverter.class,
      description =
          "How often a non-empty block closes (default: ${DEFAULT-VALUE}); a block also closes at"
              + " 65,536 transactions.")
  Duration blockInterval;

  @Option(
      names = "--deposit-confirmations",
      paramLabel = "N",
      defaultValue = "" + OperatorConfig.DEFAULT_DEPOSIT_CONFIRMATIONS,
      description =
          "L1 blocks a deposit (or exit) must be buried under before it is acted on (default:"
              + " ${DEFAULT-VALUE}; 0 only on a local test L1, which never reorganises; plasma devnet"
              + " runs its operator with 0).")
  int depositConfirmations;

  @Option(
      names = "--commit-confirmations",
      paramLabel = "N",
      defaultValue = "" + OperatorConfig.DEFAULT_COMMIT_CONFIRMATIONS,
      description =
          "L1 blocks a root commit must be buried under before its block counts as committed;"
              + " until then an L1 reorganisation that drops it makes the operator send it again"
              + " (default: ${DEFAULT-VALUE}; 0 only on a local test L1, which never reorganises;"
              + " plasma devnet runs its operator with 0).")
  int commitConfirmations;

  @Option(
      names = "--l1-poll-interval",
      paramLabel = "DURATION",
      defaultValue = OperatorConfig.DEFAULT_L1_POLL_INTERVAL_TEXT,
      converter = DurationConverter.class,
      description = "How often L1 is read for new events (default: ${DEFAULT-VALUE}).")
  Duration l1PollInterval;

  @Option(
      names = "--max-gas-price",
      paramLabel = "AMOUNT",
      defaultValue = OperatorConfig.DEFAULT_MAX_GAS_PRICE_TEXT,
      description =
          "Highest fee per gas for root commits (default: ${DEFAULT-VALUE}); a stuck commit is"
              + " re-sent with higher fees up to this cap, then raises an alarm.")
  String maxGasPrice;

  @Option(
      names = "--check-db",
      paramLabel = "MODE",
      defaultValue = OperatorConfig.DEFAULT_CHECK_DB_TEXT,
      converter = ChainCheckModeConverter.class,
      description =
          "Database integrity check before starting (default: ${DEFAULT-VALUE}): quick (height,"
              + " blocks, commit statuses, the last block's effects; well under a second), full"
              + " (recomputes the UTXO set and indexes from every stored block, as plasma db"
              + " check; seconds per million transactions) or off. The operator refuses to start"
              + " on an inconsistent database.")
  ChainCheckMode checkDb;

  @Option(
      names = "--fee-specs",
      paramLabel = "FILE",
      description =
          "Fee-specs JSON file: the fee a payment must pay, per token (docs/json-rpc.md,"
              + " plasma_getFees). Reloaded when it changes; a malformed file is refused (an alarm"
              + " names its line and column) and the last good table stays. Default: no fees.")
  Path feeSpecs;

  @Option(
      names = "--fee-grace",
      paramLabel = "DURATION",
      defaultValue = OperatorConfig.DEFAULT_FEE_GRACE_TEXT,
      converter = DurationConverter.class,
      description =
          "How long the previous fee table is still accepted after the fee-specs file changes"
              + " (default: ${DEFAULT-VALUE}), so transactions built just before keep going through.")
  Duration feeGrace;

  @Option(
      names = "--fee-claimer",
      paramLabel = "ADDRESS",
      converter = AddressConverter.class,
      description =
          "Who the fee claim each block ends with pays (one claim per token, exactly the block's"
              + " fees). Default: the operator's address.")
  Address feeClaimer;

  @Override
  protected void run() {
    OperatorConfig config = config();
    PrivateKey key = keySource(operatorKeyFile).load();
    logLevel.apply();
    OperatorNode node =
        start(
            () -> {
              try {
                return OperatorNode.start(config, key);
              } catch (ReconcileException | FeeSpecsException e) {
                throw new CliException("refusing to start: " + e.getMessage(), e);
              }
            });
    runUntilStopped(
        node,
        "operator running: JSON-RPC http://%s:%d, contract %s (Ctrl-C stops it)"
            .formatted(config.rpcHost(), node.rpcPort(), config.contract().toHex()));
  }

  OperatorConfig config() {
    BigInteger maxFee;
    try {
      maxFee = Amounts.parseEth(maxGasPrice);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), "Invalid --max-gas-price: " + e.getMessage());
    }
    try {
      return OperatorConfig.builder(l1.l1(), contract(), dataDir())
          .rpcHost(rpcHost)
          .rpcPort(rpcPort)
          .blockInterval(blockInterval)
          .depositConfirmations(depositConfirmations)
          .commitConfirmations(commitConfirmations)
          .l1PollInterval(l1PollInterval)
          .l1StartBlock(l1StartBlock)
          .maxGasPrice(maxFee)
          .rpcRequestsPerSecond(rpcRateLimit)
          .rpcLimits(rpcLimits())
          .maxPendingVerifications(maxPendingVerifications)
          .checkDb(checkDb)
          .metrics(metrics())
          .feeSpecs(Optional.ofNullable(feeSpecs))
          .feeGrace(feeGrace)
          .feeClaimer(Optional.ofNullable(feeClaimer))
          .build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
