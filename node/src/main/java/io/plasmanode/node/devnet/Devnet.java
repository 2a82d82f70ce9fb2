package io.plasmanode.node.devnet;

import static com.google.common.base.Preconditions.checkArgument;

import io.plasmanode.contracts.anvil.AnvilProcess;
import io.plasmanode.contracts.l1.Bonds;
import io.plasmanode.contracts.l1.L1Client;
import io.plasmanode.core.fees.FeeTable;
import io.plasmanode.core.types.Address;
import io.plasmanode.node.daemon.OperatorConfig;
import io.plasmanode.node.daemon.OperatorNode;
import io.plasmanode.node.metrics.MetricsConfig;
import io.plasmanode.node.watcher.WatcherNode;
import io.plasmanode.p2p.rpc.JsonRpcClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole chain on this machine: anvil on 127.0.0.1 mining a block every {@code l1BlockTime} as
 * well as on each transaction (its state kept in the devnet directory), the Plasma contract with a
 * short exit period, the DEV test token, the operator, a watcher that challenges invalid exits with
 * the challenger account's key, and demo accounts with keystores and ready-made CLI config files. A
 * second start resumes (same L1 state, same databases); when the L1 state is gone the contracts are
 * redeployed and the databases reset with it.
 */
public final class Devnet implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Devnet.class);

  /** The password of every devnet keystore: these keys are anvil's public test keys anyway. */
  public static final String PASSWORD = DevnetAccounts.PASSWORD;

  static final String MARKER = "devnet.properties";

  /** The admin method of a byzantine devnet's operator endpoint that arms its cheat. */
  public static final String WITHHOLD_NEXT_BLOCK = ByzantineOperator.WITHHOLD_NEXT_BLOCK;

  /**
   * The devnet's watcher: its JSON-RPC and peer-protocol ports (0 picks a free one).
   *
   * @param rpcPort the watcher's JSON-RPC port
   * @param p2pPort the port other watchers sync from
   */
  public record WatcherPorts(int rpcPort, int p2pPort) {}

  /**
   * @param dir the devnet's directory (anvil state, contract address, keystores, databases)
   * @param anvil the anvil executable
   * @param l1Port anvil's port
   * @param rpcPort the operator's JSON-RPC port
   * @param exitPeriod the contract's minimum exit period (of a new deployment)
   * @param bonds the contract's exit, in-flight exit and piggyback bonds in wei (of a new
   *     deployment)
   * @param blockInterval how often the operator closes a non-empty block
   * @param l1BlockTime how often anvil mines a block on its own (whole seconds), besides one per
   *     transaction; zero mines only on transactions (L1's clock then stands still)
   * @param watcher the watcher's ports; empty runs no watcher
   * @param reset start from scratch, deleting the directory's previous devnet
   * @param operatorMetrics where the operator serves its metrics; empty: none
   * @param watcherMetrics where the watcher serves its metrics; empty: none
   * @param fees whether payments pay the devnet's fee ({@code fee-specs.json}); false: no fees
   * @param byzantine for demonstrations only: the operator's endpoint is a {@link
   *     ByzantineOperator} in front of the operator's node, whose cheat ({@code plasma devnet
   *     cheat}) commits and withholds a block with a bogus output
   */
  public record Options(
      Path dir,
      Path anvil,
      int l1Port,
      int rpcPort,
      Duration exitPeriod,
      Bonds bonds,
      Duration blockInterval,
      Duration l1BlockTime,
      Optional<WatcherPorts> watcher,
      boolean reset,
      Optional<MetricsConfig> operatorMetrics,
      Optional<MetricsConfig> watcherMetrics,
      boolean fees,
      boolean byzantine) {
    public Options {
      checkArgument(
          !l1BlockTime.isNegative() && l1BlockTime.toMillis() % 1000 == 0,
          "the L1 block time must be whole seconds (0 to mine only on transactions), got %s",
          l1BlockTime);
      checkArgument(
          watcher.isEmpty() || exitPeriod.compareTo(DevnetWatcherSettings.MIN_EXIT_PERIOD) >= 0,
          "an exit period of %s s leaves the devnet's watcher no time to challenge: use at least"
              + " --exit-period %ss, or --no-watcher",
          exitPeriod.toSeconds(),
          DevnetWatcherSettings.MIN_EXIT_PERIOD.toSeconds());
    }
  }

  private final Options options;
  private final List<AutoCloseable> started;
  private final AnvilProcess anvil;
  private final L1Client l1;
  private DevnetDeployment deployment;
  private OperatorNode operator;
  private Optional<WatcherNode> watcher = Optional.empty();
  private Optional<ByzantineOperator> byzantine = Optional.empty();

  private Devnet(Options options, AnvilProcess anvil) {
    this.options = options;
    this.anvil = anvil;
    this.l1 = L1Client.connect(URI.create(anvil.rpcUrl()));
    this.started = new ArrayList<>();
    started.add(anvil);
    started.add(l1);
  }

  /** Starts (or resumes) the devnet; everything it started is stopped again if a step fails. */
  public static Devnet start(Options options) {
    Path dir = options.dir().toAbsolutePath();
    if (options.reset()) {
      reset(dir);
    }
    DevnetFiles.createPrivateDirectory(dir);
    writeMarkerIfNew(dir);
    AnvilProcess anvil =
        AnvilProcess.start(options.anvil(), options.l1Port(), anvilArgs(dir, options));
    // Devnet.close() stops the watcher and the operator before anvil; anvil's own hook would race.
    anvil.removeShutdownHook();
    Devnet devnet = new Devnet(options, anvil);
    try {
      devnet.startServices(dir);
      return devnet;
    } catch (RuntimeException e) {
      devnet.close();
      throw e;
    }
  }

  private static String[] anvilArgs(Path dir, Options options) {
    List<String> args = new ArrayList<>();
    args.addAll(List.of("--state", dir.resolve("anvil-state.json").toString()));
    args.addAll(List.of("--state-interval", "2"));
    if (options.l1BlockTime().isPositive()) {
      // Interval mining moves L1's clock and height on their own; mixed mining keeps mining each
      // transaction at once, so nothing waits for the next interval.
      args.addAll(
          List.of("--block-time", "" + options.l1BlockTime().toSeconds(), "--mixed-mining"));
    }
    return args.toArray(String[]::new);
  }

  private void startServices(Path dir) {
    deployment =
        DevnetDeployment.deployOrResume(
            dir.resolve(MARKER),
            l1,
            options.exitPeriod(),
            options.bonds(),
            List.of(dir.resolve("operator"), dir.resolve("watcher"), dir.resolve("wallet")));
    DevnetAccounts.writeKeystores(dir);
    operator = OperatorNode.start(operatorConfig(dir), DevnetAccounts.OPERATOR.privateKey());
    started.add(operator);
    if (options.byzantine()) {
      byzantine = Optional.of(startByzantine());
    }
    if (options.watcher().isPresent()) {
      watcher = Optional.of(startWatcher(dir, options.watcher().get()));
      started.add(watcher.get());
    }
    DevnetAccounts.writeClientConfigs(
        dir, rpcUrl(), l1Url(), deployment.contract(), watcherRpcUrl());
  }

  private OperatorConfig operatorConfig(Path dir) {
    return OperatorConfig.builder(
            URI.create(anvil.rpcUrl()), deployment.contract(), dir.resolve("operator"))
        // A byzantine devnet's users reach the operator's node through the cheat, on rpcPort.
        .rpcPort(options.byzantine() ? 0 : options.rpcPort())
        .blockInterval(options.blockInterval())
        .depositConfirmations(0)
        .commitConfirmations(0)
        .l1PollInterval(Duration.ofMillis(500))
        .l1StartBlock(deployment.l1Block())
        .rpcRequestsPerSecond(10_000)
        .metrics(options.operatorMetrics())
        .feeSpecs(DevnetFees.specs(dir, options.fees()))
        .build();
  }

  /**
   * The watcher, with timings fitted to the contract's exit period (read from L1: a resumed devnet
   * keeps the period it was deployed with) and the challenger's key from its keystore file.
   */
  private WatcherNode startWatcher(Path dir, WatcherPorts ports) {
    DevnetWatcherSettings settings = DevnetWatcherSettings.forExitPeriod(deployment.exitPeriod());
    LOG.info(
        "Starting the devnet's watcher (as plasma watcher {}) in {}",
        settings.flags(),
        dir.resolve("watcher"));
    return WatcherNode.start(
        settings
            .config(
                URI.create(anvil.rpcUrl()),
                deployment.contract(),
                URI.create(rpcUrl()),
                dir.resolve("watcher"),
                ports.rpcPort(),
                ports.p2pPort(),
                deployment.l1Block())
            .toBuilder()
            .metrics(options.watcherMetrics())
            .build(),
        Optional.of(DevnetAccounts.loadKey(dir, DevnetAccounts.CHALLENGER)),
        settings.challengerConfig(deployment.exitPeriod()));
  }

  /**
   * The byzantine operator on the operator's port, in front of the operator's node (on a free
   * port), with the cheat that commits with the operator key and exits with a demo account's.
   */
  private ByzantineOperator startByzantine() {
    JsonRpcClient operatorNode =
        new JsonRpcClient(URI.create("http://127.0.0.1:" + operator.rpcPort()));
    started.add(operatorNode);
    WithholdingCheat cheat =
        new WithholdingCheat(
            l1,
            deployment.contract(),
            operator.chainId(),
            operatorNode,
            operator::status,
            options.blockInterval());
    ByzantineOperator front = ByzantineOperator.start(options.rpcPort(), operatorNode, cheat);
    started.add(front);
    LOG.warn(
        "Byzantine devnet: the operator's endpoint 127.0.0.1:{} can be told to cheat (plasma devnet"
            + " cheat); the operator's node listens on 127.0.0.1:{}",
        front.port(),
        operator.rpcPort());
    return front;
  }

  /** The operator's endpoint: its node's, or the byzantine operator's in front of it. */
  public String rpcUrl() {
    return "http://127.0.0.1:" + byzantine.map(ByzantineOperator::port).orElse(operator.rpcPort());
  }

  /** Whether the devnet runs with {@code --byzantine}. */
  public boolean byzantine() {
    return byzantine.isPresent();
  }

  public String l1Url() {
    return anvil.rpcUrl();
  }

  /** The watcher's JSON-RPC endpoint; empty when the devnet runs none. */
  public Optional<String> watcherRpcUrl() {
    return watcher.map(node -> "http://127.0.0.1:" + node.rpcPort());
  }

  public Address contract() {
    return deployment.contract();
  }

  /** The DEV ERC20 token minted to the demo users. */
  public Address token() {
    return deployment.token();
  }

  public OperatorNode operator() {
    return operator;
  }

  public Optional<WatcherNode> watcher() {
    return watcher;
  }

  /** What to print once the devnet runs: endpoints, accounts with their L1 balances, commands. */
  public String banner() {
    DevnetBanner.Endpoints endpoints =
        new DevnetBanner.Endpoints(
            l1Url(),
            rpcUrl(),
            byzantine(),
            "http://127.0.0.1:" + operator.rpcPort(),
            watcherRpcUrl());
    Optional<FeeTable> fees = options.fees() ? Optional.of(operator.fees()) : Optional.empty();
    return new DevnetBanner(options.dir(), endpoints, deployment, fees, balances()).text();
  }

  private List<DevnetBalances> balances() {
    return DevnetAccounts.ALL.stream()
        .map(account -> DevnetBalances.read(l1, deployment.token(), account.address()))
        .toList();
  }

  /**
   * Stops the watcher, the operator (closing its open block), then anvil (which saves its state).
   * Call it from a shutdown hook: anvil is not stopped at JVM exit otherwise.
   */
  @Override
  public void close() {
    RuntimeException failure = null;
    for (AutoCloseable service : started.reversed()) {
      try {
        service.close();
      } catch (Exception e) {
        LOG.warn("Stopping the devnet: {}", e.toString());
        failure = failure == null ? new IllegalStateException("stopping the devnet", e) : failure;
      }
    }
    started.clear();
    if (failure != null) {
      throw failure;
    }
  }

  private static void reset(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    checkArgument(
        Files.exists(dir.resolve(MARKER)) || DevnetFiles.isEmpty(dir),
        "%s is not a devnet directory (no %s): not deleting it",
        dir,
        MARKER);
    LOG.info("Resetting the devnet in {}", dir);
    DevnetFiles.deleteTree(dir);
  }

  private static void writeMarkerIfNew(Path dir) {
    Path marker = dir.resolve(MARKER);
    if (!Files.exists(marker)) {
      DevnetFiles.writeProperties(marker, new Properties(), "plasma devnet");
    }
  }
}
