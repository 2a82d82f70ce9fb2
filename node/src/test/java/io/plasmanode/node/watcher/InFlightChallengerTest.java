package io.plasmanode.node.watcher;

import static io.plasmanode.node.watcher.InFlightWatcherFixture.A_OUT;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.B;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.BOBS_DOUBLE_SPEND;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.B_OUT;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.EXIT_TX;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.ID;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.T0;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.onL1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.exitgame.SpendRecord;
import io.plasmanode.exitgame.inflight.ActionKey;
import io.plasmanode.exitgame.inflight.InFlightAction;
import io.plasmanode.exitgame.inflight.Slot;
import io.plasmanode.node.metrics.WatcherMetrics;
import io.plasmanode.node.watcher.ChallengeChannel.SignedChallenge;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The in-flight exit game's calls through the challenger: saved before they are sent, sent once per
 * exit, kind and slot, re-sent (same nonce) when dropped, never again once mined, resumed after a
 * restart in the middle of a send, and failures reported back to the game.
 */
class InFlightChallengerTest {
  private static final Instant EXITABLE = T0.plusSeconds(4 * 3600);
  private static final Instant NOW = T0.plusSeconds(600);

  /** Bob's double spend of input 1 (B), included at 1000:0. */
  private static final SpendRecord INCLUDED_SPEND =
      new SpendRecord(B, BOBS_DOUBLE_SPEND.tx(), 0, BOBS_DOUBLE_SPEND.signatures().get(0), 1000, 0);

  private static final InFlightAction INPUT_SPENT =
      new InFlightAction.ChallengeInputSpent(ID, EXIT_TX.tx(), 1, INCLUDED_SPEND);
  private static final ChallengeKey INPUT_KEY = new ChallengeKey.InFlight(INPUT_SPENT.key());

  private static final InFlightAction NOT_CANONICAL =
      new InFlightAction.ChallengeNotCanonical(
          ID,
          EXIT_TX.tx(),
          1,
          SpendRecord.inFlight(
              B, BOBS_DOUBLE_SPEND.tx(), 0, BOBS_DOUBLE_SPEND.signatures().get(0)));

  private final InMemoryKeyValueStore kv = new InMemoryKeyValueStore();
  private final FakeChallengeL1 l1 = new FakeChallengeL1();
  private WatcherState state;
  private ExitChallenger challenger;

  @BeforeEach
  void setUp() {
    l1.setInFlightExit(ID, onL1(Optional.of(EXITABLE), true, 0b0000_0010));
    challenger = restart();
    state.inFlight().started(ID, EXIT_TX, List.of(A_OUT, B_OUT), T0);
    state.inFlight().piggybacked(ID, Slot.input(1), EXITABLE, T0.plusSeconds(60));
    state.save();
  }

  private ExitChallenger restart() {
    state = InFlightWatcherFixture.state(kv);
    return new ExitChallenger(
        Optional.of(l1),
        new ChallengeStore(kv),
        ChallengerConfig.defaults(),
        0,
        state,
        new InFlightCallBuilder(new ChainStore(kv)),
        WatcherMetrics.NONE.challengesSent());
  }

  private Optional<?> submission(ActionKey key) {
    return state.inFlight().exit(ID).orElseThrow().submission(key);
  }

  @Test
  void act_savesTheCallBeforeSendingIt_sendsItOnce_andRecordsTheSubmission() {
    l1.beforeSend(
        signed ->
            assertThat(new ChallengeStore(kv).get(INPUT_KEY).orElseThrow().txHashes())
                .contains(signed.txHash()));
    challenger.act(INPUT_SPENT, NOW);
    challenger.act(INPUT_SPENT, NOW.plusSeconds(3600)); // proposed again: in flight

    assertThat(l1.sent()).hasSize(1);
    assertThat(new ChallengeStore(kv).get(INPUT_KEY).orElseThrow().call())
        .isInstanceOf(ChallengeCall.InputSpent.class);
    assertThat(submission(INPUT_SPENT.key())).isPresent();
  }

