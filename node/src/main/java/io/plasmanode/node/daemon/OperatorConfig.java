package io.plasmanode.node.daemon;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.types.Address;
import io.plasmanode.node.commit.RootCommitterConfig;
import io.plasmanode.node.metrics.MetricsConfig;
import io.plasmanode.node.operator.BlockProducerConfig;
import io.plasmanode.p2p.rpc.HttpServerLimits;
import io.plasmanode.storage.chain.ChainCheckMode;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything the operator daemon needs except its key (kept apart so that no configuration dump or
 * {@code toString()} can ever carry it). Build it with {@link #builder}: every setting but the L1
 * endpoint, the contract and the data directory has a default here, and {@code plasma operator}'s
 * options show these same defaults (the {@code _TEXT} constants are their command-line spelling).
 *
 * @param l1 the L1 JSON-RPC endpoint
 * @param contract the Plasma contract this operator runs
 * @param dataDir where the LevelDB chain database lives ({@code dataDir/chain})
 * @param rpcHost the interface the JSON-RPC server binds to (loopback by default)
 * @param rpcPort the JSON-RPC port (0 picks a free one)
 * @param blockInterval how often a non-empty block closes
 * @param depositConfirmations L1 blocks a deposit must be buried under before it is credited
 * @param commitConfirmations L1 blocks a root submission must be buried under before its block
 *     counts as committed (until then a reorganisation that drops it makes the node re-send it)
 * @param l1PollInterval how often L1 is read for new events
 * @param l1StartBlock the first L1 block to read events from (the contract's deployment block)
 * @param maxGasPrice the highest fee per gas the root committer will pay
 * @param rpcRequestsPerSecond the JSON-RPC server's request rate limit (all clients together)
 * @param rpcLimits the JSON-RPC server's connection limits, request deadline and header limits
 * @param maxPendingVerifications transactions that may wait for signature checks; beyond it
 *     submissions are answered {@code operator_busy} at once
 * @param checkDb the database integrity check run at start, before anything else uses the database
 *     ({@link ChainCheckMode#QUICK} by default)
 * @param metrics where the Prometheus metrics are served; none by default (no metrics recorded)
 * @param feeSpecs the fee-specs file (reloaded when it changes); none by default: no fees
 * @param feeGrace how long the fee table a changed file replaced stays accepted (30 s by default)
 * @param feeClaimer who the blocks' fee claims pay; the operator's address by default
 */
public record OperatorConfig(
    URI l1,
    Address contract,
    Path dataDir,
    String rpcHost,
    int rpcPort,
    Duration blockInterval,
    int depositConfirmations,
    int commitConfirmations,
    Duration l1PollInterval,
    long l1StartBlock,
    BigInteger maxGasPrice,
    int rpcRequestsPerSecond,
    HttpServerLimits rpcLimits,
    int maxPendingVerifications,
    ChainCheckMode checkDb,
    Optional<MetricsConfig> metrics,
    Optional<Path> feeSpecs,
    Duration feeGrace,
    Optional<Address> feeClaimer) {
  public static final String DEFAULT_RPC_HOST = "127.0.0.1";
  public static final int DEFAULT_RPC_PORT = 9656;
  public static final String DEFAULT_BLOCK_INTERVAL_TEXT = "2s";
  public static final Duration DEFAULT_BLOCK_INTERVAL = Duration.ofSeconds(2);
  public static final int DEFAULT_DEPOSIT_CONFIRMATIONS = 10;
  public static final int DEFAULT_COMMIT_CONFIRMATIONS =
      RootCommitterConfig.DEFAULT_COMMIT_CONFIRMATIONS;
  public static final long DEFAULT_L1_START_BLOCK = 0;
  public static final String DEFAULT_L1_POLL_INTERVAL_TEXT = "2s";
  public static final Duration DEFAULT_L1_POLL_INTERVAL = Duration.ofSeconds(2);
  public static final String DEFAULT_MAX_GAS_PRICE_TEXT = "500gwei";
  public static final BigInteger DEFAULT_MAX_GAS_PRICE = BigInteger.valueOf(500_000_000_000L);
  public static final int DEFAULT_RPC_REQUESTS_PER_SECOND = 5_000;
  public static final int DEFAULT_MAX_PENDING_VERIFICATIONS =
      BlockProducerConfig.DEFAULT_MAX_PENDING_VERIFICATIONS;
  public static final String DEFAULT_CHECK_DB_TEXT = "quick";
  public static final ChainCheckMode DEFAULT_CHECK_DB = ChainCheckMode.QUICK;
  public static final String DEFAULT_FEE_GRACE_TEXT = "30s";
  public static final Duration DEFAULT_FEE_GRACE = Duration.ofSeconds(30);

  public OperatorConfig {
    requireNonNull(l1, "l1");
    requireNonNull(contract, "contract");
    requireNonNull(dataDir, "dataDir");
    requireNonNull(rpcHost, "rpcHost");
    requireNonNull(blockInterval, "blockInterval");
    requireNonNull(l1PollInterval, "l1PollInterval");
    requireNonNull(maxGasPrice, "maxGasPrice");
    requireNonNull(rpcLimits, "rpcLimits");
    checkArgument(!contract.isZero(), "the contract address is zero");
    checkArgument(rpcPort >= 0 && rpcPort <= 65535, "rpc port %s out of range", rpcPort);
    checkArgument(depositConfirmations >= 0, "deposit confirmations must be >= 0");
    checkArgument(commitConfirmations >= 0, "commit confirmations must be >= 0");
    checkArgument(l1StartBlock >= 0, "L1 start block must be >= 0");
    checkArgument(rpcRequestsPerSecond > 0, "rpc requests per second must be positive");
    checkArgument(maxPendingVerifications > 0, "max pending verifications must be positive");
    requireNonNull(checkDb, "checkDb");
    requireNonNull(metrics, "metrics");
    requireNonNull(feeSpecs, "feeSpecs");
    requireNonNull(feeGrace, "feeGrace");
    requireNonNull(feeClaimer, "feeClaimer");
    checkArgument(!feeGrace.isNegative(), "the fee grace period must be >= 0, got %s", feeGrace);
    feeClaimer.ifPresent(
        claimer -> checkArgument(!claimer.isZero(), "the fee claimer is the zero address"));
  }

  /**
   * A configuration of the operator of {@code contract} with every other setting at its default.
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
    private Path dataDir;
    private String rpcHost = DEFAULT_RPC_HOST;
    private int rpcPort = DEFAULT_RPC_PORT;
    private Duration blockInterval = DEFAULT_BLOCK_INTERVAL;
    private int depositConfirmations = DEFAULT_DEPOSIT_CONFIRMATIONS;
    private int commitConfirmations = DEFAULT_COMMIT_CONFIRMATIONS;
    private Duration l1PollInterval = DEFAULT_L1_POLL_INTERVAL;
    private long l1StartBlock = DEFAULT_L1_START_BLOCK;
    private BigInteger maxGasPrice = DEFAULT_MAX_GAS_PRICE;
    private int rpcRequestsPerSecond = DEFAULT_RPC_REQUESTS_PER_SECOND;
    private HttpServerLimits rpcLimits = HttpServerLimits.defaults();
    private int maxPendingVerifications = DEFAULT_MAX_PENDING_VERIFICATIONS;
    private ChainCheckMode checkDb = DEFAULT_CHECK_DB;
    private Optional<MetricsConfig> metrics = Optional.empty();
    private Optional<Path> feeSpecs = Optional.empty();
    private Duration feeGrace = DEFAULT_FEE_GRACE;
    private Optional<Address> feeClaimer = Optional.empty();

    private Builder(URI l1, Address contract, Path dataDir) {
      this.l1 = l1;
      this.contract = contract;
      this.dataDir = dataDir;
    }

    private Builder(OperatorConfig config) {
      this(config.l1, config.contract, config.dataDir);
      rpcHost = config.rpcHost;
      rpcPort = config.rpcPort;
      blockInterval = config.blockInterval;
      depositConfirmations = config.depositConfirmations;
      commitConfirmations = config.commitConfirmations;
      l1PollInterval = config.l1PollInterval;
      l1StartBlock = config.l1StartBlock;
      maxGasPrice = config.maxGasPrice;
      rpcRequestsPerSecond = config.rpcRequestsPerSecond;
      rpcLimits = config.rpcLimits;
      maxPendingVerifications = config.maxPendingVerifications;
      checkDb = config.checkDb;
      metrics = config.metrics;
      feeSpecs = config.feeSpecs;
      feeGrace = config.feeGrace;
      feeClaimer = config.feeClaimer;
    }

    public Builder l1(URI value) {
      l1 = value;
      return this;
    }

    public Builder contract(Address value) {
      contract = value;
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

    public Builder blockInterval(Duration value) {
      blockInterval = value;
      return this;
    }

    public Builder depositConfirmations(int value) {
      depositConfirmations = value;
      return this;
    }

    public Builder commitConfirmations(int value) {
      commitConfirmations = value;
      return this;
    }

    public Builder l1PollInterval(Duration value) {
      l1PollInterval = value;
      return this;
    }

    public Builder l1StartBlock(long value) {
      l1StartBlock = value;
      return this;
    }

    public Builder maxGasPrice(BigInteger value) {
      maxGasPrice = value;
      return this;
    }

    public Builder rpcRequestsPerSecond(int value) {
      rpcRequestsPerSecond = value;
      return this;
    }

    public Builder rpcLimits(HttpServerLimits value) {
      rpcLimits = value;
      return this;
    }

    public Builder maxPendingVerifications(int value) {
      maxPendingVerifications = value;
      return this;
    }

    public Builder checkDb(ChainCheckMode value) {
      checkDb = value;
      return this;
    }

    /** Serves metrics as {@code value} says; empty: none. */
    public Builder metrics(Optional<MetricsConfig> value) {
      metrics = value;
      return this;
    }

    /** The fee-specs file; empty: no fees. */
    public Builder feeSpecs(Optional<Path> value) {
      feeSpecs = value;
      return this;
    }

    public Builder feeGrace(Duration value) {
      feeGrace = value;
      return this;
    }

    /** Who the fee claims pay; empty: the operator. */
    public Builder feeClaimer(Optional<Address> value) {
      feeClaimer = value;
      return this;
    }

    /**
     * The configuration.
     *
     * @throws IllegalArgumentException naming the first setting out of range
     */
    public OperatorConfig build() {
      return new OperatorConfig(
          l1,
          contract,
          dataDir,
          rpcHost,
          rpcPort,
          blockInterval,
          depositConfirmations,
          commitConfirmations,
          l1PollInterval,
          l1StartBlock,
          maxGasPrice,
          rpcRequestsPerSecond,
          rpcLimits,
          maxPendingVerifications,
          checkDb,
          metrics,
          feeSpecs,
          feeGrace,
          feeClaimer);
    }
  }
}
