package io.plasmanode.node.daemon;

import io.plasmanode.contracts.l1.L1Client;
import io.plasmanode.contracts.l1.L1Sender;
import io.plasmanode.contracts.l1.Web3jRootChain;
import io.plasmanode.contracts.l1.follow.L1EventFollower;
import io.plasmanode.contracts.l1.follow.L1FollowerConfig;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.fees.FeeTable;
import io.plasmanode.core.types.Address;
import io.plasmanode.node.api.OperatorStatus;
import io.plasmanode.node.commit.L1CommitChannel;
import io.plasmanode.node.commit.RootCommitter;
import io.plasmanode.node.commit.RootCommitterConfig;
import io.plasmanode.node.crypto.SignerRecoveries;
import io.plasmanode.node.explorer.ExplorerPages;
import io.plasmanode.node.metrics.L1EventCounter;
import io.plasmanode.node.metrics.MeteredSubmitter;
import io.plasmanode.node.metrics.MetricsEndpoint;
import io.plasmanode.node.metrics.OperatorMetrics;
import io.plasmanode.node.operator.BlockProducer;
import io.plasmanode.node.operator.BlockProducerConfig;
import io.plasmanode.node.operator.L1EventIngester;
import io.plasmanode.node.rpc.PlasmaRpcMethods;
import io.plasmanode.p2p.rpc.JsonRpcServer;
import io.plasmanode.p2p.rpc.JsonRpcServerConfig;
import io.plasmanode.storage.chain.ChainCheck;
import io.plasmanode.storage.chain.ChainCheckException;
import io.plasmanode.storage.chain.ChainCheckMode;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.chain.StoreFormat;
import io.plasmanode.storage.chain.TxJournal;
import io.plasmanode.storage.kv.LevelDbKeyValueStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator daemon, assembled: the LevelDB chain store, the block producer, the L1 event
 * ingester (deposits, exits), the root committer and the JSON-RPC server, started in that order
 * after the database has been reconciled with the contract, and stopped in reverse. A block root on
 * L1 that this operator did not produce, found by the committer, halts the producer at once.
 */