  @Test
  void twoActionsOfOneExit_areInFlightTogether_withTheirOwnNonces() {
    challenger.act(INPUT_SPENT, NOW);
    challenger.act(NOT_CANONICAL, NOW);

    assertThat(l1.sent()).extracting(SignedChallenge::nonce).containsExactly(0L, 1L);
    assertThat(new ChallengeStore(kv).all()).hasSize(2);
  }

  @Test
  void droppedFromThePool_isResentWithTheSameNonce() {
    challenger.act(INPUT_SPENT, NOW);
    l1.dropAll();
    challenger.track(NOW);

    assertThat(l1.sent()).hasSize(2);
    assertThat(l1.lastSent().nonce()).isZero();
    l1.mine();
    challenger.track(NOW);
    assertThat(l1.inFlightExit(ID).orElseThrow().inputPiggybacked(1)).isFalse();
  }

  @Test
  void mined_isNotSentAgain_whenTheGameProposesItAgain() {
    challenger.act(INPUT_SPENT, NOW);
    l1.mine();
    challenger.track(NOW);
    assertThat(new ChallengeStore(kv).all()).isEmpty();

    challenger.act(INPUT_SPENT, NOW.plusSeconds(3600));
    l1.mine(5);
    challenger.track(NOW.plusSeconds(3600));
    assertThat(l1.sent()).hasSize(1);
  }

  @Test
  void restartInTheMiddleOfASend_resumesTheSavedCall_neverASecondOne() {
    AtomicBoolean crash = new AtomicBoolean(true);
    l1.beforeSend(
        signed -> {
          if (crash.getAndSet(false)) {
            throw new IllegalStateException("killed while sending");
          }
        });
    assertThatThrownBy(() -> challenger.act(INPUT_SPENT, NOW)).hasMessageContaining("killed");

    challenger = restart();
    challenger.act(INPUT_SPENT, NOW);
    assertThat(l1.sent()).as("the saved call is followed, not started anew").isEmpty();
    challenger.track(NOW);
    assertThat(l1.sent()).hasSize(1);
    assertThat(l1.lastSent().nonce()).isZero();
    l1.mine();
    challenger.track(NOW);

    assertThat(l1.minedNonce).isEqualTo(1);
    assertThat(new ChallengeStore(kv).all()).isEmpty();
  }

  @Test
  void reverted_isReportedFailedToTheGame_whichMayProposeItAgain() {
    challenger.act(INPUT_SPENT, NOW);
    assertThat(submission(INPUT_SPENT.key())).isPresent();
    l1.setInFlightExit(ID, onL1(Optional.of(EXITABLE), true, 0)); // blocked by someone else
    l1.mine();
    challenger.track(NOW);

    assertThat(submission(INPUT_SPENT.key())).isEmpty();
    assertThat(new ChallengeStore(kv).all()).isEmpty();
  }

  @Test
  void actionL1NoLongerCallsFor_isNotSent() {
    l1.setInFlightExit(ID, onL1(Optional.of(EXITABLE), false, 0b0000_0010));
    challenger.act(NOT_CANONICAL, NOW);

    assertThat(l1.sent()).isEmpty();
    assertThat(submission(NOT_CANONICAL.key())).isPresent();
  }

  @Test
  void withoutAChallengerKey_nothingIsSent() {
    ExitChallenger reporting =
        new ExitChallenger(
            Optional.empty(),
            new ChallengeStore(kv),
            ChallengerConfig.defaults(),
            0,
            state,
            new InFlightCallBuilder(new ChainStore(kv)),
            WatcherMetrics.NONE.challengesSent());
    reporting.act(INPUT_SPENT, NOW);

    assertThat(l1.sent()).isEmpty();
    assertThat(submission(INPUT_SPENT.key())).isEmpty();
  }
}
