package io.plasmanode.exitgame.inflight;

import static io.plasmanode.exitgame.inflight.InFlightFixture.A_OUT;
import static io.plasmanode.exitgame.inflight.InFlightFixture.BOBS_DOUBLE_SPEND;
import static io.plasmanode.exitgame.inflight.InFlightFixture.B_OUT;
import static io.plasmanode.exitgame.inflight.InFlightFixture.DEADLINE;
import static io.plasmanode.exitgame.inflight.InFlightFixture.EXIT_TX;
import static io.plasmanode.exitgame.inflight.InFlightFixture.ID;
import static io.plasmanode.exitgame.inflight.InFlightFixture.L1_TX;
import static io.plasmanode.exitgame.inflight.InFlightFixture.PHASE_ONE_END;
import static io.plasmanode.exitgame.inflight.InFlightFixture.RETRY;
import static io.plasmanode.exitgame.inflight.InFlightFixture.T0;
import static io.plasmanode.exitgame.inflight.InFlightFixture.hashOf;
import static io.plasmanode.exitgame.inflight.InFlightFixture.idOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.exitgame.ByzantineEvent;
import io.plasmanode.exitgame.InFlightByzantineEvent;
import io.plasmanode.exitgame.InFlightByzantineEvent.NonCanonicalIfe;
import io.plasmanode.exitgame.InFlightByzantineEvent.UnchallengedNonCanonicalIfe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** W3: canonicity challenges and the {@code non_canonical_ife} events. */
class CanonicityTest {
  private static final InFlightExitId DOUBLE_SPEND_ID = idOf(BOBS_DOUBLE_SPEND.tx());
  private static final ActionKey CHALLENGE = new ActionKey(ID, ActionKey.Kind.NOT_CANONICAL, 0);

  private final InFlightFixture chain = new InFlightFixture();
  private final InFlightExitGame game = InFlightFixture.startedGame();

  static List<InFlightAction.ChallengeNotCanonical> challenges(
      InFlightExitGame.Decisions decisions, InFlightExitId id) {
    return decisions.actions().stream()
        .filter(InFlightAction.ChallengeNotCanonical.class::isInstance)
        .map(InFlightAction.ChallengeNotCanonical.class::cast)
        .filter(action -> action.exitId().equals(id))
        .toList();
  }

  static <T extends InFlightByzantineEvent> List<T> events(
      InFlightExitGame.Decisions decisions, Class<T> type) {
    return decisions.events().stream().filter(type::isInstance).map(type::cast).toList();
  }

  private InFlightExitGame.Decisions check(Instant now) {
    return chain.check(game, now);
  }

  @Test
  void exitWithoutCompetitor_getsNoCanonicityDecision() {
    InFlightExitGame.Decisions decisions = check(T0);

    assertThat(decisions.actions()).isEmpty();
    assertThat(decisions.events())
        .extracting(ByzantineEvent::type)
        .containsOnly("piggyback_available");
  }

  @Test
  void olderIncludedCompetitor_ofAnExitTxInNoBlock_raisesNonCanonical_andProposesTheChallenge() {
    chain.include(BOBS_DOUBLE_SPEND, 1000, 0);

    InFlightExitGame.Decisions first = check(T0);

    assertThat(events(first, NonCanonicalIfe.class))
        .containsExactly(
            new NonCanonicalIfe(
                ID,
                1,
                hashOf(BOBS_DOUBLE_SPEND.tx()),
                ChainPosition.included(1000, 0),
                PHASE_ONE_END,
                T0));
    InFlightAction.ChallengeNotCanonical challenge = challenges(first, ID).getFirst();
    assertThat(challenge.inputIndex()).isEqualTo(1);
    assertThat(challenge.competitor().spendingTx()).isEqualTo(BOBS_DOUBLE_SPEND.tx());
    assertThat(challenge.competitor().inputIndex()).isZero();
    assertThat(challenge.competitor().signature())
        .isEqualTo(BOBS_DOUBLE_SPEND.signatures().getFirst());
    assertThat(challenge.competitorPos().toCompetingTxPos()).isEqualTo(1_000_000_000L);
    assertThat(challenge.inFlightTx()).isEqualTo(EXIT_TX.tx());
    assertThat(challenge.key()).isEqualTo(CHALLENGE);
    InFlightExitGame.Decisions second = check(T0.plusSeconds(1));
    assertThat(events(second, NonCanonicalIfe.class)).isEmpty();
    assertThat(challenges(second, ID)).containsExactly(challenge);
  }

