package io.plasmanode.node.watcher;

import static io.plasmanode.node.testing.Payments.eth;
import static io.plasmanode.node.testing.Waits.await;
import static io.plasmanode.node.testing.WatcherView.eventTypes;
import static io.plasmanode.node.testing.WatcherView.pastEventTypes;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.inflight.InFlightExitState;
import io.plasmanode.core.l1.ExitId;
import io.plasmanode.core.l1.ExitState;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.node.daemon.OperatorNode;
import io.plasmanode.node.testing.OperatorSetup;
import io.plasmanode.node.testing.PlasmaNetwork;
import io.plasmanode.node.testing.Scenario;
import io.plasmanode.node.testing.WatcherSetup;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The exit game with production lengths: a 7-day exit period (OMG Plasma's) and the watcher's own
 * defaults for it, as {@code plasma watcher} takes them when no timing is given (finality margin 10
 * blocks, safety margin 1 d, challenge retry 5 min, withholding timeout 60 s, challenger urgent
 * margin scaled to the period; only the poll interval is the tests' 100 ms). L1 moves by {@code
 * evm_mine} and {@code evm_increaseTime}: the watcher must wait out its finality margin before it
 * acts, and the exits mature days later, not seconds. Against the real operator: an invalid
 * standard exit is challenged long before it matures and never paid; an in-flight exit with a
 * piggyback pays its output after the period.
 */
class ProductionTimingsIT {
  private static final PrivateKey OPERATOR = TestKeys.CAROL;
  private static final PrivateKey ALICE = TestKeys.ALICE;
  private static final PrivateKey BOB = TestKeys.BOB;
  private static final PrivateKey CHALLENGER = TestKeys.DAVE;
  private static final Duration EXIT_PERIOD = Duration.ofDays(7);
  private static final BigInteger ONE_ETH = AnvilChain.ether(1);

  @RegisterExtension
  final PlasmaNetwork net =
      PlasmaNetwork.builder().operator(OPERATOR).exitPeriod(EXIT_PERIOD).fund(TestKeys.ALL).build();

  private WatcherNode watcher;

  /** A watcher with the defaults {@code plasma watcher} derives for a 7-day exit period. */
  private WatcherNode startWatcher(OperatorNode operator) {
    Duration safetyMargin = WatcherTimings.defaultSafetyMargin(EXIT_PERIOD);
    Duration retry = WatcherTimings.defaultChallengeRetry(EXIT_PERIOD);
    assertThat(safetyMargin).isEqualTo(Duration.ofDays(1));
    assertThat(retry).isEqualTo(Duration.ofMinutes(5));
    return net.startWatcher(
        PlasmaNetwork.rpcUrl(operator), setup -> productionDefaults(setup, safetyMargin, retry));
  }

  private static WatcherSetup productionDefaults(
      WatcherSetup setup, Duration safetyMargin, Duration retry) {
    return setup
        .withFinalityMargin(WatcherConfig.DEFAULT_FINALITY_MARGIN)
        .withSafetyMargin(safetyMargin)
        .withChallengeRetryAfter(retry)
        .withWithholdingTimeout(WatcherConfig.DEFAULT_WITHHOLDING_TIMEOUT)
        .withChallenger(
            CHALLENGER,
            ChallengerConfig.of(
                ChallengerConfig.DEFAULT_RESEND_BLOCKS,
                WatcherTimings.defaultUrgentMargin(EXIT_PERIOD, safetyMargin),
                ChallengerConfig.DEFAULT_MAX_FEE_PER_GAS));
  }

  /** Mines {@code blocks} L1 blocks, a second apart on L1's clock. */
  private void mine(int blocks) {
    for (int i = 0; i < blocks; i++) {
      net.l1().advanceTime(Duration.ofSeconds(1));
    }
  }

  /** Mines until {@code what} holds, a block at a time (the watcher reads 10 blocks behind). */
  private void mineUntil(String what, BooleanSupplier condition) {
    for (int i = 0; i < 60 && !condition.getAsBoolean(); i++) {
      mine(1);
      sleep(Duration.ofMillis(300));
    }
    await(what, condition::getAsBoolean);
  }

  /** Moves L1's clock past {@code at}. */
  private void warpPast(Instant at) {
    Instant now = net.l1().as(ALICE).latestBlockTime();
    net.l1().advanceTime(Duration.between(now, at).plusSeconds(1));
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void invalidStandardExit_isChallengedDaysBeforeItMatures_andNeverPaid() {
    OperatorNode operator = net.startOperator(setup -> OperatorSetup.quick());
    Scenario users = net.scenario(PlasmaNetwork.rpcUrl(operator));
    watcher = startWatcher(operator);
    UtxoPos deposit = users.deposit(BOB, ONE_ETH);
    users.operator().submitWhenAccepted(users.transfer(BOB, deposit, eth(ALICE, ONE_ETH)));
    users.awaitOnL1(1000);
    mineUntil("block 1000 validated", () -> watcher.status().syncedHeight() == 1000);

    users.exitDeposit(BOB, deposit, ONE_ETH);
    Instant exitableAt = users.exit(deposit).exitableAt();
    assertThat(exitableAt).isAfter(net.l1().as(BOB).latestBlockTime().plus(Duration.ofDays(6)));
    mine(5);
    assertThat(users.exit(deposit).status())
        .as("within the finality margin the watcher has not acted yet")
        .isEqualTo(ExitState.Status.ACTIVE);
    mineUntil(
        "the challenge on L1", () -> users.exit(deposit).status() == ExitState.Status.CHALLENGED);
    assertThat(net.l1().nonce(CHALLENGER.address())).isEqualTo(1);
    // Days pass as blocks: the challenge is final (10 blocks deep) long before the exit matures.
    mineUntil(
        "the watcher sees the challenge final",
        () -> pastEventTypes(watcher).contains("invalid_exit"));

    warpPast(exitableAt);
    mine(12);
    BigInteger bobBefore = users.l1Balance(BOB);
    users.processExits(ALICE, deposit.toLong(), 1);
    assertThat(users.l1Balance(BOB)).as("bob's challenged exit paid nothing").isEqualTo(bobBefore);
    long head = net.l1().as(ALICE).l1Height();
    mineUntil("L1 read after the warp", () -> watcher.status().l1HeightSeen() >= head);
    assertThat(eventTypes(watcher)).isEmpty();
    assertThat(pastEventTypes(watcher))
        .as("reported and ended, never unchallenged_exit (safety margin 1 d)")
        .containsExactly("invalid_exit");
    assertThat(net.l1().nonce(CHALLENGER.address())).as("challenged once").isEqualTo(1);
  }

  @Test
  void inFlightExit_withAPiggyback_paysItsOutputAfterTheDefaultPeriod() {
    OperatorNode operator = net.startOperator(setup -> OperatorSetup.quick());
    Scenario users = net.scenario(PlasmaNetwork.rpcUrl(operator));
    watcher = startWatcher(operator);
    UtxoPos deposit = users.deposit(ALICE, ONE_ETH);
    SignedTransaction t = users.transfer(ALICE, deposit, eth(BOB, ONE_ETH));
    users.operator().submitWhenAccepted(t);
    users.awaitOnL1(1000);
    mineUntil("block 1000 validated", () -> watcher.status().syncedHeight() == 1000);

    users.startInFlightExit(ALICE, t);
    mineUntil(
        "piggyback_available for bob's output",
        () -> eventTypes(watcher).contains("piggyback_available"));
    users.piggybackOutput(BOB, t, 0);
    users.piggybackInput(ALICE, t, 0);
    mineUntil(
        "piggyback_available ended for both",
        () -> !eventTypes(watcher).contains("piggyback_available"));
    InFlightExitState exit = users.inFlightExit(t).orElseThrow();
    assertThat(exit.canonical()).isTrue();
    Instant exitableAt = exit.exitableAt().orElseThrow();
    assertThat(exitableAt)
        .as("a week after the piggyback")
        .isAfter(net.l1().as(BOB).latestBlockTime().plus(Duration.ofDays(6)));

    warpPast(exitableAt);
    BigInteger bobBefore = users.l1Balance(BOB);
    users.processExits(ALICE, new ExitId.InFlight(Scenario.inFlightExitId(t)), 1);
    assertThat(users.l1Balance(BOB))
        .as("bob: the output and his piggyback bond")
        .isEqualTo(bobBefore.add(ONE_ETH).add(net.l1().as(BOB).piggybackBond()));
    assertThat(users.inFlightExit(t).orElseThrow().status())
        .isEqualTo(InFlightExitState.Status.FINALIZED);
    assertThat(net.l1().nonce(CHALLENGER.address())).as("nothing to challenge").isZero();
    assertThat(eventTypes(watcher)).isEmpty();
  }
}
