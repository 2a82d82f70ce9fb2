package io.plasmanode.node.testing;

import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.node.daemon.OperatorNode;
import io.plasmanode.node.watcher.WatcherNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension owning what an IT runs on: anvil with the Plasma contract deployed (and the
 * test keys funded), a temporary data directory for LevelDB, and the operators, watchers and
 * anything else the test starts through it, closed in reverse order after the test, also when it
 * fails. As an instance field everything is per test; as a static field anvil and the directory are
 * per class (the nodes still per test).
 *
 * <pre>{@code
 * @RegisterExtension
 * final PlasmaNetwork net = PlasmaNetwork.builder().operator(CAROL).fund(TestKeys.ALL).build();
 *
 * OperatorNode operator = net.startOperator(setup -> setup.withConfirmations(3));
 * WatcherNode watcher = net.startWatcher(PlasmaNetwork.rpcUrl(operator), w -> w.withChallenger(DAVE));
 * Scenario users = net.scenario(PlasmaNetwork.rpcUrl(operator));
 * }</pre>
 */
public final class PlasmaNetwork
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  /** A devnet's short exit period, for ITs that let exits mature. */
  public static final Duration SHORT_EXIT_PERIOD = Duration.ofSeconds(100);

  /** The default exit bond: 0.1 ether. */
  public static final BigInteger BOND = AnvilChain.ether(1).divide(BigInteger.TEN);

  private final PrivateKey operatorKey;
  private final Duration exitPeriod;
  private final BigInteger bond;
  private final List<PrivateKey> funded;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private boolean perClass;
  private AnvilChain l1;
  private Path dir;

  private PlasmaNetwork(Builder builder) {
    this.operatorKey = builder.operatorKey;
    this.exitPeriod = builder.exitPeriod;
    this.bond = builder.bond;
    this.funded = List.copyOf(builder.funded);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** What {@link PlasmaNetwork} starts: the contract's operator, exit rules and funded keys. */
  public static final class Builder {
    private PrivateKey operatorKey;
    private Duration exitPeriod = Duration.ofDays(7);
    private BigInteger bond = BOND;
    private List<PrivateKey> funded = List.of();

    private Builder() {}

    /** The key that deploys the contract and is its operator (funded too). */
    public Builder operator(PrivateKey key) {
      this.operatorKey = key;
      return this;
    }

    /** The contract's minimum exit period (default 7 days). */
    public Builder exitPeriod(Duration value) {
      this.exitPeriod = value;
      return this;
    }

    /** The contract's exit bond (default 0.1 ether). */
    public Builder bond(BigInteger value) {
      this.bond = value;
      return this;
    }

    /** Keys given 1000 ether on L1 before each test. */
    public Builder fund(List<PrivateKey> keys) {
      this.funded = List.copyOf(keys);
      return this;
    }

    public PlasmaNetwork build() {
      if (operatorKey == null) {
        throw new IllegalStateException("the contract's operator key is not set");
      }
      return new PlasmaNetwork(this);
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true;
    startL1AndDir();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!perClass) {
      startL1AndDir();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Closer closer = new Closer();
    closeStarted(closer);
    if (!perClass) {
      closer.close(this::stopL1AndDir);
    }
    closer.rethrow();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    Closer closer = new Closer();
    closer.close(this::stopL1AndDir);
    closer.rethrow();
  }

  private void startL1AndDir() {
    try {
      dir = Files.createTempDirectory("plasma-it");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    l1 = L1Objects.startAnvil(operatorKey, exitPeriod, bond);
    funded.forEach(key -> l1.fund(key.address()));
  }

  private void closeStarted(Closer closer) {
    while (!started.isEmpty()) {
      closer.close(started.pop()::close);
    }
  }

  private void stopL1AndDir() throws IOException {
    try {
      if (l1 != null) {
        l1.close();
      }
    } finally {
      l1 = null;
      deleteDir();
    }
  }

  private void deleteDir() throws IOException {
    if (dir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
    dir = null;
  }

  /** The L1: anvil with the contract deployed. */
  public AnvilChain l1() {
    return l1;
  }

  /** The temporary directory the test's nodes keep their data in. */
  public Path dir() {
    return dir;
  }

  /**
   * A devnet reset: stops anvil and starts a fresh one (the same contract address, no child blocks,
   * nobody funded but the operator); the nodes keep running.
   */
  public AnvilChain restartL1() {
    l1.close();
    l1 = L1Objects.startAnvil(operatorKey, exitPeriod, bond);
    return l1;
  }

  /** Closes {@code service} after the test, before what was started earlier. */
  public <T extends AutoCloseable> T closeLater(T service) {
    started.push(service);
    return service;
  }

  /**
   * Starts the in-process operator on {@code dir()/operator} with {@link OperatorSetup#defaults}.
   */
  public OperatorNode startOperator() {
    return startOperator(UnaryOperator.identity());
  }

  /** As {@link #startOperator()}, with the setup {@code tweak} returns. */
  public OperatorNode startOperator(UnaryOperator<OperatorSetup> tweak) {
    return closeLater(startOperator(l1, dir.resolve("operator"), operatorKey, tweak));
  }

  /** The one place the ITs start an in-process operator. */
  public static OperatorNode startOperator(
      AnvilChain l1, Path dataDir, PrivateKey key, UnaryOperator<OperatorSetup> tweak) {
    OperatorSetup setup = tweak.apply(OperatorSetup.defaults());
    return OperatorNode.start(setup.config(URI.create(l1.rpcUrl()), l1.contract(), dataDir), key);
  }

  /** Starts a watcher on {@code dir()/watcher} of the operator at {@code operatorRpc}. */
  public WatcherNode startWatcher(URI operatorRpc, UnaryOperator<WatcherSetup> tweak) {
    WatcherSetup setup = tweak.apply(WatcherSetup.defaults(dir.resolve("watcher"), operatorRpc));
    return closeLater(
        WatcherNode.start(
            setup.config(URI.create(l1.rpcUrl()), l1.contract()),
            setup.challenger(),
            setup.challengerConfig()));
  }

  /**
   * A relay on 127.0.0.1 in front of anvil, closed after the test: nodes given its URL ({@code
   * setup.withL1Rpc(relayUrl(relay))}) lose L1 when the test {@link TcpProxy#cut cuts} it.
   */
  public TcpProxy relayL1() {
    return closeLater(TcpProxy.to(URI.create(l1.rpcUrl()).getPort()));
  }

  /** The URL of L1 through {@code relay}. */
  public static URI relayUrl(TcpProxy relay) {
    return URI.create("http://127.0.0.1:" + relay.port());
  }

  /** Starts a test-only operator serving whatever the test gives it. */
  public FakeOperator startFakeOperator() {
    return closeLater(new FakeOperator(l1, operatorKey));
  }

  /** The users' actions on L1 only (no operator to transact with). */
  public Scenario scenario() {
    return closeLater(new Scenario(l1, Optional.empty()));
  }

  /** The users' actions on L1 and through the operator at {@code operatorRpc}. */
  public Scenario scenario(URI operatorRpc) {
    return closeLater(new Scenario(l1, Optional.of(new OperatorView(operatorRpc))));
  }

  /** The watcher's API, closed after the test. */
  public WatcherView view(WatcherNode watcher) {
    return closeLater(WatcherView.of(watcher));
  }

  /** {@code operator}'s JSON-RPC endpoint. */
  public static URI rpcUrl(OperatorNode operator) {
    return URI.create("http://127.0.0.1:" + operator.rpcPort());
  }

  /** Runs closes, keeping the first failure and adding the others to it. */
  private static final class Closer {
    private Optional<Exception> failure = Optional.empty();

    void close(Closing closing) {
      try {
        closing.close();
      } catch (Exception e) {
        failure.ifPresentOrElse(first -> first.addSuppressed(e), () -> failure = Optional.of(e));
      }
    }

    void rethrow() {
      if (failure.isPresent()) {
        Exception e = failure.get();
        throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
      }
    }
  }

  @FunctionalInterface
  private interface Closing {
    void close() throws Exception;
  }
}
