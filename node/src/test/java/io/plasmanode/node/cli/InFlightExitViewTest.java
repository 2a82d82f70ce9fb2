package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.inflight.InFlightExitState;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InFlightExitViewTest {
  private static final Address ALICE = TestKeys.ALICE.address();
  private static final Address BOB = TestKeys.BOB.address();
  private static final Address CAROL = TestKeys.CAROL.address();
  private static final Instant STARTED = Instant.parse("2026-12-07T08:00:00Z");
  private static final Duration PERIOD = Duration.ofDays(7);
  private static final UtxoPos INPUT = new UtxoPos(1000, 0, 0);
  private static final PaymentTransaction TX =
      PaymentTransaction.transfer(
          List.of(INPUT),
          List.of(
              new Output(BOB, Address.ZERO, BigInteger.TWO),
              new Output(ALICE, Address.ZERO, BigInteger.ONE)));

  private static InFlightExitState state(
      boolean active, boolean canonical, int piggybacked, Optional<Instant> exitableAt) {
    return new InFlightExitState(
        active ? InFlightExitState.Status.ACTIVE : InFlightExitState.Status.FINALIZED,
        Hash32.fromHex("0x" + "ab".repeat(32)),
        ALICE,
        STARTED,
        exitableAt,
        INPUT,
        Optional.empty(),
        canonical,
        List.of(new InFlightExitState.Input(0, INPUT, ALICE, Address.ZERO, BigInteger.valueOf(3))),
        List.of(),
        piggybacked);
  }

  private static InFlightExitView view(InFlightExitState state, Duration sinceStart) {
    return new InFlightExitView(state, TX, PERIOD, STARTED.plus(sinceStart));
  }

  @Test
  void phaseOne_isTheFirstHalfOfTheExitPeriod() {
    InFlightExitState state = state(true, true, 0, Optional.empty());
    assertThat(view(state, Duration.ZERO).phaseOneEnd())
        .isEqualTo(STARTED.plus(PERIOD.dividedBy(2)));
    assertThat(view(state, PERIOD.dividedBy(2).minusSeconds(1)).inPhaseOne()).isTrue();
    assertThat(view(state, PERIOD.dividedBy(2)).inPhaseOne()).isFalse();
    assertThat(view(state(false, true, 0, Optional.empty()), Duration.ZERO).inPhaseOne()).isFalse();
  }

  @Test
  void actions_inPhaseOne_areTheOwnersUnpiggybackedSlots() {
    InFlightExitView fresh = view(state(true, true, 0, Optional.empty()), Duration.ofHours(1));
    assertThat(fresh.actions(ALICE))
        .hasSize(2)
        .anySatisfy(a -> assertThat(a).contains("piggyback input 0", "--input 0"))
        .anySatisfy(a -> assertThat(a).contains("piggyback output 1", "--output 1"));
    assertThat(fresh.actions(BOB)).singleElement().asString().contains("--output 0");
    assertThat(fresh.actions(CAROL)).isEmpty();

    int aliceOutput = 1 << (4 + 1);
    InFlightExitView piggybacked =
        view(state(true, true, aliceOutput, Optional.empty()), Duration.ofHours(1));
    assertThat(piggybacked.actions(ALICE)).singleElement().asString().contains("--input 0");
    assertThat(piggybacked.piggybacks()).containsExactly("output 1");
  }

  @Test
  void actions_afterPhaseOne_deleteAnUnpiggybackedExitAndProcessAMaturedOne() {
    InFlightExitView late = view(state(true, true, 0, Optional.empty()), PERIOD);
    assertThat(late.actions(ALICE))
        .singleElement()
        .asString()
        .contains("plasma exit inflight delete --tx 0xabab");
    InFlightExitView blocked =
        view(state(true, true, 0, Optional.of(STARTED.plus(PERIOD.multipliedBy(2)))), PERIOD);
    assertThat(blocked.actions(ALICE))
        .as("piggybacked once (all blocked since): the contract refuses HasPiggybacks")
        .isEmpty();

    Instant exitable = STARTED.plus(PERIOD);
    InFlightExitView matured = view(state(true, true, 1, Optional.of(exitable)), PERIOD);
    assertThat(matured.actions(CAROL)).singleElement().asString().contains("plasma exit process");
    InFlightExitView young =
        view(state(true, true, 1, Optional.of(exitable)), PERIOD.minusSeconds(1));
    assertThat(young.actions(CAROL)).isEmpty();
  }

  @Test
  void actions_ofAChallengedExit_includeTheResponse_andAFinalizedOneHasNone() {
    InFlightExitView challenged =
        view(state(true, false, 1, Optional.of(STARTED.plus(PERIOD.multipliedBy(2)))), PERIOD);
    assertThat(challenged.status()).isEqualTo("challenged");
    assertThat(challenged.actions(CAROL))
        .singleElement()
        .asString()
        .contains("plasma exit inflight respond --tx 0xabab");
    InFlightExitView done = view(state(false, true, 0, Optional.empty()), Duration.ofHours(1));
    assertThat(done.status()).isEqualTo("finalized");
    assertThat(done.actions(ALICE)).isEmpty();
  }

  @Test
  void concerns_theStarterAndEveryInputAndOutputOwner() {
    InFlightExitView view = view(state(true, true, 0, Optional.empty()), Duration.ZERO);
    assertThat(view.concerns(BOB, CAROL)).isTrue();
    assertThat(view.concerns(ALICE, CAROL)).isTrue();
    assertThat(view.concerns(CAROL, CAROL)).isTrue();
    assertThat(view.concerns(CAROL, BOB)).isFalse();
  }
}