  @Test
  void inFlightDoubleSpends_areEachOthersCompetitor_shownWithPositionZero() {
    game.started(DOUBLE_SPEND_ID, BOBS_DOUBLE_SPEND, List.of(B_OUT), T0);

    InFlightExitGame.Decisions decisions = check(T0);

    InFlightAction.ChallengeNotCanonical ofExit = challenges(decisions, ID).getFirst();
    assertThat(ofExit.competitor().isInFlight()).isTrue();
    assertThat(ofExit.competitorPos()).isEqualTo(ChainPosition.IN_FLIGHT);
    assertThat(ofExit.competitorPos().toCompetingTxPos()).isZero();
    assertThat(ofExit.competitor().spendingTx()).isEqualTo(BOBS_DOUBLE_SPEND.tx());
    InFlightAction.ChallengeNotCanonical ofDoubleSpend =
        challenges(decisions, DOUBLE_SPEND_ID).getFirst();
    assertThat(ofDoubleSpend.competitor().spendingTx()).isEqualTo(EXIT_TX.tx());
    assertThat(ofDoubleSpend.competitor().inputIndex()).isEqualTo(1);
    assertThat(events(decisions, NonCanonicalIfe.class)).hasSize(2);
  }

  @Test
  void inFlightCompetitor_ofAnIncludedExitTx_isNotTrulyOlder_butTheIncludedTxCompetesWithIt() {
    chain.include(EXIT_TX, 1000, 0);
    game.started(DOUBLE_SPEND_ID, BOBS_DOUBLE_SPEND, List.of(B_OUT), T0);

    InFlightExitGame.Decisions decisions = check(T0);

    assertThat(challenges(decisions, ID)).isEmpty();
    assertThat(events(decisions, NonCanonicalIfe.class))
        .extracting(NonCanonicalIfe::exitId)
        .containsExactly(DOUBLE_SPEND_ID);
    InFlightAction.ChallengeNotCanonical ofDoubleSpend =
        challenges(decisions, DOUBLE_SPEND_ID).getFirst();
    assertThat(ofDoubleSpend.competitorPos()).isEqualTo(ChainPosition.included(1000, 0));
  }

  @Test
  void competitorYoungerThanTheIncludedExitTx_isNoCompetitor() {
    chain.include(EXIT_TX, 1000, 0);
    chain.include(BOBS_DOUBLE_SPEND, 2000, 0);

    assertThat(check(T0).actions()).isEmpty();
  }

  @Test
  void competitorOlderThanTheIncludedExitTx_makesItNonCanonical() {
    chain.include(EXIT_TX, 2000, 0);
    chain.include(BOBS_DOUBLE_SPEND, 1000, 0);

    InFlightExitGame.Decisions decisions = check(T0);

    assertThat(challenges(decisions, ID))
        .extracting(InFlightAction.ChallengeNotCanonical::competitorPos)
        .containsExactly(ChainPosition.included(1000, 0));
  }

  @Test
  void challenge_isProposedUntilTheDeadline_thenUsersAreToldToExit() {
    chain.include(BOBS_DOUBLE_SPEND, 1000, 0);

    InFlightExitGame.Decisions lastChance = check(DEADLINE.minusSeconds(1));
    assertThat(challenges(lastChance, ID)).hasSize(1);
    assertThat(events(lastChance, UnchallengedNonCanonicalIfe.class)).isEmpty();

    InFlightExitGame.Decisions tooLate = check(DEADLINE);
    assertThat(tooLate.actions()).isEmpty();
    assertThat(events(tooLate, UnchallengedNonCanonicalIfe.class))
        .containsExactly(new UnchallengedNonCanonicalIfe(ID, PHASE_ONE_END, DEADLINE));
    assertThat(tooLate.events().getFirst().action()).isEqualTo(ByzantineEvent.Action.EXIT);
    assertThat(events(check(DEADLINE.plusSeconds(1)), UnchallengedNonCanonicalIfe.class)).isEmpty();
  }

  @Test
  void exitFirstJudgedAfterTheDeadline_raisesBothEventsAtOnce() {
    chain.include(BOBS_DOUBLE_SPEND, 1000, 0);

    InFlightExitGame.Decisions decisions = check(PHASE_ONE_END.plus(Duration.ofDays(1)));

    assertThat(decisions.actions()).isEmpty();
    assertThat(decisions.events())
        .extracting(ByzantineEvent::type)
        .containsExactly("non_canonical_ife", "unchallenged_non_canonical_ife");
  }