public final class OperatorNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorNode.class);

  private final OperatorConfig config;
  private final long chainId;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final MetricsEndpoint metricsEndpoint;
  private final OperatorMetrics metrics;
  private final OperatorFees fees;
  private ChainStore store;
  private BlockProducer producer;
  private L1EventFollower l1Events;
  private RootCommitter committer;
  private int rpcPort;

  private OperatorNode(OperatorConfig config, long chainId, OperatorFees fees) {
    this.config = config;
    this.chainId = chainId;
    this.fees = fees;
    this.metricsEndpoint = MetricsEndpoint.of(config.metrics());
    this.metrics = OperatorMetrics.register(metricsEndpoint.metrics());
  }

  /**
   * Starts an operator. Fails, with everything it had started stopped again, if L1 or the contract
   * cannot be reached, the key is not the contract's operator, the database is inconsistent ({@link
   * ChainCheckException}) or disagrees with the contract, or the data directory or port is in use;
   * first of all if the fee-specs file cannot be read or is malformed ({@link
   * io.plasmanode.node.fees.FeeSpecsException}).
   *
   * @param operatorKey the key of the contract's operator; used only to sign {@code submitBlock}
   *     (and, unless {@code --fee-claimer} says otherwise, the address its fee claims pay)
   */
  public static OperatorNode start(OperatorConfig config, PrivateKey operatorKey) {
    OperatorFees fees = OperatorFees.load(config, operatorKey.address());
    L1Client l1;
    try {
      l1 = L1Client.connect(config.l1());
    } catch (RuntimeException e) {
      fees.close();
      throw e;
    }
    long chainId;
    try {
      chainId = l1.requireDeployed(config.contract());
    } catch (RuntimeException e) {
      l1.close();
      fees.close();
      throw e;
    }
    OperatorNode node = new OperatorNode(config, chainId, fees);
    node.started.push(fees);
    node.started.push(l1::close);
    try {
      node.startServices(l1, operatorKey);
      return node;
    } catch (RuntimeException e) {
      node.close();
      throw e;
    }
  }

  private void startServices(L1Client l1, PrivateKey operatorKey) {
    Address operator = operatorKey.address();
    Path database = config.dataDir().resolve(ChainCheck.OPERATOR_DATABASE);
    LevelDbKeyValueStore kv = LevelDbKeyValueStore.open(database);
    started.push(kv);
    StoreFormat.requireCurrent(kv, database);
    checkDatabase(kv, database);
    store = new ChainStore(kv);
    startCommitter(L1Sender.of(l1, operatorKey, chainId));
    startProducer();
    startIngester(l1);
    startRpc();
    metrics.registerStatus(this::status);
    metricsEndpoint.start();
    started.push(metricsEndpoint);
    LOG.info(
        "Operator {} running contract {} on L1 chain {}: height {}, JSON-RPC http://{}:{}, data"
            + " dir {}",
        operator.toHex(),
        config.contract().toHex(),
        chainId,
        store.height(),
        config.rpcHost(),
        rpcPort,
        config.dataDir());
  }

  private void startCommitter(L1Sender operator) {
    committer =
        new RootCommitter(
            store,
            new L1CommitChannel(
                operator,
                config.contract(),
                L1CommitChannel.DEFAULT_GAS_LIMIT,
                config.l1StartBlock()),
            RootCommitterConfig.defaults()
                .withMaxGasPrice(config.maxGasPrice())
                .withCommitConfirmations(config.commitConfirmations()),
            Clock.systemUTC(),
            metrics);
    committer.start(); // reconciles first: refuses to run on a database of another chain
    started.push(committer);
  }

  /** Starts block production after the journal of acknowledged transactions is replayed. */
  private void startProducer() {
    TxJournal journal = TxJournal.open(config.dataDir().resolve("journal"));
    started.push(journal);
    Eip712Domain domain = new Eip712Domain(config.contract(), chainId);
    producer =
        new BlockProducer(
            store,
            journal,
            BlockProducerConfig.defaults(domain)
                .withBlockInterval(config.blockInterval())
                .withMaxPendingVerifications(config.maxPendingVerifications())
                .withFees(fees.blockFees()),
            Clock.systemUTC(),
            metrics);
    producer.addBlockListener(committer::onBlockClosed);
    producer.addBlockListener(fees.collected()::stored);
    committer.addForeignRootListener(foreign -> producer.haltProduction(foreign.alarm()));
    started.push(producer); // closed if start() refuses the journal
    producer.start();
  }

  private void startIngester(L1Client l1) {
    Web3jRootChain chain = Web3jRootChain.readOnly(l1, config.contract());
    l1Events =
        new L1EventFollower(
            chain,
            new L1EventCounter(new L1EventIngester(chain, store, producer), metrics.l1Events()),
            L1FollowerConfig.defaults(config.l1StartBlock())
                .withConfirmations(config.depositConfirmations())
                .withPollInterval(config.l1PollInterval()),
            Clock.systemUTC());
    l1Events.start();
    started.push(l1Events);
  }

  private void startRpc() {
    ExplorerPages explorer =
        ExplorerPages.operator(
            store,
            this::status,
            new Eip712Domain(config.contract(), chainId),
            SignerRecoveries.best(),
            Clock.systemUTC());
    JsonRpcServer rpc =
        new JsonRpcServer(
            PlasmaRpcMethods.create(
                store,
                new MeteredSubmitter(producer, metrics),
                this::status,
                fees.schedule()::current),
            Optional.of(explorer));
    rpcPort =
        rpc.start(
            JsonRpcServerConfig.defaults()
                .withHost(config.rpcHost())
                .withPort(config.rpcPort())
                .withRequestsPerSecond(config.rpcRequestsPerSecond())
                .withLimits(config.rpcLimits()));
    started.push(rpc);
  }

  /**
   * Runs the configured integrity check before anything reads or writes the database.
   *
   * @throws ChainCheckException naming the problems, if it finds any
   */
  private void checkDatabase(LevelDbKeyValueStore kv, Path database) {
    if (config.checkDb() == ChainCheckMode.OFF) {
      LOG.warn("Database integrity check skipped (--check-db=off)");
      return;
    }
    ChainCheck.requireConsistent(kv, database, config.checkDb());
  }

  /** The port the JSON-RPC server listens on. */
  public int rpcPort() {
    return rpcPort;
  }

  /** Where the metrics are served; empty when metrics are off. */
  public Optional<URI> metricsUrl() {
    return metricsEndpoint.url();
  }

  public long chainId() {
    return chainId;
  }

  /** The fees it charges now (its fee-specs file as last read); none without the file. */
  public FeeTable fees() {
    return fees.schedule().current();
  }

  /** What {@code plasma_status} reports. */
  public OperatorStatus status() {
    List<String> alarms = new ArrayList<>();
    producer.alarm().ifPresent(alarms::add);
    fees.alarm().ifPresent(alarms::add);
    l1Events.alarms().forEach(alarm -> alarms.add("L1 events: " + alarm));
    alarms.addAll(committer.status().alarms());
    return new OperatorStatus(
        store.height(),
        committer.status().lastCommittedBlock(),
        store.lastL1Block().orElse(-1),
        l1Events.l1Head(),
        producer.mempoolSize(),
        producer.openBlknum(),
        config.contract(),
        chainId,
        alarms,
        producer.lastClosedBlock(),
        fees.status(store));
  }

  /**
   * Stops the services in reverse order. The producer closes its open block first, so graceful
   * shutdown loses nothing; the root committer submits that block at the next start.
   */
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
