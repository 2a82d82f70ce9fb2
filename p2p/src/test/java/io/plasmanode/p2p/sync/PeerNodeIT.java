package io.plasmanode.p2p.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.plasmanode.core.types.Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PeerNodeIT {
  /** Retries an assertion every 20 ms for up to 10 s; then its last failure is reported. */
  static final ConditionFactory EVENTUALLY =
      await()
          .atMost(Duration.ofSeconds(10))
          .dontCatchUncaughtExceptions()
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(20));

  static final long CHAIN_ID = 31337;
  static final Address CONTRACT = Address.fromHex("0x" + "5f".repeat(20));

  private final List<PeerNode> nodes = new ArrayList<>();

  static SyncConfig config() {
    return SyncConfig.defaults(CHAIN_ID, CONTRACT).toBuilder()
        .idleTimeout(Duration.ofSeconds(5))
        .pingInterval(Duration.ofSeconds(1))
        .requestTimeout(Duration.ofSeconds(5))
        .reconnectDelay(Duration.ofMillis(50), Duration.ofMillis(200))
        .build();
  }

  static InetSocketAddress local(int port) {
    return new InetSocketAddress("127.0.0.1", port);
  }

  @AfterEach
  void closeNodes() {
    nodes.reversed().forEach(PeerNode::close);
  }

  private PeerNode start(SyncConfig config, ServedBlocks source, SyncListener listener) {
    PeerNode node = new PeerNode(config, source, listener, Clock.systemUTC());
    nodes.add(node);
    node.start();
    return node;
  }

  private PeerNode start(ServedBlocks source, SyncListener listener, PeerNode... dialing) {
    List<InetSocketAddress> peers = new ArrayList<>();
    for (PeerNode node : dialing) {
      peers.add(local(node.port()));
    }
    return start(config().withPeers(peers), source, listener);
  }

  @Test
  void handshake_connectsBothEndsWithTheirHeights() {
    RecordingListener aEvents = new RecordingListener();
    RecordingListener bEvents = new RecordingListener();
    PeerNode a = start(InMemoryServedBlocks.withBlocks(3), aEvents);
    PeerNode b = start(InMemoryServedBlocks.withBlocks(1), bEvents, a);

    EVENTUALLY.untilAsserted(() -> assertThat(a.peers()).hasSize(1));
    EVENTUALLY.untilAsserted(() -> assertThat(b.peers()).hasSize(1));
    PeerInfo bSeenByA = a.peers().getFirst();
    assertThat(bSeenByA.height()).isEqualTo(1000);
    assertThat(bSeenByA.score()).isZero();
    assertThat(bSeenByA.peer().direction()).isEqualTo(Peer.Direction.INBOUND);
    assertThat(bSeenByA.peer().address()).isEqualTo("127.0.0.1:" + b.port());
    PeerInfo aSeenByB = b.peers().getFirst();
    assertThat(aSeenByB.height()).isEqualTo(3000);
    assertThat(aSeenByB.peer().address()).isEqualTo("127.0.0.1:" + a.port());
    EVENTUALLY.untilAsserted(() -> assertThat(bEvents.connected).hasSize(1));
  }

  @Test
  void handshake_otherChainDisconnectsAndIsNotRedialed() throws InterruptedException {
    PeerNode a = start(InMemoryServedBlocks.withBlocks(1), new RecordingListener());
    SyncConfig otherChain =
        new SyncConfig(
            CHAIN_ID + 1,
            CONTRACT,
            "127.0.0.1",
            0,
            List.of(local(a.port())),
            5,
            SyncConfig.DEFAULT_MAX_FRAME_BYTES,
            64,
            50,
            4,
            Duration.ofSeconds(5),
            Duration.ofSeconds(1),
            Duration.ofSeconds(5),
            Duration.ofMillis(50),
            Duration.ofMillis(200),
            100,
            Duration.ofMinutes(1));
    RecordingListener bEvents = new RecordingListener();
    PeerNode b = start(otherChain, new InMemoryServedBlocks(), bEvents);

    EVENTUALLY.untilAsserted(() -> assertThat(b.bans()).containsKey("127.0.0.1:" + a.port()));
    EVENTUALLY.untilAsserted(() -> assertThat(a.score("127.0.0.1:" + b.port())).isEqualTo(-100));
    Thread.sleep(400);
    assertThat(a.peers()).isEmpty();
    assertThat(b.peers()).isEmpty();
    assertThat(bEvents.connected).isEmpty();
  }

  @Test
  void handshake_otherContractDisconnects() {
    PeerNode a = start(InMemoryServedBlocks.withBlocks(1), new RecordingListener());
    SyncConfig otherContract =
        SyncConfig.defaults(CHAIN_ID, Address.fromHex("0x" + "01".repeat(20))).toBuilder()
            .peers(List.of(local(a.port())))
            .build();
    PeerNode b = start(otherContract, new InMemoryServedBlocks(), new RecordingListener());

    EVENTUALLY.untilAsserted(() -> assertThat(b.bans()).containsKey("127.0.0.1:" + a.port()));
    assertThat(b.peers()).isEmpty();
  }

  @Test
  void requestBlocks_returnsExactlyTheRequestedRange() throws Exception {
    PeerNode a = start(InMemoryServedBlocks.withBlocks(10), new RecordingListener());
    RecordingListener bEvents = new RecordingListener();
    PeerNode b = start(new InMemoryServedBlocks(), bEvents, a);
    EVENTUALLY.untilAsserted(() -> assertThat(b.peers()).hasSize(1));
    Peer peerA = b.peers().getFirst().peer();

    List<SyncBlock> middle = b.requestBlocks(peerA, 3000, 4).get(5, TimeUnit.SECONDS);
    assertThat(middle).extracting(SyncBlock::blknum).containsExactly(3000L, 4000L, 5000L, 6000L);
    assertThat(middle.getFirst()).isEqualTo(InMemoryServedBlocks.block(3000, 3));
    assertThat(b.requestBlocks(peerA, 9000, 5).get(5, TimeUnit.SECONDS))
        .extracting(SyncBlock::blknum)
        .containsExactly(9000L, 10000L);
    assertThat(b.requestBlocks(peerA, 20000, 3).get(5, TimeUnit.SECONDS)).isEmpty();
    assertThat(b.requestBlocks(10000, 64).get(5, TimeUnit.SECONDS)).hasSize(1);
    EVENTUALLY.untilAsserted(() -> assertThat(bEvents.blocks).hasSize(7));
  }

  @Test
  void requestBlocks_refusesBadArgumentsAndMissingPeers() {
    PeerNode a = start(InMemoryServedBlocks.withBlocks(2), new RecordingListener());
    PeerNode b = start(new InMemoryServedBlocks(), new RecordingListener(), a);
    EVENTUALLY.untilAsserted(() -> assertThat(b.peers()).hasSize(1));
    Peer peerA = b.peers().getFirst().peer();

    assertThatThrownBy(() -> b.requestBlocks(peerA, 1500, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.requestBlocks(peerA, 1000, 65))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1..64");
    assertThatThrownBy(() -> b.requestBlocks(3000, 1).get())
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("no connected peer has block 3000");
  }

  @Test
  void requestBlocks_servesLargeBlocksInSeveralFrames() throws Exception {
    InMemoryServedBlocks big = new InMemoryServedBlocks();
    byte[] tx = new byte[300];
    for (int n = 1; n <= 3; n++) {
      big.add(SyncBlock.of(n * 1000L, Collections.nCopies(1000, tx)));
    }
    SyncConfig smallFrames = config().toBuilder().maxFrameBytes(700_000).build();
    PeerNode a = start(smallFrames, big, new RecordingListener());
    PeerNode b =
        start(
            smallFrames.withPeers(List.of(local(a.port()))),
            new InMemoryServedBlocks(),
            new RecordingListener());
    EVENTUALLY.untilAsserted(() -> assertThat(b.peers()).hasSize(1));

    List<SyncBlock> first = b.requestBlocks(1000, 3).get(5, TimeUnit.SECONDS);
    assertThat(first).extracting(SyncBlock::blknum).containsExactly(1000L, 2000L);
    assertThat(first.get(1)).isEqualTo(big.block(2000).orElseThrow());
    assertThat(b.requestBlocks(3000, 1).get(5, TimeUnit.SECONDS)).hasSize(1);
  }

  @Test
  void announce_andPublishHeight_fanOutToEveryPeer() {
    InMemoryServedBlocks hubBlocks = InMemoryServedBlocks.withBlocks(1);
    PeerNode hub = start(hubBlocks, new RecordingListener());
    RecordingListener bEvents = new RecordingListener();
    RecordingListener cEvents = new RecordingListener();
    start(new InMemoryServedBlocks(), bEvents, hub);
    start(new InMemoryServedBlocks(), cEvents, hub);
    EVENTUALLY.untilAsserted(() -> assertThat(hub.peers()).hasSize(2));

    hubBlocks.add(InMemoryServedBlocks.block(2000, 1));
    hub.announce(2000);
    hub.publishHeight();
    hub.publishHeight();

    EVENTUALLY.untilAsserted(() -> assertThat(bEvents.announcements).containsExactly(2000L));
    EVENTUALLY.untilAsserted(() -> assertThat(cEvents.announcements).containsExactly(2000L));
    EVENTUALLY.untilAsserted(() -> assertThat(bEvents.statuses).containsExactly(2000L));
    EVENTUALLY.untilAsserted(() -> assertThat(cEvents.statuses).containsExactly(2000L));
  }

  @Test
  void lineOfThree_cGetsTheBlocksOfAThroughB() {
    InMemoryServedBlocks aBlocks = new InMemoryServedBlocks();
    PeerNode a = start(aBlocks, new RecordingListener());
    Relay bRelay = new Relay(new InMemoryServedBlocks());
    PeerNode b = start(bRelay.store, bRelay, a);
    bRelay.node = b;
    Relay cRelay = new Relay(new InMemoryServedBlocks());
    PeerNode c = start(cRelay.store, cRelay, b);
    cRelay.node = c;
    EVENTUALLY.untilAsserted(() -> assertThat(b.peers()).hasSize(2));
    EVENTUALLY.untilAsserted(() -> assertThat(a.peers()).hasSize(1));
    EVENTUALLY.untilAsserted(() -> assertThat(c.peers()).hasSize(1));

    for (int n = 1; n <= 5; n++) {
      aBlocks.add(InMemoryServedBlocks.block(n * 1000L, n));
      a.publishHeight();
      a.announce(n * 1000L);
    }

    EVENTUALLY.untilAsserted(() -> assertThat(cRelay.store.all()).isEqualTo(aBlocks.all()));
    assertThat(c.peers())
        .extracting(info -> info.peer().address())
        .containsExactly("127.0.0.1:" + b.port());
  }

  @Test
  void dialer_reconnectsAfterThePeerRestarts() {
    PeerNode a = start(InMemoryServedBlocks.withBlocks(1), new RecordingListener());
    int port = a.port();
    RecordingListener bEvents = new RecordingListener();
    PeerNode b = start(new InMemoryServedBlocks(), bEvents, a);
    EVENTUALLY.untilAsserted(() -> assertThat(b.peers()).hasSize(1));

    a.close();
    EVENTUALLY.untilAsserted(() -> assertThat(b.peers()).isEmpty());
    EVENTUALLY.untilAsserted(() -> assertThat(bEvents.disconnected).hasSize(1));
    PeerNode restarted =
        start(config().withPort(port), InMemoryServedBlocks.withBlocks(2), new RecordingListener());

    EVENTUALLY.untilAsserted(
        () -> assertThat(b.peers()).extracting(PeerInfo::height).containsExactly(2000L));
    EVENTUALLY.untilAsserted(() -> assertThat(restarted.peers()).hasSize(1));
  }

  @Test
  void penalize_badBlockBansThePeerAndStopsRedialing() throws InterruptedException {
    PeerNode a = start(InMemoryServedBlocks.withBlocks(1), new RecordingListener());
    PeerNode b = start(new InMemoryServedBlocks(), new RecordingListener(), a);
    EVENTUALLY.untilAsserted(() -> assertThat(b.peers()).hasSize(1));
    Peer peerA = b.peers().getFirst().peer();

    b.penalize(peerA, Misbehaviour.BAD_BLOCK, "root of block 1000 differs from L1");

    String address = "127.0.0.1:" + a.port();
    assertThat(b.bans()).containsKey(address);
    assertThat(b.score(address)).isEqualTo(-100);
    EVENTUALLY.untilAsserted(() -> assertThat(b.peers()).isEmpty());
    Thread.sleep(500);
    assertThat(b.peers()).isEmpty();
    assertThat(a.peers()).isEmpty();
  }

  @Test
  void maxPeers_refusesPeersBeyondTheLimit() throws InterruptedException {
    PeerNode hub =
        start(
            config().toBuilder().maxPeers(1).build(),
            InMemoryServedBlocks.withBlocks(1),
            new RecordingListener());
    start(new InMemoryServedBlocks(), new RecordingListener(), hub);
    start(new InMemoryServedBlocks(), new RecordingListener(), hub);

    EVENTUALLY.untilAsserted(() -> assertThat(hub.peers()).hasSize(1));
    Thread.sleep(300);
    assertThat(hub.peers()).hasSize(1);
    assertThat(hub.bans()).isEmpty();
  }

  @Test
  void dialingEachOther_keepsOneConnectionAtBothEnds() throws Exception {
    int bPort;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      bPort = free.getLocalPort();
    }
    PeerNode a =
        start(
            config().withPeers(List.of(local(bPort))),
            new InMemoryServedBlocks(),
            new RecordingListener());
    PeerNode b =
        start(
            config().withPort(bPort).withPeers(List.of(local(a.port()))),
            new InMemoryServedBlocks(),
            new RecordingListener());

    EVENTUALLY.untilAsserted(() -> assertThat(a.peers()).hasSize(1));
    EVENTUALLY.untilAsserted(() -> assertThat(b.peers()).hasSize(1));
    Thread.sleep(500);
    assertThat(a.peers()).hasSize(1);
    assertThat(b.peers()).hasSize(1);
    assertThat(a.peers().getFirst().peer().direction())
        .isNotEqualTo(b.peers().getFirst().peer().direction());
    assertThat(a.peers().getFirst().peer().isConnected()).isTrue();
  }

  @Test
  void requestBlocks_timesOutAndDisconnectsAnUnresponsivePeer() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ServedBlocks stuck =
        new ServedBlocks() {
          @Override
          public Optional<SyncBlock> block(long blknum) {
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return Optional.empty();
          }

          @Override
          public long height() {
            return 1000;
          }
        };
    PeerNode a = start(stuck, new RecordingListener());
    SyncConfig quick = config().toBuilder().requestTimeout(Duration.ofMillis(200)).build();
    PeerNode b =
        start(
            quick.withPeers(List.of(local(a.port()))),
            new InMemoryServedBlocks(),
            new RecordingListener());
    EVENTUALLY.untilAsserted(() -> assertThat(b.peers()).hasSize(1));

    assertThatThrownBy(() -> b.requestBlocks(1000, 1).get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(TimeoutException.class);
    EVENTUALLY.untilAsserted(
        () ->
            assertThat(b.score("127.0.0.1:" + a.port()))
                .isEqualTo(-Misbehaviour.UNRESPONSIVE.penalty()));
    EVENTUALLY.untilAsserted(() -> assertThat(b.peers()).isEmpty());
    release.countDown();
  }

  /**
   * A watcher stand-in: fetches announced blocks in order, one request at a time, stores them and
   * re-announces them.
   */
  static final class Relay implements SyncListener {
    final InMemoryServedBlocks store;
    final AtomicBoolean syncing = new AtomicBoolean();
    final AtomicLong wanted = new AtomicLong();
    volatile PeerNode node;

    Relay(InMemoryServedBlocks store) {
      this.store = store;
    }

    @Override
    public void onNewBlock(Peer peer, long blknum) {
      wanted.accumulateAndGet(blknum, Math::max);
      sync(peer);
    }

    private void sync(Peer peer) {
      long from = store.height() + SyncBlock.CHILD_BLOCK_INTERVAL;
      if (from > wanted.get() || !syncing.compareAndSet(false, true)) {
        return;
      }
      int count = (int) ((wanted.get() - from) / SyncBlock.CHILD_BLOCK_INTERVAL) + 1;
      node.requestBlocks(peer, from, Math.min(count, 64))
          .whenComplete(
              (blocks, failure) -> {
                if (blocks != null) {
                  store.addAll(blocks);
                  node.publishHeight();
                  blocks.forEach(block -> node.announce(block.blknum()));
                }
                syncing.set(false);
                sync(peer);
              });
    }
  }
}
