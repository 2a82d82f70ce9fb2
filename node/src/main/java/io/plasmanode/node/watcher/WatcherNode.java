package io.plasmanode.node.watcher;

import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.plasmanode.contracts.l1.L1Client;
import io.plasmanode.contracts.l1.L1Sender;
import io.plasmanode.contracts.l1.Web3jRootChain;
import io.plasmanode.contracts.l1.follow.L1EventFollower;
import io.plasmanode.contracts.l1.follow.L1FollowerConfig;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.eip712.SignatureChecker;
import io.plasmanode.core.types.Address;
import io.plasmanode.exitgame.BlockValidator;
import io.plasmanode.exitgame.ExitGameConfig;
import io.plasmanode.exitgame.SpendCollector;
import io.plasmanode.exitgame.inflight.InFlightExitConfig;
import io.plasmanode.node.api.WatcherStatus;
import io.plasmanode.node.crypto.SignerRecoveries;
import io.plasmanode.node.explorer.ExplorerPages;
import io.plasmanode.node.metrics.L1EventCounter;
import io.plasmanode.node.metrics.MetricsEndpoint;
import io.plasmanode.node.metrics.WatcherMetrics;
import io.plasmanode.node.rpc.WatcherRpcMethods;
import io.plasmanode.p2p.rpc.JsonRpcServer;
import io.plasmanode.p2p.rpc.JsonRpcServerConfig;
import io.plasmanode.p2p.sync.PeerInfo;
import io.plasmanode.p2p.sync.PeerNode;
import io.plasmanode.p2p.sync.SyncConfig;
import io.plasmanode.p2p.sync.SyncListener;
import io.plasmanode.storage.chain.ChainCheck;
import io.plasmanode.storage.chain.ChainCheckMode;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.chain.StoreFormat;
import io.plasmanode.storage.kv.LevelDbKeyValueStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watcher daemon, assembled: its LevelDB (validated chain and watcher state), the L1 reader
 * and, with a challenger key, the L1 challenger, the block sources (the operator, then peers over
 * p2p, to which it serves its validated blocks), the loop ({@link Watcher#step()} every poll
 * interval on one thread) and the JSON-RPC server; stopped in reverse.
 */
public final class WatcherNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WatcherNode.class);

  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration P2P_FETCH_TIMEOUT = Duration.ofSeconds(10);

  private final WatcherConfig config;
  private final ChallengerConfig challengerConfig;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final Clock clock = Clock.systemUTC();
  private Watcher watcher;
  private L1EventFollower l1Events;
  private PeerNode peerNode;
  private MetricsEndpoint metricsEndpoint;
  private WatcherMetrics metrics;
  private int rpcPort;
  private int p2pPort;

  private WatcherNode(WatcherConfig config, ChallengerConfig challengerConfig) {
    this.config = config;
    this.challengerConfig = challengerConfig;
  }

  /**
   * Starts a watcher. Fails, with everything it had started stopped again, if L1 or the contract
   * cannot be reached, or the data directory or port is in use.
   *
   * @param challengerKey the key that pays for challenges; without one the watcher only reports
   */
  public static WatcherNode start(WatcherConfig config, Optional<PrivateKey> challengerKey) {
    return start(config, challengerKey, ChallengerConfig.defaults());
  }

  /**
   * Starts a watcher whose challenges are sent and re-sent as {@code challengerConfig} says.
   *
   * @param challengerKey the key that pays for challenges; without one the watcher only reports
   */
  public static WatcherNode start(
      WatcherConfig config, Optional<PrivateKey> challengerKey, ChallengerConfig challengerConfig) {
    WatcherNode node = new WatcherNode(config, challengerConfig);
    try {
      node.startServices(challengerKey);
      return node;
    } catch (RuntimeException e) {
      node.close();
      throw e;
    }
  }

  private void startServices(Optional<PrivateKey> challengerKey) {
    L1Client l1 = L1Client.connect(config.l1());
    started.push(l1::close);
    long chainId = l1.requireDeployed(config.contract());
    Web3jRootChain reader = Web3jRootChain.readOnly(l1, config.contract());
    requireFittingTimings(l1, reader);
    Path database = config.dataDir().resolve(ChainCheck.WATCHER_DATABASE);
    LevelDbKeyValueStore kv = LevelDbKeyValueStore.open(database);
    started.push(kv);
    StoreFormat.requireCurrent(kv, database);
    ChainCheck.requireConsistent(kv, database, ChainCheckMode.QUICK);
    ChainStore chain = new ChainStore(kv);
    metricsEndpoint = MetricsEndpoint.of(config.metrics());
    metrics = WatcherMetrics.register(metricsEndpoint.metrics(), chain.height());
    RemoteBlockSource operator = new OperatorBlockSource(config.operatorRpc());
    started.push(operator);
    RemoteBlockSource peers = createPeerNode(chainId, chain);
    SyncExecutors sync = SyncExecutors.start();
    started.push(sync);
    watcher =
        assemble(l1, reader, chainId, chain, kv, List.of(operator, peers), challengerKey, sync);
    p2pPort = peerNode.start();
    startLoop();
    startRpc(chain, chainId);
    metrics.registerStatus(watcher::status);
    metricsEndpoint.start();
    started.push(metricsEndpoint);
    LOG.info(
        "Watcher of contract {} on L1 chain {}: synced to block {}, blocks from {} then {}"
            + " peers (p2p {}:{}), JSON-RPC http://{}:{}, {}, data dir {}",
        config.contract().toHex(),
        chainId,
        chain.height(),
        operator.name(),
        config.peers().size(),
        config.p2pHost(),
        p2pPort,
        config.rpcHost(),
        rpcPort,
        challengerKey.isPresent()
            ? "challenging invalid exits"
            : "reporting only (no challenger key)",
        config.dataDir());
  }

  /** The p2p node serving this watcher's validated blocks; returns the block source it gives. */
  private RemoteBlockSource createPeerNode(long chainId, ChainStore chain) {
    SyncConfig sync =
        SyncConfig.defaults(chainId, config.contract()).toBuilder()
            .host(config.p2pHost())
            .port(config.p2pPort())
            .peers(config.peers())
            .build();
    peerNode = new PeerNode(sync, new ValidatedServedBlocks(chain), new SyncListener() {}, clock);
    started.push(peerNode);
    return new P2pBlockSource(peerNode, sync.maxBlocksPerRequest(), P2P_FETCH_TIMEOUT);
  }

  private void startRpc(ChainStore chain, long chainId) {
    ExplorerPages explorer =
        ExplorerPages.watcher(
            chain,
            watcher,
            watcher.inFlightQueries(),
            new Eip712Domain(config.contract(), chainId),
            SignerRecoveries.best(),
            clock);
    JsonRpcServer rpc =
        new JsonRpcServer(
            WatcherRpcMethods.create(chain, watcher, watcher.inFlightQueries()),
            Optional.of(explorer));
    rpcPort =
        rpc.start(
            JsonRpcServerConfig.defaults()
                .withHost(config.rpcHost())
                .withPort(config.rpcPort())
                .withLimits(config.rpcLimits()));
    started.push(rpc);
  }

  /**
   * Refuses timings that do not fit the contract's exit period ({@link WatcherTimings}).
   *
   * @throws IllegalStateException naming the option to change and a value that fits
   */
  private void requireFittingTimings(L1Client l1, Web3jRootChain reader) {
    Duration exitPeriod = reader.minExitPeriod();
    Duration blockTime = L1Timings.recentBlockTime(l1, reader.l1Height());
    WatcherTimings.misfit(config, exitPeriod, blockTime)
        .ifPresent(
            problem -> {
              throw new IllegalStateException("refusing to start: " + problem);
            });
    WatcherTimings.withholdingWarning(config, exitPeriod, blockTime).ifPresent(LOG::warn);
    LOG.info(
        "Exit period {} on L1 (blocks every ~{}): safety margin {}, challenge retry {}",
        WatcherTimings.format(exitPeriod),
        WatcherTimings.format(blockTime),
        WatcherTimings.format(config.safetyMargin()),
        WatcherTimings.format(config.challengeRetryAfter()));
  }

  /**
   * The exit period of the contract at {@code contract} on {@code l1}: what the timing defaults
   * scale with ({@link WatcherTimings}).
   */
  public static Duration exitPeriod(URI l1, Address contract) {
    try (L1Client client = L1Client.connect(l1)) {
      client.requireDeployed(contract);
      return Web3jRootChain.readOnly(client, contract).minExitPeriod();
    }
  }

  private Watcher assemble(
      L1Client l1,
      Web3jRootChain reader,
      long chainId,
      ChainStore chain,
      LevelDbKeyValueStore kv,
      List<RemoteBlockSource> sources,
      Optional<PrivateKey> challengerKey,
      SyncExecutors sync) {
    Eip712Domain domain = new Eip712Domain(config.contract(), chainId);
    WatcherStore store = new WatcherStore(kv);
    WatcherAnchor.check(chain, store, config.contract(), reader::block);
    WatcherState state = state(store, reader, chain);
    L1EventApplier events = new L1EventApplier(reader, l1::blockTime, chain, store, state, clock);
    L1EventFollower follower =
        new L1EventFollower(
            reader,
            new L1EventCounter(events, metrics.l1Events()),
            L1FollowerConfig.defaults(config.l1StartBlock())
                .withConfirmations(config.finalityMargin())
                .withPollInterval(config.pollInterval()),
            clock);
    l1Events = follower;
    BlockSyncer syncer =
        new BlockSyncer(
            chain,
            store,
            state,
            sources,
            new BlockValidator(new SignatureChecker(domain, SignerRecoveries.best())),
            clock,
            events::highestRoot,
            this::validated,
            sync.prefetcher(),
            sync.blockWriter(),
            new SpendReader(
                chain, store, state, sources, new SpendCollector(domain, SignerRecoveries.best())));
    return new Watcher(
        chain,
        store,
        state,
        follower,
        syncer,
        exitChallenger(challengeChannel(l1, reader, chainId, challengerKey), kv, state, chain),
        new InFlightSetup(domain, SignerRecoveries.best(), events::highestRoot),
        () -> peerNode.peers().size(),
        clock);
  }

  private WatcherState state(WatcherStore store, Web3jRootChain reader, ChainStore chain) {
    return new WatcherState(
        store,
        new ExitGameConfig(config.safetyMargin(), config.challengeRetryAfter()),
        inFlightConfig(reader.minExitPeriod()),
        config.withholdingTimeout(),
        chain.height(),
        clock);
  }

  /**
   * The in-flight exit game's settings for the contract's exit period: canonicity challenges stop a
   * quarter of phase 1 (at most an hour) before it ends, the time an L1 tx needs to land.
   */
  private InFlightExitConfig inFlightConfig(Duration minExitPeriod) {
    return inFlightConfig(minExitPeriod, config.safetyMargin(), config.challengeRetryAfter());
  }

  /** See {@link #inFlightConfig(Duration)}; shared with tests. */
  static InFlightExitConfig inFlightConfig(
      Duration minExitPeriod, Duration safetyMargin, Duration challengeRetryAfter) {
    Duration phaseOne = Duration.ofSeconds(minExitPeriod.toSeconds() / 2);
    Duration landing = phaseOne.dividedBy(4);
    if (landing.compareTo(Duration.ofHours(1)) > 0) {
      landing = Duration.ofHours(1);
    }
    Duration margin = safetyMargin.compareTo(minExitPeriod) < 0 ? safetyMargin : phaseOne;
    return new InFlightExitConfig(minExitPeriod, landing, margin, challengeRetryAfter);
  }

  private ExitChallenger exitChallenger(
      Optional<ChallengeChannel> challenger,
      LevelDbKeyValueStore kv,
      WatcherState state,
      ChainStore chain) {
    return new ExitChallenger(
        challenger,
        new ChallengeStore(kv),
        challengerConfig,
        config.finalityMargin(),
        state,
        new InFlightCallBuilder(chain),
        metrics.challengesSent());
  }

  /** The challenger's L1 channel, if the watcher has a challenger key. */
  private Optional<ChallengeChannel> challengeChannel(
      L1Client l1, Web3jRootChain reader, long chainId, Optional<PrivateKey> challengerKey) {
    return challengerKey.map(
        key ->
            new L1ChallengeChannel(
                L1Sender.of(l1, key, chainId),
                config.contract(),
                reader,
                challengerConfig.gasLimit()));
  }

  /** Tells the peers, once per sync round (announcing each block would flood them). */
  private void validated(long height) {
    metrics.validated(height);
    peerNode.publishHeight();
    peerNode.announce(height);
  }

  private void startLoop() {
    ScheduledExecutorService loop =
        Executors.newSingleThreadScheduledExecutor(
            new ThreadFactoryBuilder().setNameFormat("watcher").setDaemon(true).build());
    loop.scheduleWithFixedDelay(
        watcher::step, 0, config.pollInterval().toNanos(), TimeUnit.NANOSECONDS);
    started.push(
        () -> {
          // SHUTDOWN_TIMEOUT for its step to finish, then interrupted and as long again.
          if (!MoreExecutors.shutdownAndAwaitTermination(loop, SHUTDOWN_TIMEOUT.multipliedBy(2))) {
            LOG.warn("Watcher loop did not stop within {}", SHUTDOWN_TIMEOUT.multipliedBy(2));
          }
        });
    started.push(l1Events); // closed first: a long catch-up in the loop's step ends at its chunk
  }

  /** The port the JSON-RPC server listens on. */
  public int rpcPort() {
    return rpcPort;
  }

  /** Where the metrics are served; empty when metrics are off. */
  public Optional<URI> metricsUrl() {
    return metricsEndpoint.url();
  }

  /** The port the peer protocol listens on. */
  public int p2pPort() {
    return p2pPort;
  }

  /** The connected peers, with their heights and scores. */
  public List<PeerInfo> peers() {
    return peerNode.peers();
  }

  /** The running bans of peer addresses, until when. */
  public Map<String, Instant> peerBans() {
    return peerNode.bans();
  }

  /** What {@code watcher_status} reports. */
  public WatcherStatus status() {
    return watcher.status();
  }

  /** Stops the services in reverse order, the loop after its step in progress. */
  @Override
  public synchronized void close() {
    while (!started.isEmpty()) {
      AutoCloseable service = started.pop();
      try {
        service.close();
      } catch (Exception e) {
        LOG.warn("Error while stopping {}", service.getClass().getSimpleName(), e);
      }
    }
  }
}
