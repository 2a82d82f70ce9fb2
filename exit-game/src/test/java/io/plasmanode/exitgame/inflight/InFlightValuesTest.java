package io.plasmanode.exitgame.inflight;

import static io.plasmanode.exitgame.inflight.InFlightFixture.A;
import static io.plasmanode.exitgame.inflight.InFlightFixture.A_OUT;
import static io.plasmanode.exitgame.inflight.InFlightFixture.BOBS_DOUBLE_SPEND;
import static io.plasmanode.exitgame.inflight.InFlightFixture.B_OUT;
import static io.plasmanode.exitgame.inflight.InFlightFixture.EXIT_TX;
import static io.plasmanode.exitgame.inflight.InFlightFixture.ID;
import static io.plasmanode.exitgame.inflight.InFlightFixture.T0;
import static io.plasmanode.exitgame.inflight.InFlightFixture.idOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.exitgame.SpendRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-flight game's values refuse what the contract would never show or accept. */
class InFlightValuesTest {
  private static final SpendRecord DOUBLE_SPEND =
      SpendRecord.inFlight(
          InFlightFixture.B, BOBS_DOUBLE_SPEND.tx(), 0, BOBS_DOUBLE_SPEND.signatures().get(0));

  @Test
  void slot_bitsAreTheContracts() {
    assertThat(Slot.input(0).bit()).isZero();
    assertThat(Slot.input(3).bit()).isEqualTo(3);
    assertThat(Slot.output(0).bit()).isEqualTo(4);
    assertThat(Slot.output(3).bit()).isEqualTo(7);
    assertThat(Slot.output(0)).isGreaterThan(Slot.input(3));
    assertThatThrownBy(() -> Slot.input(4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Slot.output(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void chainPosition_inFlightIsYoungerThanAnyBlock() {
    ChainPosition last = ChainPosition.included(UtxoPos.MAX_BLKNUM, 65_535);
    assertThat(last.isOlderThan(ChainPosition.IN_FLIGHT)).isTrue();
    assertThat(ChainPosition.IN_FLIGHT.isOlderThan(ChainPosition.IN_FLIGHT)).isFalse();
    assertThat(ChainPosition.IN_FLIGHT.isOlderThan(last)).isFalse();
    assertThat(ChainPosition.included(1000, 0).isOlderThan(ChainPosition.included(1000, 1)))
        .isTrue();
    assertThat(ChainPosition.included(1000, 0).isOlderThan(ChainPosition.included(1000, 0)))
        .isFalse();
    assertThat(ChainPosition.of(DOUBLE_SPEND)).isEqualTo(ChainPosition.IN_FLIGHT);
    assertThatThrownBy(() -> ChainPosition.included(new UtxoPos(1000, 0, 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void config_refusesMarginsPastItsPeriods_andComputesPhaseOne() {
    Duration mep = Duration.ofSeconds(7);
    InFlightExitConfig config =
        new InFlightExitConfig(mep, Duration.ofSeconds(2), Duration.ZERO, Duration.ofSeconds(1));
    assertThat(config.phaseOne()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.phaseOneEnd(T0)).isEqualTo(T0.plusSeconds(3));
    assertThat(config.phaseOneDeadline(T0)).isEqualTo(T0.plusSeconds(1));
    assertThatThrownBy(
            () ->
                new InFlightExitConfig(
                    mep, Duration.ofSeconds(3), Duration.ZERO, Duration.ofSeconds(1)))
        .hasMessageContaining("landingMargin");
    assertThatThrownBy(() -> new InFlightExitConfig(mep, Duration.ZERO, mep, Duration.ofSeconds(1)))
        .hasMessageContaining("safetyMargin");
    assertThatThrownBy(
            () -> new InFlightExitConfig(mep, Duration.ZERO, Duration.ZERO, Duration.ZERO))
        .hasMessageContaining("challengeRetryAfter");
  }

  @Test
  void actions_refuseTheExitsOwnTx_aWrongIndex_orAWrongId() {
    SpendRecord ownSpend = SpendRecord.inFlight(A, EXIT_TX.tx(), 0, EXIT_TX.signatures().get(0));
    assertThatThrownBy(
            () -> new InFlightAction.ChallengeNotCanonical(ID, EXIT_TX.tx(), 0, ownSpend))
        .hasMessageContaining("SameTx");
    assertThatThrownBy(
            () -> new InFlightAction.ChallengeInputSpent(ID, EXIT_TX.tx(), 0, DOUBLE_SPEND))
        .hasMessageContaining("input 0");
    assertThatThrownBy(
            () ->
                new InFlightAction.ChallengeNotCanonical(
                    idOf(BOBS_DOUBLE_SPEND.tx()), EXIT_TX.tx(), 1, DOUBLE_SPEND))
        .hasMessageContaining("exit id");
    assertThatThrownBy(
            () ->
                new InFlightAction.ChallengeOutputSpent(
                    ID, EXIT_TX.tx(), new UtxoPos(1000, 0, 0), 1, DOUBLE_SPEND))
        .hasMessageContaining("output 1");
    assertThatThrownBy(
            () -> new InFlightAction.RespondToChallenge(ID, EXIT_TX.tx(), new UtxoPos(1000, 0, 2)))
        .hasMessageContaining("oindex 0");
    assertThat(new InFlightAction.ChallengeNotCanonical(ID, EXIT_TX.tx(), 1, DOUBLE_SPEND).key())
        .isEqualTo(new ActionKey(ID, ActionKey.Kind.NOT_CANONICAL, 0));
  }

  @Test
  void trackedExit_refusesATxThatIsNotTheIds_orMissingInputs() {
    assertThatThrownBy(() -> TrackedInFlightExit.started(ID, BOBS_DOUBLE_SPEND, List.of(B_OUT), T0))
        .hasMessageContaining("exit id");
    assertThatThrownBy(() -> TrackedInFlightExit.started(ID, EXIT_TX, List.of(A_OUT), T0))
        .hasMessageContaining("one input output per input");
    TrackedInFlightExit exit = TrackedInFlightExit.started(ID, EXIT_TX, List.of(A_OUT, B_OUT), T0);
    assertThat(exit.youngestInputPos()).isEqualTo(InFlightFixture.B);
    assertThat(exit.hasSlot(Slot.output(1))).isTrue();
    assertThat(exit.hasSlot(Slot.output(2))).isFalse();
    assertThat(exit.hasSlot(Slot.input(2))).isFalse();
  }

  @Test
  void observationOfASlotTheTxDoesNotHave_isRefused() {
    InFlightExitGame game = InFlightFixture.startedGame();
    Instant at = T0.plusSeconds(1);
    assertThatThrownBy(() -> game.piggybacked(ID, Slot.output(2), at, at))
        .hasMessageContaining("has no output 2");
    assertThatThrownBy(() -> game.challenged(ID, 2, ChainPosition.IN_FLIGHT))
        .hasMessageContaining("has no input 2");
    assertThat(game.exit(ID).orElseThrow().l1()).isEqualTo(TrackedInFlightExit.L1State.STARTED);
  }
}
