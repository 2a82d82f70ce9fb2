package io.plasmanode.p2p.sync;

import static io.plasmanode.p2p.sync.PeerNodeIT.CHAIN_ID;
import static io.plasmanode.p2p.sync.PeerNodeIT.CONTRACT;
import static io.plasmanode.p2p.sync.PeerNodeIT.EVENTUALLY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.p2p.sync.SyncMessage.Blocks;
import io.plasmanode.p2p.sync.SyncMessage.GetBlocks;
import io.plasmanode.p2p.sync.SyncMessage.Hello;
import io.plasmanode.p2p.sync.SyncMessage.Ping;
import java.io.IOException;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A node facing a hand-driven peer that breaks the protocol, while an honest peer syncs. */
class PeerMisbehaviourIT {
  private static final int MAX_FRAME = 64 * 1024;
  private static final Duration IDLE = Duration.ofMillis(600);

  private PeerNode node;
  private PeerNode honest;
  private RawPeer raw;

  @BeforeEach
  void start() throws IOException {
    SyncConfig config =
        PeerNodeIT.config().toBuilder()
            .maxFrameBytes(MAX_FRAME)
            .messagesPerSecond(20)
            .idleTimeout(IDLE)
            .pingInterval(Duration.ofMillis(150))
            .build();
    node =
        new PeerNode(
            config, InMemoryServedBlocks.withBlocks(5), new RecordingListener(), Clock.systemUTC());
    node.start();
    honest =
        new PeerNode(
            config.withPeers(List.of(PeerNodeIT.local(node.port()))),
            new InMemoryServedBlocks(),
            new RecordingListener(),
            Clock.systemUTC());
    honest.start();
    EVENTUALLY.untilAsserted(() -> assertThat(honest.peers()).hasSize(1));
    raw = new RawPeer(node.port());
  }

  @AfterEach
  void stop() throws IOException {
    raw.close();
    honest.close();
    node.close();
  }

  @Test
  void garbage_disconnectsAndScoresDown() throws Exception {
    raw.sendRaw(new byte[] {0, 0, 0, 5, 'h', 'e', 'l', 'l', 'o'});

    assertPenalized(Misbehaviour.MALFORMED_MESSAGE);
  }

  @Test
  void malformedMessageAfterHandshake_disconnectsAndScoresDown() throws Exception {
    handshake();
    raw.sendRaw(new byte[] {0, 0, 0, 3, 4, (byte) 0xc1, (byte) 0x81});

    assertPenalized(Misbehaviour.MALFORMED_MESSAGE);
  }

  @Test
  void oversizedFrame_disconnectsAndScoresDown() throws Exception {
    handshake();
    raw.sendRaw(new byte[] {0, 1, 0, 1, 4});

    assertPenalized(Misbehaviour.OVERSIZED_FRAME);
  }

  @Test
  void messageBeforeHello_disconnectsAndScoresDown() throws Exception {
    raw.send(new Ping());

    assertPenalized(Misbehaviour.UNEXPECTED_MESSAGE);
  }

  @Test
  void secondHello_disconnectsAndScoresDown() throws Exception {
    Hello hello = handshake();
    raw.send(new Hello(hello.version(), CHAIN_ID, CONTRACT, 43, 0, 0));

    assertPenalized(Misbehaviour.UNEXPECTED_MESSAGE);
  }

  @Test
  void wrongVersion_disconnectsAndBans() throws Exception {
    raw.read();
    raw.send(new Hello(2, CHAIN_ID, CONTRACT, 42, 0, 0));

    assertPenalized(Misbehaviour.INCOMPATIBLE);
    assertThat(node.bans()).containsKey(raw.address());
  }

  @Test
  void unsolicitedBlocks_disconnectAndScoreDown() throws Exception {
    handshake();
    raw.send(new Blocks(77, List.of()));

    assertPenalized(Misbehaviour.UNSOLICITED_RESPONSE);
  }

