package io.plasmanode.exitgame.inflight;

import static io.plasmanode.core.testing.TestKeys.CAROL;
import static io.plasmanode.core.testing.TestKeys.DAVE;
import static io.plasmanode.exitgame.inflight.CanonicityTest.events;
import static io.plasmanode.exitgame.inflight.InFlightFixture.A;
import static io.plasmanode.exitgame.inflight.InFlightFixture.BOBS_DOUBLE_SPEND;
import static io.plasmanode.exitgame.inflight.InFlightFixture.B_OUT;
import static io.plasmanode.exitgame.inflight.InFlightFixture.ETH;
import static io.plasmanode.exitgame.inflight.InFlightFixture.EXITABLE;
import static io.plasmanode.exitgame.inflight.InFlightFixture.EXIT_TX;
import static io.plasmanode.exitgame.inflight.InFlightFixture.ID;
import static io.plasmanode.exitgame.inflight.InFlightFixture.L1_TX;
import static io.plasmanode.exitgame.inflight.InFlightFixture.RETRY;
import static io.plasmanode.exitgame.inflight.InFlightFixture.SAFETY;
import static io.plasmanode.exitgame.inflight.InFlightFixture.T0;
import static io.plasmanode.exitgame.inflight.InFlightFixture.TOKEN;
import static io.plasmanode.exitgame.inflight.InFlightFixture.eth;
import static io.plasmanode.exitgame.inflight.InFlightFixture.hashOf;
import static io.plasmanode.exitgame.inflight.InFlightFixture.idOf;
import static io.plasmanode.exitgame.inflight.InFlightFixture.sign;
import static io.plasmanode.exitgame.inflight.InFlightFixture.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.exitgame.ByzantineEvent;
import io.plasmanode.exitgame.InFlightByzantineEvent.InvalidPiggyback;
import io.plasmanode.exitgame.InFlightByzantineEvent.UnchallengedPiggyback;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** W5: piggybacks on spent slots are challenged before processing. */
class PiggybackChallengeTest {
  private static final UtxoPos TX_POS = new UtxoPos(1000, 0, 0);
  private static final UtxoPos CAROLS_OUTPUT = new UtxoPos(1000, 0, 0);
  private static final SignedTransaction CAROL_SPENDS =
      sign(transfer(List.of(CAROLS_OUTPUT), eth(DAVE, 120)), CAROL);
  private static final ActionKey INPUT_1 = ActionKey.spent(ID, Slot.input(1));

  private final InFlightFixture chain = new InFlightFixture();
  private final InFlightExitGame game = InFlightFixture.startedGame();

  private InFlightExitGame.Decisions check(Instant now) {
    return chain.check(game, now);
  }

  private void piggyback(Slot slot) {
    game.piggybacked(ID, slot, EXITABLE, T0.plusSeconds(10));
  }

