package io.plasmanode.node.watcher;

import static io.plasmanode.node.watcher.FakeChallengeL1.gwei;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.contracts.l1.Fees;
import io.plasmanode.core.l1.ExitState;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.exitgame.Challenge;
import io.plasmanode.exitgame.ExitGameConfig;
import io.plasmanode.node.metrics.MetricsText;
import io.plasmanode.node.metrics.PrometheusMetrics;
import io.plasmanode.node.metrics.WatcherMetrics;
import io.plasmanode.node.watcher.ChallengeChannel.SignedChallenge;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The challenger's decisions against an in-memory L1 stepped block by block: when a challenge is
 * re-sent, with which nonce and fees, when following it ends, and when it raises alarms.
 */
class ChallengeTrackerTest {
  private static final UtxoPos EXIT = new UtxoPos(1, 0, 0);
  private static final ChallengeKey KEY = new ChallengeKey.Standard(EXIT);
  private static final Instant T0 = Instant.parse("2026-12-07T00:00:00Z");
  private static final Instant EXITABLE_AT = T0.plus(Duration.ofHours(1));
  private static final ChallengerConfig CONFIG = ChallengerConfig.defaults();

  private final InMemoryKeyValueStore kv = new InMemoryKeyValueStore();
  private final FakeChallengeL1 l1 = new FakeChallengeL1();
  private final PrometheusMetrics registry = PrometheusMetrics.create();
  private final WatcherMetrics metrics = WatcherMetrics.register(registry, 0);
  private WatcherState state;
  private ExitChallenger challenger;

  @BeforeEach
  void setUp() {
    l1.addExit(EXIT, EXITABLE_AT);
    challenger = restart(CONFIG);
    state
        .game()
        .apply(
            new L1Event.ExitStarted(
                new L1Event.L1Origin(1, Hash32.ZERO, 0),
                EXIT,
                FakeChallengeL1.SENDER,
                Address.ZERO,
                BigInteger.ONE,
                EXITABLE_AT));
    state.save();
  }

  /** A new challenger (and watcher state) on the same store, as after a restart. */
  private ExitChallenger restart(ChallengerConfig config) {
    return restart(config, 0);
  }