  @Test
  void blocksOutsideTheRequestedRange_disconnectAndFailTheRequest() throws Exception {
    handshake();
    Peer rawPeer = connectedRawPeer();
    CompletableFuture<List<SyncBlock>> answer = node.requestBlocks(rawPeer, 1000, 2);
    GetBlocks request = (GetBlocks) raw.readSkippingPings();
    assertThat(request.fromBlknum()).isEqualTo(1000);
    assertThat(request.count()).isEqualTo(2);

    raw.send(new Blocks(request.requestId(), List.of(InMemoryServedBlocks.block(3000, 1))));

    assertPenalized(Misbehaviour.OUT_OF_RANGE_RESPONSE);
    assertThatThrownBy(() -> answer.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("block 3000 answering 1000..2000");
  }

  @Test
  void blocksOutOfOrder_disconnect() throws Exception {
    handshake();
    CompletableFuture<List<SyncBlock>> answer = node.requestBlocks(connectedRawPeer(), 1000, 3);
    GetBlocks request = (GetBlocks) raw.readSkippingPings();

    raw.send(
        new Blocks(
            request.requestId(),
            List.of(InMemoryServedBlocks.block(2000, 1), InMemoryServedBlocks.block(1000, 1))));

    assertPenalized(Misbehaviour.OUT_OF_RANGE_RESPONSE);
    assertThat(answer).isCompletedExceptionally();
  }

  @Test
  void tooManyBlocksRequested_disconnectsAndScoresDown() throws Exception {
    handshake();
    raw.send(new GetBlocks(0, 1000, 65));

    assertPenalized(Misbehaviour.INVALID_REQUEST);
  }

  @Test
  void requestFlood_disconnectsAndScoresDown() throws Exception {
    handshake();
    try {
      for (int i = 0; i < 100; i++) {
        raw.send(new GetBlocks(i, 1000, 1));
      }
    } catch (SocketException closedWhileSending) {
      // the node may close the connection before the flood is fully written
    }

    assertPenalized(Misbehaviour.REQUEST_FLOOD);
  }

  @Test
  void honestRequests_withinTheRate_areServed() throws Exception {
    handshake();
    for (int i = 0; i < 10; i++) {
      raw.send(new GetBlocks(i, 1000 + i * 1000L % 5000, 1));
      assertThat(raw.readSkippingPings()).isInstanceOf(Blocks.class);
      Thread.sleep(60);
    }
    assertThat(node.score(raw.address())).isZero();
  }

  @Test
  void silentPeer_isDisconnectedAfterTheIdleTimeout() throws Exception {
    handshake();
    EVENTUALLY.untilAsserted(() -> assertThat(node.peers()).hasSize(2));
    long start = System.nanoTime();

    assertThat(raw.isClosedByNode()).isTrue();

    assertThat(System.nanoTime() - start).isGreaterThan(IDLE.toNanos() / 2);
    assertThat(node.score(raw.address())).isZero();
    assertStillServing();
  }

  private Hello handshake() throws IOException {
    return raw.handshake(CHAIN_ID, CONTRACT, 3000);
  }

  private Peer connectedRawPeer() {
    EVENTUALLY.untilAsserted(
        () ->
            assertThat(node.peers())
                .extracting(info -> info.peer().address())
                .contains(raw.address()));
    return node.peers().stream()
        .map(PeerInfo::peer)
        .filter(p -> p.address().equals(raw.address()))
        .findFirst()
        .orElseThrow();
  }

  private void assertPenalized(Misbehaviour misbehaviour) throws Exception {
    assertThat(raw.isClosedByNode()).as("closed by the node").isTrue();
    EVENTUALLY.untilAsserted(
        () -> assertThat(node.score(raw.address())).isEqualTo(-misbehaviour.penalty()));
    assertStillServing();
  }

  private void assertStillServing() throws Exception {
    EVENTUALLY.untilAsserted(
        () ->
            assertThat(node.peers())
                .extracting(info -> info.peer().address())
                .doesNotContain(raw.address()));
    List<SyncBlock> blocks = honest.requestBlocks(2000, 2).get(5, TimeUnit.SECONDS);
    assertThat(blocks).extracting(SyncBlock::blknum).containsExactly(2000L, 3000L);
  }
}
