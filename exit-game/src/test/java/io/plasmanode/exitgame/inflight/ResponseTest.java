package io.plasmanode.exitgame.inflight;

import static io.plasmanode.exitgame.inflight.CanonicityTest.events;
import static io.plasmanode.exitgame.inflight.InFlightFixture.BOBS_DOUBLE_SPEND;
import static io.plasmanode.exitgame.inflight.InFlightFixture.B_OUT;
import static io.plasmanode.exitgame.inflight.InFlightFixture.DEADLINE;
import static io.plasmanode.exitgame.inflight.InFlightFixture.ETH;
import static io.plasmanode.exitgame.inflight.InFlightFixture.EXIT_TX;
import static io.plasmanode.exitgame.inflight.InFlightFixture.ID;
import static io.plasmanode.exitgame.inflight.InFlightFixture.L1_TX;
import static io.plasmanode.exitgame.inflight.InFlightFixture.RETRY;
import static io.plasmanode.exitgame.inflight.InFlightFixture.T0;
import static io.plasmanode.exitgame.inflight.InFlightFixture.TOKEN;
import static io.plasmanode.exitgame.inflight.InFlightFixture.idOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.exitgame.ByzantineEvent;
import io.plasmanode.exitgame.InFlightByzantineEvent.InvalidIfeChallenge;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** W4: an exit whose tx is included and older than every competitor gets a response. */
class ResponseTest {
  private static final ActionKey RESPOND = new ActionKey(ID, ActionKey.Kind.RESPOND, 0);
  private static final UtxoPos TX_POS = new UtxoPos(1000, 0, 0);

  private final InFlightFixture chain = new InFlightFixture();
  private final InFlightExitGame game = InFlightFixture.startedGame();

  private InFlightExitGame.Decisions check(Instant now) {
    return chain.check(game, now);
  }

  private static List<InFlightAction> responses(InFlightExitGame.Decisions decisions) {
    return decisions.actions().stream()
        .filter(InFlightAction.RespondToChallenge.class::isInstance)
        .toList();
  }

  @Test
  void challengeOfAnIncludedExitTx_withAnInFlightCompetitor_getsAResponse() {
    chain.include(EXIT_TX, 1000, 0);
    game.started(idOf(BOBS_DOUBLE_SPEND.tx()), BOBS_DOUBLE_SPEND, List.of(B_OUT), T0);
    game.challenged(ID, 1, ChainPosition.IN_FLIGHT);

    InFlightExitGame.Decisions decisions = check(T0);

    InFlightAction.RespondToChallenge response =
        new InFlightAction.RespondToChallenge(ID, EXIT_TX.tx(), TX_POS);
    assertThat(decisions.actions()).contains(response);
    assertThat(response.key()).isEqualTo(RESPOND);
    assertThat(events(decisions, InvalidIfeChallenge.class))
        .containsExactly(new InvalidIfeChallenge(ID, TX_POS, T0));
    assertThat(decisions.events().getFirst().action()).isEqualTo(ByzantineEvent.Action.CHALLENGE);
    assertThat(events(check(T0.plusSeconds(1)), InvalidIfeChallenge.class)).isEmpty();
  }

  @Test
  void challengeWithAYoungerIncludedCompetitor_getsAResponse() {
    chain.include(EXIT_TX, 1000, 0);
    game.challenged(ID, 1, ChainPosition.included(1000, 1));

    assertThat(responses(check(T0))).hasSize(1);
  }

  @Test
  void response_isNotProposed_whenTheTxIsNotOlderThanL1sCompetitor() {
    chain.include(EXIT_TX, 1000, 0);
    game.challenged(ID, 1, ChainPosition.included(1000, 0));

    InFlightExitGame.Decisions samePosition = check(T0);
    assertThat(responses(samePosition)).isEmpty();
    assertThat(events(samePosition, InvalidIfeChallenge.class)).isEmpty();

    game.challenged(ID, 1, ChainPosition.included(999, 65_535));
    assertThat(responses(check(T0))).isEmpty();
  }

