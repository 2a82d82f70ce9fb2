package io.plasmanode.node.cli;

import static com.google.common.base.Preconditions.checkArgument;

import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.node.watcher.ChallengerConfig;
import io.plasmanode.node.watcher.WatcherConfig;
import io.plasmanode.node.watcher.WatcherNode;
import io.plasmanode.node.watcher.WatcherTimings;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code plasma watcher}: runs a watcher daemon until it is stopped (SIGINT/SIGTERM). */
@Command(
    name = "watcher",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ConfigDefaultProvider.class,
    description = {
      "Runs a watcher: syncs child blocks from the operator, and from other watchers over p2p"
          + " (--peers) when the operator withholds them or is down, accepts each only if it"
          + " matches the root on L1, serves its validated blocks to its peers, re-validates it with its own UTXO set, follows exits on L1, and reports"
          + " invalid blocks, withheld blocks and invalid exits (docs/watcher-rpc.md).",
      "With a challenger key (--challenger-key-file, password from --password-file or"
          + " PLASMA_PASSWORD; or PLASMA_PRIVATE_KEY) it challenges invalid exits itself;"
          + " without one it only reports."
    },
    subcommands = WatcherStatusCommand.class,
    footer = ConfigDefaultProvider.FOOTER)
final class WatcherCommand extends DaemonCommand {
  @Mixin LogLevelOption logLevel;

  @Option(
      names = "--operator-rpc",
      paramLabel = "URL",
      defaultValue = WatcherConfig.DEFAULT_OPERATOR_RPC_TEXT,
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
              + " across reorgs that deep (default: ${DEFAULT-VALUE}; 0 only on a local test L1,"
              + " which never reorganises).")
  int finalityMargin;

  @Option(
      names = "--withholding-timeout",
      paramLabel = "DURATION",
      defaultValue = WatcherConfig.DEFAULT_WITHHOLDING_TIMEOUT_TEXT,
      converter = DurationConverter.class,
      description =
          "How long a block whose root is on L1 may stay unavailable before block_withholding"
              + " is raised (default: ${DEFAULT-VALUE}).")
  Duration withholdingTimeout;

  @Option(
      names = "--safety-margin",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "How long before an invalid exit matures it is reported as unchallenged_exit (users"
              + " must exit) if L1 still shows it unchallenged (default: 1d, at most a quarter of"
              + " the contract's exit period). It must leave time to challenge: safety margin +"
              + " challenge retry + 2 x (finality margin x L1 block time + poll interval) <= exit"
              + " period, or the watcher refuses to start.")
  Duration safetyMargin;

  @Option(
      names = "--challenge-retry-after",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "How long after a challenge that did not land (it would revert, or reverted) an exit"
              + " still active on L1 is challenged again; a challenge in flight is followed and"
              + " re-sent instead (default: 5m, at most a tenth of the contract's exit period).")
  Duration challengeRetryAfter;

  @Option(
      names = "--challenge-resend-blocks",
      paramLabel = "N",
      defaultValue = "" + ChallengerConfig.DEFAULT_RESEND_BLOCKS,
      description =
          "A challenge not mined after this many L1 blocks is re-sent with the same nonce and"
              + " higher fees (default: ${DEFAULT-VALUE}); one the L1 node dropped is re-sent"
              + " at once.")
  int challengeResendBlocks;

  @Option(
      names = "--challenge-urgent-margin",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "When an exit matures within this margin and its challenge is not mined, the challenge"
              + " is re-sent at every L1 block with doubled fees and an alarm is raised in"
              + " watcher_status (default: twice the safety margin, at least 10m, at most half"
              + " the contract's exit period).")
  Duration challengeUrgentMargin;

  @Option(
      names = "--challenge-max-fee",
      paramLabel = "AMOUNT",
      defaultValue = ChallengerConfig.DEFAULT_MAX_FEE_PER_GAS_TEXT,
      description =
          "Highest fee per gas for challenges (default: ${DEFAULT-VALUE}); at this cap a"
              + " challenge not mined waits and raises an alarm.")
  String challengeMaxFee;

  @Option(
      names = "--poll-interval",
      paramLabel = "DURATION",
      defaultValue = WatcherConfig.DEFAULT_POLL_INTERVAL_TEXT,
      converter = DurationConverter.class,
      description = "How often L1 and the operator are read (default: ${DEFAULT-VALUE}).")
  Duration pollInterval;

  @Option(
      names = "--p2p-host",
      paramLabel = "HOST",
      defaultValue = WatcherConfig.DEFAULT_P2P_HOST,
      description =
          "Interface the peer protocol listens on, where other watchers sync from this one"
              + " (default: ${DEFAULT-VALUE}).")
  String p2pHost;

  @Option(
      names = "--p2p-port",
      paramLabel = "PORT",
      defaultValue = "" + WatcherConfig.DEFAULT_P2P_PORT,
      description = "The peer protocol's port, 0 for a free one (default: ${DEFAULT-VALUE}).")
  int p2pPort;

