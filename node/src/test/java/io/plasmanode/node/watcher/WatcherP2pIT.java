package io.plasmanode.node.watcher;

import static io.plasmanode.node.testing.Payments.eth;
import static io.plasmanode.node.testing.Waits.await;
import static io.plasmanode.node.testing.WatcherView.eventTypes;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.contracts.anvil.AnvilProcess;
import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.node.testing.FakeOperator;
import io.plasmanode.node.testing.PlasmaNetwork;
import io.plasmanode.node.testing.Scenario;
import io.plasmanode.node.testing.Waits;
import io.plasmanode.p2p.sync.PeerNode;
import io.plasmanode.p2p.sync.ServedBlocks;
import io.plasmanode.p2p.sync.SyncBlock;
import io.plasmanode.p2p.sync.SyncConfig;
import io.plasmanode.p2p.sync.SyncListener;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Watchers that sync blocks from each other over p2p, on a real anvil, LevelDB and loopback TCP: a
 * block the operator serves to one watcher only, a peer serving wrong contents, and a long chain
 * synced from peers alone after the operator stopped.
 */
class WatcherP2pIT {
  private static final PrivateKey OPERATOR = TestKeys.CAROL;
  private static final PrivateKey ALICE = TestKeys.ALICE;
  private static final PrivateKey BOB = TestKeys.BOB;
  private static final PrivateKey DAVE = TestKeys.DAVE;
  private static final UtxoPos DEPOSIT_1 = new UtxoPos(1, 0, 0);
  private static final Duration LONG = Duration.ofMinutes(10);
  private static final BigInteger ONE_ETH = AnvilChain.ether(1);

  /** The 1,000-block chain (~17 s here); -Dwatcher.p2p.blocks=N for another length. */
  private static final int CHAIN_BLOCKS = Integer.getInteger("watcher.p2p.blocks", 1000);

  @RegisterExtension
  final PlasmaNetwork net =
      PlasmaNetwork.builder()
          .operator(OPERATOR)
          .exitPeriod(PlasmaNetwork.SHORT_EXIT_PERIOD)
          .fund(TestKeys.ALL)
          .build();

  @Test
  void blockServedToOneWatcherOnly_reachesItsPeerOverP2p_withoutWithholding() throws Exception {
    FakeOperator servingOperator = net.startFakeOperator();
    FakeOperator withholdingOperator = net.startFakeOperator();
    Scenario users = net.scenario();
    Duration withholding = Duration.ofSeconds(3);
    WatcherNode a = watcher("a", servingOperator.endpoint(), withholding, List.of());
    WatcherNode b = watcher("b", withholdingOperator.endpoint(), withholding, List.of(a));
    await("b connected to a", () -> b.status().peers() == 1);

    users.deposit(ALICE, ONE_ETH);
    SignedTransaction toBob = users.transfer(ALICE, DEPOSIT_1, eth(BOB, ONE_ETH));
    servingOperator.commit(List.of(toBob));
    servingOperator.serve(1000, List.of(toBob));
    Instant committed = Instant.now();
    await("a validated block 1000", () -> a.status().syncedHeight() == 1000);
    await("b validated block 1000 from a", () -> b.status().syncedHeight() == 1000);

    long stepsPastTimeout = withholding.plusSeconds(1).toMillis();
    Thread.sleep(
        Math.max(0, stepsPastTimeout - Duration.between(committed, Instant.now()).toMillis()));
    assertThat(eventTypes(b)).isEmpty();
    assertThat(b.status().halted()).isFalse();
    assertThat(b.status().peers()).isEqualTo(1);
    assertThat(eventTypes(a)).isEmpty();
  }