  @Test
  void exitTxInNoBlock_cannotRespond() {
    game.challenged(ID, 1, ChainPosition.IN_FLIGHT);

    InFlightExitGame.Decisions decisions = check(T0);

    assertThat(decisions.actions()).isEmpty();
    assertThat(events(decisions, InvalidIfeChallenge.class)).isEmpty();
  }

  @Test
  void canonicalExit_needsNoResponse() {
    chain.include(EXIT_TX, 1000, 0);

    assertThat(check(T0).actions()).isEmpty();
    game.challenged(ID, 1, ChainPosition.IN_FLIGHT);
    game.responded(ID, TX_POS);
    assertThat(check(T0).actions()).isEmpty();
  }

  @Test
  void response_isProposedAfterPhaseOne_untilProcessingStarts() {
    chain.include(EXIT_TX, 1000, 0);
    game.challenged(ID, 1, ChainPosition.IN_FLIGHT);

    assertThat(responses(check(DEADLINE.plus(Duration.ofDays(3))))).hasSize(1);

    game.processed(ID, TOKEN, false, false);
    InFlightExitGame.Decisions processing = check(DEADLINE.plus(Duration.ofDays(3)));
    assertThat(processing.actions()).isEmpty();
    assertThat(game.holds(new InvalidIfeChallenge(ID, TX_POS, T0), T0)).isTrue();

    game.processed(ID, ETH, false, true);
    assertThat(game.holds(new InvalidIfeChallenge(ID, TX_POS, T0), T0)).isFalse();
  }

  @Test
  void firstProcessingPass_fixesTheCanonicityL1Shows() {
    game.processed(ID, TOKEN, false, false);
    assertThat(game.exit(ID).orElseThrow().l1().canonical()).isFalse();
    game.processed(ID, ETH, true, false);
    assertThat(game.exit(ID).orElseThrow().l1().canonical()).isFalse();

    InFlightExitGame other = InFlightFixture.startedGame();
    other.processed(ID, TOKEN, true, false);
    other.processed(ID, ETH, false, false);
    assertThat(other.exit(ID).orElseThrow().l1().canonical()).isTrue();
    assertThat(other.exit(ID).orElseThrow().l1().processing()).isTrue();
  }

  @Test
  void responseOnL1_endsTheEvent_andStopsTheResponse() {
    chain.include(EXIT_TX, 1000, 0);
    game.challenged(ID, 1, ChainPosition.IN_FLIGHT);
    InvalidIfeChallenge raised = events(check(T0), InvalidIfeChallenge.class).getFirst();

    game.responded(ID, TX_POS);

    assertThat(game.holds(raised, T0)).isFalse();
    assertThat(check(T0.plusSeconds(1)).actions()).isEmpty();
  }

  @Test
  void submittedResponse_waitsForTheRetryDelay_andAFailureProposesItAgain() {
    chain.include(EXIT_TX, 1000, 0);
    game.challenged(ID, 1, ChainPosition.IN_FLIGHT);
    game.submitted(RESPOND, L1_TX, T0);

    assertThat(responses(check(T0.plus(RETRY).minusSeconds(1)))).isEmpty();
    assertThat(responses(check(T0.plus(RETRY)))).hasSize(1);
    game.failed(RESPOND);
    assertThat(responses(check(T0.plusSeconds(1)))).hasSize(1);
  }

  @Test
  void newChallengeOnL1_clearsTheSubmittedResponse() {
    chain.include(EXIT_TX, 1000, 0);
    game.challenged(ID, 1, ChainPosition.IN_FLIGHT);
    game.submitted(RESPOND, L1_TX, T0);
    game.responded(ID, TX_POS);
    game.challenged(ID, 1, ChainPosition.included(1000, 1));

    assertThat(game.exit(ID).orElseThrow().submissions()).isEmpty();
    assertThat(responses(check(T0.plusSeconds(1)))).hasSize(1);
  }
}