  @Option(
      names = "--peers",
      paramLabel = "HOST:PORT,...",
      defaultValue = "",
      description =
          "Other watchers to dial and sync blocks from when the operator withholds them or is"
              + " down; each block is checked against its root on L1 (default: none).")
  String peers;

  @Override
  protected void run() {
    challengerConfig(Duration.ZERO, () -> Duration.ZERO); // its usage errors before any L1 read
    WatcherConfig config = config();
    ChallengerConfig challenger =
        challengerConfig(
            config.safetyMargin(),
            () -> start(() -> WatcherNode.exitPeriod(config.l1(), config.contract())));
    Optional<PrivateKey> key = loadKey();
    logLevel.apply();
    WatcherNode node = start(() -> WatcherNode.start(config, key, challenger));
    runUntilStopped(
        node,
        "watcher running: JSON-RPC http://%s:%d, p2p %s:%d, contract %s, %s (Ctrl-C stops it)"
            .formatted(
                config.rpcHost(),
                node.rpcPort(),
                config.p2pHost(),
                node.p2pPort(),
                config.contract().toHex(),
                key.isPresent() ? "challenging invalid exits" : "reporting only"));
  }

  /**
   * The watcher's configuration. Bad values are usage errors; the timings left to their defaults
   * are then scaled to the contract's exit period, read from L1 ({@link WatcherTimings}).
   */
  WatcherConfig config() {
    WatcherConfig given =
        config(
            Optional.ofNullable(safetyMargin).orElse(WatcherTimings.MAX_DEFAULT_SAFETY_MARGIN),
            Optional.ofNullable(challengeRetryAfter)
                .orElse(WatcherTimings.MAX_DEFAULT_CHALLENGE_RETRY));
    if (safetyMargin != null && challengeRetryAfter != null) {
      return given;
    }
    Duration exitPeriod = start(() -> WatcherNode.exitPeriod(given.l1(), given.contract()));
    return config(
        Optional.ofNullable(safetyMargin)
            .orElseGet(() -> WatcherTimings.defaultSafetyMargin(exitPeriod)),
        Optional.ofNullable(challengeRetryAfter)
            .orElseGet(() -> WatcherTimings.defaultChallengeRetry(exitPeriod)));
  }

  private WatcherConfig config(Duration safety, Duration challengeRetry) {
    try {
      return WatcherConfig.builder(l1.l1(), contract(), dataDir())
          .operatorRpc(operatorRpc)
          .rpcHost(rpcHost)
          .rpcPort(rpcPort)
          .finalityMargin(finalityMargin)
          .withholdingTimeout(withholdingTimeout)
          .safetyMargin(safety)
          .challengeRetryAfter(challengeRetry)
          .pollInterval(pollInterval)
          .l1StartBlock(l1StartBlock)
          .p2pHost(p2pHost)
          .p2pPort(p2pPort)
          .peers(peerAddresses(peers))
          .rpcLimits(rpcLimits())
          .metrics(metrics())
          .build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /**
   * The challenger's settings; a left-out urgent margin is scaled as {@link WatcherTimings} says,
   * from {@code safetyMargin} and the contract's exit period ({@code exitPeriod} reads it from L1).
   */
  ChallengerConfig challengerConfig(Duration safetyMargin, Supplier<Duration> exitPeriod) {
    Duration urgentMargin =
        Optional.ofNullable(challengeUrgentMargin)
            .orElseGet(() -> WatcherTimings.defaultUrgentMargin(exitPeriod.get(), safetyMargin));
    BigInteger maxFee;
    try {
      maxFee = Amounts.parseEth(challengeMaxFee);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), "Invalid --challenge-max-fee: " + e.getMessage());
    }
    try {
      return ChallengerConfig.of(challengeResendBlocks, urgentMargin, maxFee);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** {@code host:port,host:port,...}, resolved now so a typo fails at start. */
  static List<InetSocketAddress> peerAddresses(String list) {
    List<InetSocketAddress> addresses = new ArrayList<>();
    for (String entry : list.split(",")) {
      String peer = entry.strip();
      if (peer.isEmpty()) {
        continue;
      }
      int colon = peer.lastIndexOf(':');
      checkArgument(colon > 0, "--peers: '%s' is not host:port", peer);
      int port;
      try {
        port = Integer.parseInt(peer.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--peers: '" + peer + "' has no valid port");
      }
      checkArgument(port > 0 && port <= 65535, "--peers: port of '%s' out of range", peer);
      InetSocketAddress address = new InetSocketAddress(peer.substring(0, colon), port);
      checkArgument(!address.isUnresolved(), "--peers: cannot resolve the host of '%s'", peer);
      addresses.add(address);
    }
    return addresses;
  }

  private Optional<PrivateKey> loadKey() {
    if (challengerKeyFile == null && !environment().containsKey(KeySource.PRIVATE_KEY_ENV)) {
      return Optional.empty();
    }
    return Optional.of(keySource(challengerKeyFile).load());
  }
}