  /** As {@link #restart(ChallengerConfig)}, following mined challenges {@code finality} deep. */
  private ExitChallenger restart(ChallengerConfig config, int finality) {
    state =
        new WatcherState(
            new WatcherStore(kv),
            new ExitGameConfig(Duration.ofSeconds(10), Duration.ofMinutes(5)),
            WatcherNode.inFlightConfig(
                Duration.ofHours(2), Duration.ofSeconds(10), Duration.ofMinutes(5)),
            Duration.ofMinutes(1),
            0,
            Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    return new ExitChallenger(
        Optional.of(l1),
        new ChallengeStore(kv),
        config,
        finality,
        state,
        new InFlightCallBuilder(new ChainStore(kv)),
        metrics.challengesSent());
  }

  private static Challenge challenge() {
    return challenge(EXIT);
  }

  private static Challenge challenge(UtxoPos exit) {
    PaymentTransaction spend =
        PaymentTransaction.transfer(
            List.of(exit),
            List.of(new Output(FakeChallengeL1.SENDER, Address.ZERO, BigInteger.ONE)));
    return new Challenge(exit, spend, 0, Signature.of(new byte[32], new byte[32], 27));
  }

  @Test
  void challenge_isSavedBeforeItIsSent_withTheNextNonceAndTheSuggestedFees() {
    l1.beforeSend(
        signed ->
            assertThat(new ChallengeStore(kv).get(KEY).orElseThrow().txHashes())
                .contains(signed.txHash()));
    challenger.challenge(challenge(), T0);

    assertThat(l1.sent()).hasSize(1);
    assertThat(l1.lastSent().nonce()).isZero();
    assertThat(l1.lastSent().fees()).isEqualTo(Fees.forBaseFee(gwei(10), gwei(1)));
    assertThat(state.game().exit(EXIT).orElseThrow().challenge().orElseThrow().l1TxHash())
        .isEqualTo(l1.lastSent().txHash());
    challenger.challenge(challenge(), T0.plusSeconds(600)); // proposed again: already in flight
    assertThat(l1.sent()).hasSize(1);
    assertThat(MetricsText.parse(registry.scrape()).value("plasma_watcher_challenges_sent_total"))
        .hasValue(1);
  }

  @Test
  void notMinedWithinTheResendBlocks_isResentWithTheSameNonceAndHigherFees() {
    l1.baseFee = gwei(10);
    challenger.challenge(challenge(), T0);
    l1.baseFee = gwei(100); // the first transaction no longer pays the base fee
    for (int block = 1; block < CONFIG.resendBlocks(); block++) {
      l1.mine();
      challenger.track(T0);
      assertThat(l1.sent()).as("re-sent after %s block(s)", block).hasSize(1);
    }
    l1.mine();
    challenger.track(T0);

    assertThat(l1.sent()).hasSize(2);
    SignedChallenge first = l1.sent().getFirst();
    SignedChallenge second = l1.lastSent();
    assertThat(second.nonce()).isEqualTo(first.nonce());
    assertThat(second.fees().canReplace(first.fees())).isTrue();
    assertThat(second.fees().maxFeePerGas()).isGreaterThanOrEqualTo(gwei(200));

    l1.mine();
    challenger.track(T0);
    assertThat(l1.exit(EXIT).status()).isEqualTo(ExitState.Status.CHALLENGED);
    assertThat(new ChallengeStore(kv).all()).isEmpty();
    l1.mine(10);
    challenger.track(T0);
    assertThat(l1.sent()).hasSize(2);
    assertThat(challenger.alarms()).isEmpty();
  }

  @Test
  void minedChallenge_isFollowedUntilFinal_andResentAtOnceWhenAReorgDropsIt() {
    challenger = restart(CONFIG, 3);
    challenger.challenge(challenge(), T0);
    l1.mine();
    challenger.track(T0);
    assertThat(new ChallengeStore(kv).get(KEY)).as("mined, not final: still followed").isPresent();
    challenger.track(EXITABLE_AT.minus(CONFIG.urgentMargin()).plusSeconds(1));
    assertThat(l1.sent()).as("mined: not re-sent, even when urgent").hasSize(1);
    assertThat(challenger.alarms()).as("mined: not at risk").isEmpty();

    l1.reorg(1);
    challenger.track(T0);
    assertThat(l1.sent()).hasSize(2);
    assertThat(l1.lastSent().nonce()).isZero();
    assertThat(l1.exit(EXIT).status()).isEqualTo(ExitState.Status.ACTIVE);
    assertThat(state.game().exit(EXIT).orElseThrow().challenge()).isPresent();

    l1.mine();
    for (int depth = 0; depth < 3; depth++) {
      challenger.track(T0);
      assertThat(new ChallengeStore(kv).get(KEY)).as("%s blocks deep", depth).isPresent();
      l1.mine();
    }
    challenger.track(T0);
    assertThat(new ChallengeStore(kv).all()).isEmpty();
    assertThat(l1.exit(EXIT).status()).isEqualTo(ExitState.Status.CHALLENGED);
    l1.mine(10);
    challenger.track(T0);
    assertThat(l1.sent()).hasSize(2);
  }

  @Test
  void droppedFromThePool_isResentAtOnceWithTheSameNonce() {
    challenger.challenge(challenge(), T0);
    l1.dropAll();
    challenger.track(T0);

    assertThat(l1.sent()).hasSize(2);
    assertThat(l1.lastSent().nonce()).isZero();
    l1.mine();
    challenger.track(T0);
    assertThat(l1.exit(EXIT).status()).isEqualTo(ExitState.Status.CHALLENGED);
  }

  @Test
  void exitNearMaturity_isResentAtOnceAndAtEveryNewBlockWithAStrongBump_andRaisesAnAlarm() {
    challenger.challenge(challenge(), T0);
    l1.minTip = gwei(100); // blocks are full of transactions that tip more
    Fees first = l1.lastSent().fees();
    Instant late = EXITABLE_AT.minus(CONFIG.urgentMargin()).plusSeconds(1);
    challenger.track(late);
    assertThat(l1.sent()).as("re-sent as soon as the exit is urgent").hasSize(2);
    assertThat(l1.lastSent().fees()).isEqualTo(first.bumped(CONFIG.urgentBumpPercent()));
    assertThat(l1.lastSent().nonce()).isZero();
    assertThat(challenger.alarms())
        .singleElement()
        .asString()
        .contains("not mined yet", EXIT.toString(), "matures in 599 s");
    challenger.track(late);
    assertThat(l1.sent()).as("not again before a new block").hasSize(2);

    l1.mine();
    challenger.track(late);
    assertThat(l1.sent()).hasSize(3);
    assertThat(l1.lastSent().fees()).isEqualTo(first.bumped(100).bumped(100));
    l1.mine();
    challenger.track(late);
    assertThat(l1.sent()).hasSize(4);
  }

  @Test
  void urgentChallengeTheNodeDoesNotShow_isRaisedOncePerBlock_notAtEveryStep() {
    Instant late = EXITABLE_AT.minus(CONFIG.urgentMargin()).plusSeconds(1);
    challenger.challenge(challenge(), late);
    Fees first = l1.lastSent().fees();
    for (int step = 0; step < 5; step++) {
      l1.dropAll(); // e.g. a load-balanced endpoint that does not show pending transactions
      challenger.track(late);
    }
    assertThat(l1.sent()).hasSize(6);
    assertThat(l1.sent()).allMatch(sent -> sent.fees().equals(first));

    l1.dropAll();
    l1.minTip = gwei(100);
    l1.mine();
    challenger.track(late);
    assertThat(l1.lastSent().fees()).isEqualTo(first.bumped(CONFIG.urgentBumpPercent()));
  }

  @Test
  void atTheFeeCap_waitsAndRaisesAnAlarm() {
    challenger = restart(ChallengerConfig.of(3, Duration.ofMinutes(10), gwei(21)));
    challenger.challenge(challenge(), T0);
    l1.baseFee = gwei(100);
    l1.mine(3);
    challenger.track(T0);

    assertThat(l1.sent()).hasSize(1);
    assertThat(challenger.alarms()).singleElement().asString().contains("at the cap (21 gwei");
  }

  @Test
  void nonceUsedByAnotherTransaction_endsFollowing_andTheExitIsChallengedAgain() {
    challenger.challenge(challenge(), T0);
    l1.dropAll();
    l1.mineForeignTransaction();
    challenger.track(T0);

    assertThat(new ChallengeStore(kv).all()).isEmpty();
    assertThat(state.game().exit(EXIT).orElseThrow().challenge()).isEmpty();
    challenger.challenge(challenge(), T0);
    assertThat(l1.lastSent().nonce()).isEqualTo(1);
  }

  @Test
  void exitChallengedBySomeoneElse_endsFollowingWithoutResending() {
    challenger.challenge(challenge(), T0);
    l1.setExitStatus(EXIT, ExitState.Status.CHALLENGED);
    l1.dropAll();
    challenger.track(T0);
    l1.mine(10);
    challenger.track(EXITABLE_AT);

    assertThat(l1.sent()).hasSize(1);
    assertThat(new ChallengeStore(kv).all()).isEmpty();
    assertThat(challenger.alarms()).isEmpty();
  }

  @Test
  void nextChallenge_replacesAPendingOneWhoseExitSomeoneElseChallenged() {
    UtxoPos other = new UtxoPos(2, 0, 0);
    l1.addExit(other, EXITABLE_AT);
    l1.minTip = gwei(100); // nothing of ours is mined for now
    challenger.challenge(challenge(), T0);
    l1.setExitStatus(EXIT, ExitState.Status.CHALLENGED);
    challenger.track(T0); // no longer followed, but still pending at nonce 0

    challenger.challenge(challenge(other), T0);
    assertThat(l1.lastSent().nonce()).as("not queued behind the abandoned one").isZero();
    challenger.track(T0); // refused as underpriced: outbid it
    assertThat(l1.lastSent().nonce()).isZero();
    assertThat(l1.lastSent().fees().canReplace(l1.sent().getFirst().fees())).isTrue();
    l1.minTip = BigInteger.ZERO;
    l1.mine();
    challenger.track(T0);
    assertThat(l1.exit(other).status()).isEqualTo(ExitState.Status.CHALLENGED);
    assertThat(new ChallengeStore(kv).all()).isEmpty();
  }

  @Test
  void revertedChallenge_isNotRetried() {
    challenger.challenge(challenge(), T0);
    l1.setExitStatus(EXIT, ExitState.Status.CHALLENGED); // another watcher's challenge came first
    l1.mine();
    challenger.track(T0);
    l1.mine(10);
    challenger.track(T0);

    assertThat(l1.sent()).hasSize(1);
    assertThat(new ChallengeStore(kv).all()).isEmpty();
  }

  @Test
  void restart_resumesFollowingTheSavedTransaction_insteadOfSendingANewOne() {
    challenger.challenge(challenge(), T0);
    SignedChallenge first = l1.lastSent();

    challenger = restart(CONFIG);
    challenger.challenge(challenge(), T0.plus(Duration.ofMinutes(6)));
    assertThat(l1.sent()).hasSize(1);
    l1.dropAll(); // e.g. the L1 node restarted too
    challenger.track(T0);
    assertThat(l1.sent()).hasSize(2);
    assertThat(l1.lastSent().nonce()).isEqualTo(first.nonce());
    l1.mine();
    challenger.track(T0);
    assertThat(l1.exit(EXIT).status()).isEqualTo(ExitState.Status.CHALLENGED);
  }

  @Test
  void accountThatCannotPay_raisesAnAlarm_andTheChallengeIsSentOnceFunded() {
    l1.balance = BigInteger.ZERO;
    challenger.challenge(challenge(), T0);
    challenger.track(T0);
    assertThat(challenger.alarms())
        .anySatisfy(alarm -> assertThat(alarm).contains("insufficient funds"))
        .anySatisfy(alarm -> assertThat(alarm).contains("holds 0 ETH", "fund it"));
    challenger.track(T0);
    assertThat(l1.sent()).as("no re-send before a new block").hasSize(1);

    l1.balance = BigInteger.TEN.pow(19);
    l1.mine();
    challenger.track(T0);
    assertThat(l1.sent()).hasSize(2);
    l1.mine();
    challenger.track(T0);
    assertThat(l1.exit(EXIT).status()).isEqualTo(ExitState.Status.CHALLENGED);
    assertThat(challenger.alarms()).isEmpty();
  }
}
