package io.plasmanode.node.watcher;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.types.Address;
import io.plasmanode.node.daemon.OperatorConfig;
import io.plasmanode.node.metrics.MetricsConfig;
import io.plasmanode.p2p.rpc.HttpServerLimits;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything the watcher daemon needs except its challenger key (kept apart so no configuration
 * dump can carry it). Build it with {@link #builder}: every setting but the L1 endpoint, the
 * contract and the data directory has a default here, and {@code plasma watcher}'s options show
 * these same defaults (the {@code _TEXT} constants are their command-line spelling).
 *
 * @param l1 the L1 JSON-RPC endpoint
 * @param contract the Plasma contract the watched chain commits to
 * @param operatorRpc the operator's JSON-RPC API, the first block source (peers come next)
 * @param dataDir where the watcher's LevelDB lives ({@code dataDir/watcher})
 * @param rpcHost the interface the watcher's JSON-RPC API binds to
 * @param rpcPort the watcher's JSON-RPC port (0 picks a free one)
 * @param finalityMargin L1 events are read once this many L1 blocks are on top of theirs, so they
 *     are safe across reorgs up to that depth (0 on a devnet)
 * @param withholdingTimeout how long after a root appears on L1 its block may stay unavailable
 *     before {@code block_withholding} is raised
 * @param safetyMargin how long before an invalid exit matures it is reported as {@code
 *     unchallenged_exit} if still unchallenged
 * @param challengeRetryAfter how long after a challenge that did not land (it would revert, or
 *     reverted) an exit still active on L1 is challenged again; a challenge in flight is followed
 *     and re-sent by the {@code ChallengeTracker} instead
 * @param pollInterval how often the watcher reads L1, syncs blocks and plays the exit game
 * @param l1StartBlock the first L1 block to read (the contract's deployment block)
 * @param p2pHost the interface the peer protocol listens on
 * @param p2pPort the peer protocol's port (0 picks a free one)
 * @param peers other watchers to dial and sync from (docs/p2p.md)
 * @param rpcLimits the JSON-RPC server's connection limits, request deadline and header limits
 * @param metrics where the Prometheus metrics are served; none by default (no metrics recorded)
 */
public record WatcherConfig(
    URI l1,
    Address contract,
    URI operatorRpc,
    Path dataDir,
    String rpcHost,
    int rpcPort,
    int finalityMargin,
    Duration withholdingTimeout,
    Duration safetyMargin,
    Duration challengeRetryAfter,
    Duration pollInterval,
    long l1StartBlock,
    String p2pHost,
    int p2pPort,
    List<InetSocketAddress> peers,
    HttpServerLimits rpcLimits,
    Optional<MetricsConfig> metrics) {
  public static final String DEFAULT_OPERATOR_RPC_TEXT =
      "http://127.0.0.1:" + OperatorConfig.DEFAULT_RPC_PORT;
  public static final String DEFAULT_RPC_HOST = "127.0.0.1";
  public static final int DEFAULT_RPC_PORT = 9657;
  public static final String DEFAULT_P2P_HOST = "127.0.0.1";
  public static final int DEFAULT_P2P_PORT = 9658;
  public static final int DEFAULT_FINALITY_MARGIN = 10;
  public static final String DEFAULT_WITHHOLDING_TIMEOUT_TEXT = "60s";
  public static final Duration DEFAULT_WITHHOLDING_TIMEOUT = Duration.ofSeconds(60);
  public static final long DEFAULT_L1_START_BLOCK = OperatorConfig.DEFAULT_L1_START_BLOCK;
  public static final String DEFAULT_POLL_INTERVAL_TEXT = "2s";
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);

  public WatcherConfig {
    requireNonNull(l1, "l1");
    requireNonNull(contract, "contract");
    requireNonNull(operatorRpc, "operatorRpc");
    requireNonNull(dataDir, "dataDir");
    requireNonNull(rpcHost, "rpcHost");
    checkArgument(!contract.isZero(), "the contract address is zero");
    checkArgument(rpcPort >= 0 && rpcPort <= 65535, "rpc port %s out of range", rpcPort);
    checkArgument(finalityMargin >= 0, "finality margin must be >= 0, got %s", finalityMargin);
    checkArgument(withholdingTimeout.isPositive(), "withholding timeout must be positive");
    checkArgument(!safetyMargin.isNegative(), "safety margin must not be negative");
    checkArgument(challengeRetryAfter.isPositive(), "challenge retry must be positive");
    checkArgument(pollInterval.isPositive(), "poll interval must be positive");
    checkArgument(l1StartBlock >= 0, "L1 start block must be >= 0");
    requireNonNull(p2pHost, "p2pHost");
    checkArgument(p2pPort >= 0 && p2pPort <= 65535, "p2p port %s out of range", p2pPort);
    peers = List.copyOf(peers);
    requireNonNull(rpcLimits, "rpcLimits");
    requireNonNull(metrics, "metrics");
  }

  /**
   * A configuration watching {@code contract} with every other setting at its default; the safety
   * margin and challenge retry are those of a long exit period ({@link WatcherTimings}).
   */
  public static Builder builder(URI l1, Address contract, Path dataDir) {
    return new Builder(l1, contract, dataDir);
  }

  /** A builder holding this configuration, to change some settings of it. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Settings by name; {@link #build} validates them all. */
  public static final class Builder {
    private URI l1;
    private Address contract;
    private URI operatorRpc = URI.create(DEFAULT_OPERATOR_RPC_TEXT);
    private Path dataDir;
    private String rpcHost = DEFAULT_RPC_HOST;
    private int rpcPort = DEFAULT_RPC_PORT;
    private int finalityMargin = DEFAULT_FINALITY_MARGIN;
    private Duration withholdingTimeout = DEFAULT_WITHHOLDING_TIMEOUT;
    private Duration safetyMargin = WatcherTimings.MAX_DEFAULT_SAFETY_MARGIN;
    private Duration challengeRetryAfter = WatcherTimings.MAX_DEFAULT_CHALLENGE_RETRY;
    private Duration pollInterval = DEFAULT_POLL_INTERVAL;
    private long l1StartBlock = DEFAULT_L1_START_BLOCK;
    private String p2pHost = DEFAULT_P2P_HOST;
    private int p2pPort = DEFAULT_P2P_PORT;
    private List<InetSocketAddress> peers = List.of();
    private HttpServerLimits rpcLimits = HttpServerLimits.defaults();
    private Optional<MetricsConfig> metrics = Optional.empty();

    private Builder(URI l1, Address contract, Path dataDir) {
      this.l1 = l1;
      this.contract = contract;
      this.dataDir = dataDir;
    }

    private Builder(WatcherConfig config) {
      this(config.l1, config.contract, config.dataDir);
      operatorRpc = config.operatorRpc;
      rpcHost = config.rpcHost;
      rpcPort = config.rpcPort;
      finalityMargin = config.finalityMargin;
      withholdingTimeout = config.withholdingTimeout;
      safetyMargin = config.safetyMargin;
      challengeRetryAfter = config.challengeRetryAfter;
      pollInterval = config.pollInterval;
      l1StartBlock = config.l1StartBlock;
      p2pHost = config.p2pHost;
      p2pPort = config.p2pPort;
      peers = config.peers;
      rpcLimits = config.rpcLimits;
      metrics = config.metrics;
    }

    public Builder l1(URI value) {
      l1 = value;
      return this;
    }

    public Builder contract(Address value) {
      contract = value;
      return this;
    }

    public Builder operatorRpc(URI value) {
      operatorRpc = value;
      return this;
    }

    public Builder dataDir(Path value) {
      dataDir = value;
      return this;
    }

    public Builder rpcHost(String value) {
      rpcHost = value;
      return this;
    }

    public Builder rpcPort(int value) {
      rpcPort = value;
      return this;
    }

    public Builder finalityMargin(int value) {
      finalityMargin = value;
      return this;
    }

    public Builder withholdingTimeout(Duration value) {
      withholdingTimeout = value;
      return this;
    }

    public Builder safetyMargin(Duration value) {
      safetyMargin = value;
      return this;
    }

    public Builder challengeRetryAfter(Duration value) {
      challengeRetryAfter = value;
      return this;
    }

    public Builder pollInterval(Duration value) {
      pollInterval = value;
      return this;
    }

    public Builder l1StartBlock(long value) {
      l1StartBlock = value;
      return this;
    }

    public Builder p2pHost(String value) {
      p2pHost = value;
      return this;
    }

    public Builder p2pPort(int value) {
      p2pPort = value;
      return this;
    }

    public Builder peers(List<InetSocketAddress> value) {
      peers = value;
      return this;
    }

    public Builder rpcLimits(HttpServerLimits value) {
      rpcLimits = value;
      return this;
    }

    /** Serves metrics as {@code value} says; empty: none. */
    public Builder metrics(Optional<MetricsConfig> value) {
      metrics = value;
      return this;
    }

    /**
     * The configuration.
     *
     * @throws IllegalArgumentException naming the first setting out of range
     */
    public WatcherConfig build() {
      return new WatcherConfig(
          l1,
          contract,
          operatorRpc,
          dataDir,
          rpcHost,
          rpcPort,
          finalityMargin,
          withholdingTimeout,
          safetyMargin,
          challengeRetryAfter,
          pollInterval,
          l1StartBlock,
          p2pHost,
          p2pPort,
          peers,
          rpcLimits,
          metrics);
    }
  }
}