  @Test
  void l1ShowingTheExitNonCanonical_endsTheEvents_andStopsTheChallenge() {
    chain.include(BOBS_DOUBLE_SPEND, 1000, 0);
    NonCanonicalIfe raised = events(check(T0), NonCanonicalIfe.class).getFirst();
    UnchallengedNonCanonicalIfe late = new UnchallengedNonCanonicalIfe(ID, PHASE_ONE_END, DEADLINE);
    assertThat(game.holds(raised, T0)).isTrue();
    assertThat(game.holds(late, T0)).isTrue();

    game.challenged(ID, 1, ChainPosition.included(1000, 0));

    assertThat(game.holds(raised, T0)).isFalse();
    assertThat(game.holds(late, T0)).isFalse();
    InFlightExitGame.Decisions after = check(T0.plusSeconds(1));
    assertThat(after.actions()).isEmpty();
    assertThat(events(after, NonCanonicalIfe.class)).isEmpty();
    assertThat(game.exit(ID).orElseThrow().standing()).doesNotContain(raised);
  }

  @Test
  void competitorNotOlderThanTheOneL1Knows_isNotProposed() {
    chain.include(BOBS_DOUBLE_SPEND, 3000, 0);
    game.challenged(ID, 1, ChainPosition.IN_FLIGHT);
    game.responded(ID, new UtxoPos(3000, 0, 0));

    InFlightExitGame.Decisions decisions = check(T0);

    assertThat(events(decisions, NonCanonicalIfe.class)).hasSize(1);
    assertThat(decisions.actions()).isEmpty();
  }

  @Test
  void competitorOlderThanL1sResponse_isProposedAtOnce_evenWithAChallengeSubmitted() {
    chain.include(BOBS_DOUBLE_SPEND, 1000, 0);
    check(T0);
    game.submitted(CHALLENGE, L1_TX, T0);
    game.challenged(ID, 1, ChainPosition.IN_FLIGHT);
    game.responded(ID, new UtxoPos(2000, 0, 0));

    InFlightExitGame.Decisions decisions = check(T0.plusSeconds(60));

    assertThat(challenges(decisions, ID))
        .extracting(InFlightAction.ChallengeNotCanonical::competitorPos)
        .containsExactly(ChainPosition.included(1000, 0));
    assertThat(events(decisions, NonCanonicalIfe.class)).hasSize(1);
  }

  @Test
  void submittedChallenge_isNotProposedAgain_untilTheRetryDelayPasses() {
    chain.include(BOBS_DOUBLE_SPEND, 1000, 0);
    check(T0);

    game.submitted(CHALLENGE, L1_TX, T0);

    assertThat(challenges(check(T0.plus(RETRY).minusSeconds(1)), ID)).isEmpty();
    assertThat(challenges(check(T0.plus(RETRY)), ID)).hasSize(1);
    assertThat(game.exit(ID).orElseThrow().submission(CHALLENGE))
        .contains(new TrackedInFlightExit.Submission(CHALLENGE, L1_TX, T0));
  }

  @Test
  void failedChallenge_isProposedAgainAtOnce() {
    chain.include(BOBS_DOUBLE_SPEND, 1000, 0);
    game.submitted(CHALLENGE, L1_TX, T0);
    assertThat(challenges(check(T0), ID)).isEmpty();

    game.failed(CHALLENGE);

    assertThat(challenges(check(T0.plusSeconds(1)), ID)).hasSize(1);
  }

  @Test
  void finalizedExit_isNotJudged() {
    chain.include(BOBS_DOUBLE_SPEND, 1000, 0);
    game.deleted(ID);

    assertThat(check(T0).isEmpty()).isTrue();
    assertThat(game.isActive(ID)).isFalse();
  }

  @Test
  void observationsOfAnUnknownExit_areIgnored_andAStartIsAppliedOnce() {
    game.challenged(DOUBLE_SPEND_ID, 0, ChainPosition.IN_FLIGHT);
    game.started(ID, EXIT_TX, List.of(A_OUT, B_OUT), T0.plusSeconds(5));

    assertThat(game.exits()).extracting(TrackedInFlightExit::id).containsExactly(ID);
    assertThat(game.exit(ID).orElseThrow().startedAt()).isEqualTo(T0);
  }
}