  private static <T extends InFlightAction> List<T> actions(
      InFlightExitGame.Decisions decisions, Class<T> type) {
    return decisions.actions().stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Test
  void piggybackedInput_spentByAnIncludedTx_isChallenged() {
    chain.include(BOBS_DOUBLE_SPEND, 1000, 0);
    piggyback(Slot.input(1));

    InFlightExitGame.Decisions decisions = check(T0);

    InFlightAction.ChallengeInputSpent challenge =
        actions(decisions, InFlightAction.ChallengeInputSpent.class).getFirst();
    assertThat(challenge.inputIndex()).isEqualTo(1);
    assertThat(challenge.challenging().spendingTx()).isEqualTo(BOBS_DOUBLE_SPEND.tx());
    assertThat(challenge.challenging().signature())
        .isEqualTo(BOBS_DOUBLE_SPEND.signatures().getFirst());
    assertThat(challenge.key()).isEqualTo(INPUT_1);
    assertThat(events(decisions, InvalidPiggyback.class))
        .containsExactly(
            new InvalidPiggyback(ID, Slot.input(1), hashOf(BOBS_DOUBLE_SPEND.tx()), T0));
    assertThat(events(check(T0.plusSeconds(1)), InvalidPiggyback.class)).isEmpty();
  }

  @Test
  void piggybackedInput_spentByAnotherInFlightTx_isChallenged() {
    game.started(idOf(BOBS_DOUBLE_SPEND.tx()), BOBS_DOUBLE_SPEND, List.of(B_OUT), T0);
    piggyback(Slot.input(1));

    InFlightAction.ChallengeInputSpent challenge =
        actions(check(T0), InFlightAction.ChallengeInputSpent.class).getFirst();

    assertThat(challenge.challenging().isInFlight()).isTrue();
    assertThat(challenge.challenging().spendingTx()).isEqualTo(BOBS_DOUBLE_SPEND.tx());
  }

  @Test
  void input_isNotChallenged_whenNotPiggybacked_orSpentByTheExitsOwnTx() {
    chain.include(BOBS_DOUBLE_SPEND, 1000, 0);
    assertThat(actions(check(T0), InFlightAction.ChallengeInputSpent.class)).isEmpty();

    InFlightFixture other = new InFlightFixture();
    other.include(EXIT_TX, 1000, 0);
    piggyback(Slot.input(0));
    assertThat(other.check(game, T0).actions()).isEmpty();
  }

  @Test
  void piggybackedOutput_spentOnceTheTxIsIncluded_isChallenged() {
    chain.include(EXIT_TX, 1000, 0);
    chain.include(CAROL_SPENDS, 2000, 0);
    piggyback(Slot.output(0));

    InFlightExitGame.Decisions decisions = check(T0);

    InFlightAction.ChallengeOutputSpent challenge =
        actions(decisions, InFlightAction.ChallengeOutputSpent.class).getFirst();
    assertThat(challenge.txPos()).isEqualTo(TX_POS);
    assertThat(challenge.outputIndex()).isZero();
    assertThat(challenge.challenging().spendingTx()).isEqualTo(CAROL_SPENDS.tx());
    assertThat(challenge.key()).isEqualTo(ActionKey.spent(ID, Slot.output(0)));
    assertThat(events(decisions, InvalidPiggyback.class))
        .extracting(InvalidPiggyback::slot)
        .containsExactly(Slot.output(0));
  }

  @Test
  void piggybackedOutput_spentByAnInFlightTxOfItsOwner_isChallenged_notByAnotherSigner() {
    chain.include(EXIT_TX, 1000, 0);
    piggyback(Slot.output(0));
    game.started(idOf(CAROL_SPENDS.tx()), CAROL_SPENDS, List.of(eth(DAVE, 120)), T0);
    assertThat(actions(check(T0), InFlightAction.ChallengeOutputSpent.class)).isEmpty();

    InFlightExitGame carolsGame = InFlightFixture.startedGame();
    carolsGame.piggybacked(ID, Slot.output(0), EXITABLE, T0);
    carolsGame.started(idOf(CAROL_SPENDS.tx()), CAROL_SPENDS, List.of(eth(CAROL, 120)), T0);
    InFlightAction.ChallengeOutputSpent challenge =
        actions(chain.check(carolsGame, T0), InFlightAction.ChallengeOutputSpent.class).getFirst();
    assertThat(challenge.challenging().isInFlight()).isTrue();
  }

  @Test
  void outputOfATxInNoBlock_cannotBeShownSpent() {
    piggyback(Slot.output(0));
    game.started(idOf(CAROL_SPENDS.tx()), CAROL_SPENDS, List.of(eth(CAROL, 120)), T0);

    assertThat(actions(check(T0), InFlightAction.ChallengeOutputSpent.class)).isEmpty();
  }

  @Test
  void blockedPiggyback_isNotChallengedAgain_andItsEventEnds() {
    chain.include(BOBS_DOUBLE_SPEND, 1000, 0);
    piggyback(Slot.input(1));
    InvalidPiggyback raised = events(check(T0), InvalidPiggyback.class).getFirst();
    game.submitted(INPUT_1, L1_TX, T0);

    game.blocked(ID, Slot.input(1));

    assertThat(game.holds(raised, T0)).isFalse();
    assertThat(game.exit(ID).orElseThrow().submission(INPUT_1)).isEmpty();
    assertThat(actions(check(T0.plusSeconds(1)), InFlightAction.ChallengeInputSpent.class))
        .isEmpty();
  }

  @Test
  void processingAToken_clearsOnlyThatTokensPiggybacks() {
    chain.include(BOBS_DOUBLE_SPEND, 1000, 0);
    piggyback(Slot.input(1));

    game.processed(ID, TOKEN, false, false);
    assertThat(actions(check(T0), InFlightAction.ChallengeInputSpent.class)).hasSize(1);

    game.processed(ID, ETH, false, false);
    assertThat(game.exit(ID).orElseThrow().l1().piggybacked()).isEmpty();
    assertThat(actions(check(T0), InFlightAction.ChallengeInputSpent.class)).isEmpty();
    assertThat(game.isActive(ID)).isTrue();
  }

  @Test
  void submittedSpentChallenge_waitsForTheRetryDelay() {
    chain.include(BOBS_DOUBLE_SPEND, 1000, 0);
    piggyback(Slot.input(1));
    game.submitted(INPUT_1, L1_TX, T0);

    assertThat(
            actions(
                check(T0.plus(RETRY).minusSeconds(1)), InFlightAction.ChallengeInputSpent.class))
        .isEmpty();
    assertThat(actions(check(T0.plus(RETRY)), InFlightAction.ChallengeInputSpent.class)).hasSize(1);
  }

  @Test
  void invalidPiggyback_stillOnL1_withinTheSafetyMargin_tellsUsersToExit() {
    chain.include(BOBS_DOUBLE_SPEND, 1000, 0);
    piggyback(Slot.input(1));
    Instant margin = EXITABLE.minus(SAFETY);

    assertThat(events(check(margin.minusSeconds(1)), UnchallengedPiggyback.class)).isEmpty();
    InFlightExitGame.Decisions late = check(margin);
    assertThat(events(late, UnchallengedPiggyback.class))
        .containsExactly(new UnchallengedPiggyback(ID, Slot.input(1), EXITABLE, margin));
    assertThat(events(late, UnchallengedPiggyback.class).getFirst().action())
        .isEqualTo(ByzantineEvent.Action.EXIT);
    assertThat(events(check(margin.plusSeconds(1)), UnchallengedPiggyback.class)).isEmpty();

    game.blocked(ID, Slot.input(1));
    assertThat(game.holds(new UnchallengedPiggyback(ID, Slot.input(1), EXITABLE, margin), margin))
        .isFalse();
  }

  @Test
  void validPiggyback_isNeverReported() {
    chain.include(EXIT_TX, 1000, 0);
    piggyback(Slot.output(1));
    piggyback(Slot.input(0));

    InFlightExitGame.Decisions decisions = check(EXITABLE);

    assertThat(decisions.actions()).isEmpty();
    assertThat(decisions.events()).isEmpty();
    assertThat(game.exit(ID).orElseThrow().l1().exitableAt()).contains(EXITABLE);
    assertThat(A).isEqualTo(EXIT_TX.tx().inputs().getFirst());
  }
}