  @Test
  void peerServingWrongContents_isBanned_andTheBlockComesFromAnotherPeer() {
    FakeOperator servingOperator = net.startFakeOperator();
    FakeOperator withholdingOperator = net.startFakeOperator();
    Scenario users = net.scenario();
    users.deposit(ALICE, ONE_ETH);
    SignedTransaction toBob = users.transfer(ALICE, DEPOSIT_1, eth(BOB, ONE_ETH));
    SignedTransaction toDave = users.transfer(ALICE, DEPOSIT_1, eth(DAVE, ONE_ETH));
    AtomicInteger badServed = new AtomicInteger();
    PeerNode liar = net.closeLater(liar(SyncBlock.of(1000, List.of(signed(toDave))), badServed));
    int liarPort = liar.start();

    WatcherNode a = watcher("a", servingOperator.endpoint(), LONG, List.of());
    WatcherNode b =
        net.startWatcher(
            withholdingOperator.endpoint(),
            w ->
                w.withDataDir(net.dir().resolve("b"))
                    .withPeerAddresses(
                        List.of(new InetSocketAddress("127.0.0.1", liarPort), peer(a))));
    await("b connected to the liar and a", () -> b.status().peers() == 2);

    servingOperator.commit(List.of(toBob));
    servingOperator.serve(1000, List.of(toBob));
    await("b validated block 1000", () -> b.status().syncedHeight() == 1000);
    assertThat(badServed.get()).isPositive();
    assertThat(b.peerBans()).containsKey("127.0.0.1:" + liarPort);
    assertThat(b.status().peers()).isEqualTo(1);
    assertThat(eventTypes(b)).isEmpty();
    assertThat(b.status().halted()).isFalse();
  }

  @Test
  void threeWatchers_syncALongChainFromEachOther_withTheOperatorStopped() {
    FakeOperator operator = net.startFakeOperator();
    Scenario users = net.scenario();
    users.deposit(ALICE, ONE_ETH);
    Instant commitStart = Instant.now();
    UtxoPos input = DEPOSIT_1;
    for (int i = 1; i <= CHAIN_BLOCKS; i++) {
      long blknum = i * 1000L;
      SignedTransaction tx = users.transfer(ALICE, input, eth(ALICE, ONE_ETH));
      operator.commitNoWait(List.of(tx));
      operator.serve(blknum, List.of(tx));
      input = new UtxoPos(blknum, 0, 0);
    }
    Duration committing = Duration.between(commitStart, Instant.now());
    long top = CHAIN_BLOCKS * 1000L;

    Instant fromOperator = Instant.now();
    WatcherNode a = watcher("a", operator.endpoint(), LONG, List.of());
    awaitLong("a validated the chain from the operator", () -> a.status().syncedHeight() == top);
    Duration aSync = Duration.between(fromOperator, Instant.now());
    operator.close();

    Instant fromPeers = Instant.now();
    WatcherNode b = watcher("b", operator.endpoint(), LONG, List.of(a));
    WatcherNode c = watcher("c", operator.endpoint(), LONG, List.of(a, b));
    awaitLong(
        "b and c validated the chain from peers",
        () -> b.status().syncedHeight() == top && c.status().syncedHeight() == top);
    Duration p2pSync = Duration.between(fromPeers, Instant.now());
    System.out.printf(
        "p2p sync: %d blocks committed on L1 in %d ms; a synced from the operator in %d ms;"
            + " b and c synced from peers in %d ms (%.0f blocks/s each)%n",
        CHAIN_BLOCKS,
        committing.toMillis(),
        aSync.toMillis(),
        p2pSync.toMillis(),
        CHAIN_BLOCKS * 1000.0 / Math.max(1, p2pSync.toMillis()));
    for (WatcherNode watcher : List.of(a, b, c)) {
      assertThat(eventTypes(watcher)).isEmpty();
      assertThat(watcher.status().peers()).isEqualTo(2);
    }
  }

  private WatcherNode watcher(
      String name, URI operatorRpc, Duration withholding, List<WatcherNode> peers) {
    return net.startWatcher(
        operatorRpc,
        w ->
            w.withDataDir(net.dir().resolve(name))
                .withWithholdingTimeout(withholding)
                .withPeers(peers));
  }

  private static InetSocketAddress peer(WatcherNode watcher) {
    return new InetSocketAddress("127.0.0.1", watcher.p2pPort());
  }

  /** A peer that claims height 2000 and serves {@code block} whatever is asked. */
  private PeerNode liar(SyncBlock block, AtomicInteger served) {
    ServedBlocks source =
        new ServedBlocks() {
          @Override
          public Optional<SyncBlock> block(long blknum) {
            if (blknum != block.blknum()) {
              return Optional.empty();
            }
            served.incrementAndGet();
            return Optional.of(block);
          }

          @Override
          public long height() {
            return 2000;
          }
        };
    return new PeerNode(
        SyncConfig.defaults(AnvilProcess.CHAIN_ID, net.l1().contract()),
        source,
        new SyncListener() {},
        Clock.systemUTC());
  }

  private static byte[] signed(SignedTransaction tx) {
    return TxCodec.encodeSigned(tx);
  }

  private static void awaitLong(String what, BooleanSupplier condition) {
    Waits.await(Duration.ofSeconds(180), what, condition);
  }
}
