package io.plasmanode.exitgame.inflight;

import static io.plasmanode.core.testing.TestKeys.ALICE;
import static io.plasmanode.exitgame.inflight.InFlightFixture.DEADLINE;
import static io.plasmanode.exitgame.inflight.InFlightFixture.EXITABLE;
import static io.plasmanode.exitgame.inflight.InFlightFixture.ID;
import static io.plasmanode.exitgame.inflight.InFlightFixture.PHASE_ONE_END;
import static io.plasmanode.exitgame.inflight.InFlightFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.exitgame.ByzantineEvent;
import io.plasmanode.exitgame.EventCauses;
import io.plasmanode.exitgame.ExitGame;
import io.plasmanode.exitgame.ExitGameConfig;
import io.plasmanode.exitgame.InFlightByzantineEvent;
import io.plasmanode.exitgame.WithholdingDetector;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class InFlightByzantineEventTest {
  private static final Hash32 HASH = Hash32.fromHex("0x" + "12".repeat(32));
  private static final String EXIT = ID.toHex();

  private final List<InFlightByzantineEvent> events =
      List.of(
          new InFlightByzantineEvent.NonCanonicalIfe(
              ID, 1, HASH, ChainPosition.included(1000, 2), PHASE_ONE_END, T0),
          new InFlightByzantineEvent.InvalidIfeChallenge(ID, new UtxoPos(2000, 1, 0), T0),
          new InFlightByzantineEvent.PiggybackAvailable(
              ID, ALICE.address(), List.of(Slot.input(0), Slot.output(2)), DEADLINE, T0),
          new InFlightByzantineEvent.InvalidPiggyback(ID, Slot.output(3), HASH, T0),
          new InFlightByzantineEvent.UnchallengedNonCanonicalIfe(ID, PHASE_ONE_END, T0),
          new InFlightByzantineEvent.UnchallengedPiggyback(ID, Slot.input(2), EXITABLE, T0));

  @Test
  void type_action_andHalting() {
    assertThat(events)
        .extracting(ByzantineEvent::type)
        .containsExactly(
            "non_canonical_ife",
            "invalid_ife_challenge",
            "piggyback_available",
            "invalid_piggyback",
            "unchallenged_non_canonical_ife",
            "unchallenged_piggyback");
    assertThat(events)
        .extracting(event -> event.action().code())
        .containsExactly("challenge", "challenge", "piggyback", "challenge", "exit", "exit");
    assertThat(events)
        .extracting(EventCauses::halts)
        .containsExactly(false, false, false, false, true, true);
  }

  @Test
  void reason_namesTheExit_theSlot_andWhatToDo() {
    assertThat(events.get(0).reason())
        .isEqualTo(
            "in-flight exit "
                + EXIT
                + " is not canonical: tx 0x12121212..12121212 (1000000020) spends its input 1 and"
                + " is older; challenge it (challengeInFlightExitNotCanonical) before phase 1 ends"
                + " at "
                + PHASE_ONE_END);
    assertThat(events.get(1).reason())
        .contains(EXIT)
        .contains("included at 2000000010")
        .contains("respondToNonCanonicalChallenge");
    assertThat(events.get(2).reason())
        .isEqualTo(
            "in-flight exit %s: %s can piggyback input 0, output 2 before %s to exit with it"
                .formatted(EXIT, ALICE.address().toHex(), DEADLINE));
    assertThat(events.get(3).reason())
        .contains("output 3")
        .contains(EXIT)
        .contains("0x12121212..12121212")
        .contains("challengeInFlightExitOutputSpent");
    assertThat(events.get(4).reason()).contains(EXIT).contains("exit your outputs now");
    assertThat(events.get(5).reason())
        .contains("input 2")
        .contains(EXITABLE.toString())
        .contains("exit your outputs now");
  }

  @Test
  void inFlightEvent_isKeptByTheOldCauseCheck_andJudgedByTheInFlightGame() {
    ExitGame standard = new ExitGame(new ExitGameConfig(Duration.ofDays(1), Duration.ofHours(1)));
    WithholdingDetector detector = new WithholdingDetector(Duration.ofMinutes(1), List.of());
    InFlightExitGame game = InFlightFixture.startedGame();
    ByzantineEvent nonCanonical = events.get(0);

    assertThat(EventCauses.holds(nonCanonical, standard, detector)).isTrue();
    assertThat(EventCauses.holds(nonCanonical, standard, game, detector, T0)).isTrue();
    game.challenged(ID, 1, ChainPosition.IN_FLIGHT);
    assertThat(EventCauses.holds(nonCanonical, standard, game, detector, T0)).isFalse();
    assertThat(
            EventCauses.holds(
                new InFlightByzantineEvent.InvalidIfeChallenge(ID, new UtxoPos(2000, 1, 0), T0),
                standard,
                game,
                detector,
                T0))
        .isTrue();
    assertThat(
            EventCauses.holds(
                nonCanonical, standard, new InFlightExitGame(game.config()), detector, T0))
        .isFalse();
  }

  @Test
  void cause_identifiesTheReport() {
    assertThat(events.get(0).cause())
        .isEqualTo(
            new InFlightByzantineEvent.NonCanonicalIfe(
                    ID, 0, Hash32.ZERO, ChainPosition.IN_FLIGHT, PHASE_ONE_END, EXITABLE)
                .cause());
    assertThat(events.get(3).cause())
        .isNotEqualTo(
            new InFlightByzantineEvent.InvalidPiggyback(ID, Slot.output(2), HASH, T0).cause());
  }
}
