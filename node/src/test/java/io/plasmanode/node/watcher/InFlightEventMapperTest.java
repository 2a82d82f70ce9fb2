package io.plasmanode.node.watcher;

import static io.plasmanode.core.testing.TestKeys.BOB;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.A_OUT;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.B_OUT;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.CONFIG;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.EXIT_TX;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.ID;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.T0;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.onL1;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.origin;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.inflight.InFlightExitState;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Bytes;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.exitgame.inflight.ChainPosition;
import io.plasmanode.exitgame.inflight.InFlightExitGame;
import io.plasmanode.exitgame.inflight.Slot;
import io.plasmanode.exitgame.inflight.TrackedInFlightExit;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The contract's in-flight exit events as the game's observations, with what L1 shows. */
class InFlightEventMapperTest {
  private static final Instant EXITABLE = T0.plusSeconds(4 * 3600);

  private final Map<InFlightExitId, InFlightExitState> l1 = new HashMap<>();
  private final InFlightExitGame game = new InFlightExitGame(CONFIG);

  /** L1 block n has timestamp T0 + 12 (n - 40) s. */
  private final InFlightEventMapper mapper =
      new InFlightEventMapper(
          id -> Optional.ofNullable(l1.get(id)), block -> T0.plusSeconds(12 * (block - 40)));

  private TrackedInFlightExit exit() {
    return game.exit(ID).orElseThrow();
  }

  private void start() {
    l1.put(ID, onL1(Optional.empty(), true, 0));
    mapper.apply(started(), game);
  }

  @Test
  void started_tracksTheSignedTx_withTheInputsAndStartTimeL1Recorded() {
    start();

    assertThat(exit().signedTx()).isEqualTo(EXIT_TX);
    assertThat(exit().inputs()).containsExactly(A_OUT, B_OUT);
    assertThat(exit().startedAt()).isEqualTo(T0);
    assertThat(exit().isActive()).isTrue();
    assertThat(exit().l1().canonical()).isTrue();
  }

  @Test
  void started_whoseTxDoesNotDecode_failsTheChunk() {
    l1.put(ID, onL1(Optional.empty(), true, 0));
    L1Event.InFlightExitStarted garbage =
        new L1Event.InFlightExitStarted(
            origin(40),
            ID,
            BOB.address(),
            Hash32.ZERO,
            new UtxoPos(2, 0, 0),
            Bytes.of(new byte[] {1, 2}),
            EXIT_TX.signatures());

    assertThatThrownBy(() -> mapper.apply(garbage, game)).hasMessageContaining("does not decode");
    assertThat(game.exits()).isEmpty();
  }

  @Test
  void started_thatL1NoLongerShows_failsTheChunk() {
    assertThatThrownBy(() -> mapper.apply(started(), game)).hasMessageContaining("not on L1");
    assertThat(game.exits()).isEmpty();
  }

  @Test
  void piggybacks_takeExitableAtFromL1_andTheirTimeFromTheirL1Block() {
    start();
    l1.put(ID, onL1(Optional.of(EXITABLE), true, 0b0001_0010));
    mapper.apply(new L1Event.InFlightExitInputPiggybacked(origin(50), ID, BOB.address(), 1), game);
    mapper.apply(new L1Event.InFlightExitOutputPiggybacked(origin(60), ID, BOB.address(), 0), game);

    assertThat(exit().l1().exitableAt()).contains(EXITABLE);
    assertThat(exit().l1().piggybacked()).containsExactly(Slot.input(1), Slot.output(0));
    assertThat(exit().l1().piggybackedAt())
        .containsEntry(Slot.input(1), T0.plusSeconds(120))
        .containsEntry(Slot.output(0), T0.plusSeconds(240));
  }

  @Test
  void challengeAndResponse_setCanonicity_blockedClearsTheSlot() {
    start();
    l1.put(ID, onL1(Optional.of(EXITABLE), true, 0b0000_0010));
    mapper.apply(new L1Event.InFlightExitInputPiggybacked(origin(50), ID, BOB.address(), 1), game);
    mapper.apply(
        new L1Event.InFlightExitChallenged(
            origin(51), ID, BOB.address(), 1, Hash32.ZERO, Optional.empty()),
        game);
    assertThat(exit().l1().canonical()).isFalse();
    assertThat(exit().l1().oldestCompetitor()).contains(ChainPosition.IN_FLIGHT);

    UtxoPos txPos = new UtxoPos(1000, 3, 0);
    mapper.apply(
        new L1Event.InFlightExitChallengeResponded(origin(52), ID, BOB.address(), txPos), game);
    assertThat(exit().l1().canonical()).isTrue();
    assertThat(exit().l1().oldestCompetitor()).contains(ChainPosition.included(txPos));

    mapper.apply(new L1Event.InFlightExitInputBlocked(origin(53), ID, BOB.address(), 1), game);
    assertThat(exit().l1().piggybacked()).isEmpty();
  }

  @Test
  void processedAndDeleted_finalizeTheExit_butKeepItTracked() {
    start();
    l1.put(ID, onL1(Optional.of(EXITABLE), true, 0b0001_0000));
    mapper.apply(new L1Event.InFlightExitOutputPiggybacked(origin(50), ID, BOB.address(), 0), game);
    mapper.apply(
        new L1Event.InFlightExitProcessed(origin(60), ID, Address.ZERO, true, 0b0001_0000, true),
        game);

    assertThat(exit().isActive()).isFalse();
    assertThat(exit().l1().processing()).isTrue();
    assertThat(exit().l1().piggybacked()).isEqualTo(Set.of());

    InFlightExitGame other = new InFlightExitGame(CONFIG);
    mapper.apply(started(), other);
    mapper.apply(new L1Event.InFlightExitDeleted(origin(70), ID), other);
    assertThat(other.exit(ID).orElseThrow().isActive()).isFalse();
  }

  @Test
  void eventsOfAnUntrackedExit_areIgnored() {
    mapper.apply(new L1Event.InFlightExitInputPiggybacked(origin(50), ID, BOB.address(), 1), game);
    mapper.apply(new L1Event.InFlightExitDeleted(origin(70), ID), game);

    assertThat(game.exits()).isEmpty();
  }
}
