package io.plasmanode.exitgame;

import static io.plasmanode.core.testing.TestKeys.ALICE;
import static io.plasmanode.core.testing.TestKeys.BOB;
import static io.plasmanode.core.testing.TestKeys.CAROL;
import static io.plasmanode.exitgame.ChainFixture.ETH;
import static io.plasmanode.exitgame.ChainFixture.T0;
import static io.plasmanode.exitgame.ChainFixture.deposit;
import static io.plasmanode.exitgame.ChainFixture.eth;
import static io.plasmanode.exitgame.ChainFixture.signedBytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.l1.ExitId;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.ledger.InMemoryUtxoSet;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.ledger.UtxoDelta;
import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExitGameTest {
  private static final Duration MARGIN = Duration.ofDays(1);
  private static final Duration RETRY = Duration.ofHours(1);
  private static final ExitGameConfig CONFIG = new ExitGameConfig(MARGIN, RETRY);
  private static final Instant EXITABLE = T0.plus(Duration.ofDays(7));
  private static final L1Event.L1Origin ORIGIN = new L1Event.L1Origin(1, Hash32.ZERO, 0);
  private static final Hash32 L1_TX = Hash32.fromHex("0x" + "ab".repeat(32));
  private static final Address TOKEN = Address.fromHex("0x" + "70".repeat(20));

  private final InMemoryUtxoSet view = new InMemoryUtxoSet();
  private final InMemorySpendIndex spends = new InMemorySpendIndex();
  private final UtxoPos aliceDeposit = deposit(view, 1, ALICE, 100);
  private final UtxoPos bobDeposit = deposit(view, 2, BOB, 50);
  private final PaymentTransaction aliceToBob =
      PaymentTransaction.transfer(List.of(aliceDeposit), List.of(eth(BOB, 100)));
  private ExitGame game = new ExitGame(CONFIG);

  /** Validates and applies block 1000 holding {@code aliceToBob}, as the watcher does. */
  private SpendRecord syncBlockSpendingAlicesDeposit() {
    List<byte[]> txs = List.of(signedBytes(aliceToBob, ALICE));
    var valid =
        (BlockValidation.Valid)
            new BlockValidator(ChainFixture.CHECKER)
                .validate(ChainFixture.commitment(1000, txs), txs, view);
    view.apply(valid.delta());
    spends.record(valid.spends());
    return valid.spends().getFirst();
  }

  private static L1Event.ExitStarted started(UtxoPos pos, PrivateKey owner, Instant exitableAt) {
    return started(pos, owner, ETH, exitableAt);
  }

  private static L1Event.ExitStarted started(
      UtxoPos pos, PrivateKey owner, Address token, Instant exitableAt) {
    return new L1Event.ExitStarted(ORIGIN, pos, owner.address(), token, BigInteger.TEN, exitableAt);
  }

  private static L1Event.ExitChallenged challenged(UtxoPos pos) {
    return new L1Event.ExitChallenged(ORIGIN, pos, CAROL.address(), Hash32.ZERO);
  }

  private static L1Event.ExitFinalized finalized(UtxoPos pos, Address token) {
    return new L1Event.ExitFinalized(ORIGIN, pos, ALICE.address(), token, BigInteger.TEN, true);
  }

  private ExitGame.Decisions check(Instant now) {
    return game.check(view, spends, now);
  }

  @Test
  void validExit_isTrackedWithoutDecisions_untilFinalized() {
    game.apply(started(bobDeposit, BOB, EXITABLE));

    assertThat(check(T0).isEmpty()).isTrue();
    assertThat(check(EXITABLE).isEmpty()).isTrue();
    assertThat(game.exit(bobDeposit)).isPresent();

    game.apply(finalized(bobDeposit, ETH));
    assertThat(game.exits()).isEmpty();
  }

  @Test
  void invalidExit_raisesInvalidExitOnce_andProposesTheChallenge() {
    SpendRecord spend = syncBlockSpendingAlicesDeposit();
    game.apply(started(aliceDeposit, ALICE, EXITABLE));

    ExitGame.Decisions first = check(T0);

    assertThat(first.events())
        .containsExactly(new ByzantineEvent.InvalidExit(aliceDeposit, spend.spendingTxHash(), T0));
    assertThat(first.events().getFirst().action()).isEqualTo(ByzantineEvent.Action.CHALLENGE);
    assertThat(first.events().getFirst().type()).isEqualTo("invalid_exit");
    assertThat(first.challenges()).containsExactly(spend.toChallenge());
    assertThat(first.challenges().getFirst().spendingTxHash())
        .isEqualTo(ChainFixture.txHash(aliceToBob));
    ExitGame.Decisions second = check(T0.plusSeconds(60));
    assertThat(second.events()).isEmpty();
    assertThat(second.challenges()).containsExactly(spend.toChallenge());
  }

  @Test
  void submittedChallenge_isNotProposedAgain_untilTheRetryDelayPasses() {
    syncBlockSpendingAlicesDeposit();
    game.apply(started(aliceDeposit, ALICE, EXITABLE));
    check(T0);

    game.challengeSubmitted(aliceDeposit, L1_TX, T0);

    assertThat(check(T0.plus(RETRY).minusSeconds(1)).isEmpty()).isTrue();
    assertThat(check(T0.plus(RETRY)).challenges()).hasSize(1);
    assertThat(game.exit(aliceDeposit).orElseThrow().challenge())
        .contains(new TrackedExit.ChallengeAttempt(L1_TX, T0));
  }

  @Test
  void failedChallenge_isProposedAgainAtTheNextCheck() {
    syncBlockSpendingAlicesDeposit();
    game.apply(started(aliceDeposit, ALICE, EXITABLE));
    game.challengeSubmitted(aliceDeposit, L1_TX, T0);

    game.challengeFailed(aliceDeposit);

    ExitGame.Decisions decisions = check(T0.plusSeconds(1));
    assertThat(decisions.challenges()).hasSize(1);
    assertThat(decisions.events()).hasSize(1);
  }

  @Test
  void challengedExit_getsNoFurtherDecisions() {
    syncBlockSpendingAlicesDeposit();
    game.apply(started(aliceDeposit, ALICE, EXITABLE));
    check(T0);

    game.apply(challenged(aliceDeposit));

    assertThat(check(T0.plus(RETRY)).isEmpty()).isTrue();
    assertThat(check(EXITABLE).isEmpty()).isTrue();
    assertThat(game.exit(aliceDeposit).orElseThrow().status())
        .isEqualTo(TrackedExit.Status.CHALLENGED);
  }

  @Test
  void pendingExit_isNotJudged_untilItsBlockIsSynced() {
    UtxoPos notSyncedYet = new UtxoPos(1000, 0, 0);
    game.apply(started(notSyncedYet, BOB, EXITABLE));
    assertThat(ExitGame.judge(notSyncedYet, view, spends)).isEqualTo(new ExitVerdict.Pending());
    assertThat(check(T0).isEmpty()).isTrue();

    syncBlockSpendingAlicesDeposit();

    assertThat(ExitGame.judge(notSyncedYet, view, spends)).isEqualTo(new ExitVerdict.Valid());
    assertThat(check(T0).isEmpty()).isTrue();
  }

  @Test
  void validExit_becomesInvalid_whenALaterBlockSpendsItsOutput() {
    game.apply(started(aliceDeposit, ALICE, EXITABLE));
    view.markExiting(aliceDeposit);
    assertThat(check(T0).isEmpty()).isTrue();

    syncBlockSpendingAlicesDeposit();

    assertThat(check(T0.plusSeconds(1)).challenges()).hasSize(1);
  }

  @Test
  void invalidExit_withinTheSafetyMargin_raisesUnchallengedExitOnce() {
    syncBlockSpendingAlicesDeposit();
    game.apply(started(aliceDeposit, ALICE, EXITABLE));
    check(T0);
    game.challengeSubmitted(aliceDeposit, L1_TX, T0);
    Instant marginStart = EXITABLE.minus(MARGIN);

    assertThat(check(marginStart.minusSeconds(1)).events()).isEmpty();
    List<ByzantineEvent> events = check(marginStart).events();

    assertThat(events)
        .containsExactly(new ByzantineEvent.UnchallengedExit(aliceDeposit, EXITABLE, marginStart));
    assertThat(events.getFirst().action()).isEqualTo(ByzantineEvent.Action.EXIT);
    assertThat(events.getFirst().type()).isEqualTo("unchallenged_exit");
    assertThat(check(marginStart.plusSeconds(1)).events()).isEmpty();
  }

  @Test
  void exitOfAnOutputSpentOutsideTheValidatedChain_isInvalidOnlyWithASpendByTheExitsOwner() {
    PaymentTransaction bobSpends =
        PaymentTransaction.transfer(List.of(bobDeposit), List.of(eth(ALICE, 50)));
    var signed = ChainFixture.sign(bobSpends, BOB);
    SpendRecord read =
        new SpendRecord(bobDeposit, bobSpends, 0, signed.signatures().get(0), 3000, 0);
    Address signer = BOB.address();
    SpendIndex readWhileHalted =
        new SpendIndex() {
          @Override
          public java.util.Optional<SpendRecord> spendOf(UtxoPos pos) {
            return java.util.Optional.empty();
          }

          @Override
          public java.util.Optional<SpendRecord> spendBy(UtxoPos pos, Address owner) {
            return pos.equals(bobDeposit) && owner.equals(signer)
                ? java.util.Optional.of(read)
                : java.util.Optional.empty();
          }
        };
    game.apply(started(bobDeposit, BOB, EXITABLE));
    game.apply(started(aliceDeposit, ALICE, EXITABLE));

    ExitGame.Decisions decisions = game.check(view, readWhileHalted, T0);

    assertThat(decisions.challenges()).containsExactly(read.toChallenge());
    assertThat(decisions.events()).extracting(ByzantineEvent::type).containsExactly("invalid_exit");
  }

  @Test
  void unchallengedExit_isRaisedOnlyOnceTheMarginIsReached_evenForAnExitSeenAtItsStart() {
    syncBlockSpendingAlicesDeposit();
    Instant start = T0;
    Duration exitPeriod = Duration.ofSeconds(120);
    Duration margin = Duration.ofSeconds(30);
    game = new ExitGame(new ExitGameConfig(margin, Duration.ofSeconds(12)));
    game.apply(started(aliceDeposit, ALICE, start.plus(exitPeriod)));

    assertThat(game.check(view, spends, start).events())
        .extracting(ByzantineEvent::type)
        .containsExactly("invalid_exit");
    game.challengeSubmitted(aliceDeposit, L1_TX, start);
    assertThat(
            game.check(view, spends, start.plus(exitPeriod).minus(margin).minusSeconds(1)).events())
        .isEmpty();
    assertThat(game.check(view, spends, start.plus(exitPeriod).minus(margin)).events())
        .extracting(ByzantineEvent::type)
        .containsExactly("unchallenged_exit");
  }

  @Test
  void eventCauses_holdWhileTheExitIsActiveOnL1_orTheBlockIsWithheld() {
    game.apply(started(aliceDeposit, ALICE, EXITABLE));
    var detector = new WithholdingDetector(Duration.ofSeconds(5));
    detector.rootCommitted(ChainFixture.commitmentOfUnsigned(1000, List.of()), T0);
    var invalidExit = new ByzantineEvent.InvalidExit(aliceDeposit, L1_TX, T0);
    var unchallenged = new ByzantineEvent.UnchallengedExit(aliceDeposit, EXITABLE, T0);
    var withheld = detector.check(T0.plusSeconds(5)).getFirst();
    var invalidBlock =
        new ByzantineEvent.InvalidBlock(
            1000, 0, L1_TX, io.plasmanode.core.validation.Rejection.DOUBLE_SPEND, "x", T0);
    List<ByzantineEvent> all = List.of(invalidExit, unchallenged, withheld, invalidBlock);
    assertThat(all).allMatch(event -> EventCauses.holds(event, game, detector));

    game.apply(challenged(aliceDeposit));
    detector.blockObtained(1000);

    assertThat(all)
        .filteredOn(event -> EventCauses.holds(event, game, detector))
        .containsExactly(invalidBlock);
    assertThat(all)
        .filteredOn(EventCauses::halts)
        .containsExactly(unchallenged, withheld, invalidBlock);
  }

  @Test
  void invalidExit_seenLate_raisesBothEventsAtOnce() {
    syncBlockSpendingAlicesDeposit();
    game.apply(started(aliceDeposit, ALICE, EXITABLE));

    assertThat(check(EXITABLE).events())
        .extracting(ByzantineEvent::type)
        .containsExactly("invalid_exit", "unchallenged_exit");
  }

  @Test
  void restartedGame_doesNotRepeatEventsOrSubmittedChallenges() {
    syncBlockSpendingAlicesDeposit();
    game.apply(started(aliceDeposit, ALICE, EXITABLE));
    game.apply(started(bobDeposit, BOB, EXITABLE));
    check(T0);
    game.challengeSubmitted(aliceDeposit, L1_TX, T0);
    List<TrackedExit> persisted = game.exits();

    game = new ExitGame(CONFIG, persisted);

    assertThat(game.exits()).isEqualTo(persisted);
    assertThat(check(T0.plusSeconds(10)).isEmpty()).isTrue();
    assertThat(check(T0.plus(RETRY)).challenges()).hasSize(1);
  }

  @Test
  void restartedGame_beforeTheSubmissionWasRecorded_proposesTheChallengeAgain() {
    syncBlockSpendingAlicesDeposit();
    game.apply(started(aliceDeposit, ALICE, EXITABLE));
    check(T0);

    game = new ExitGame(CONFIG, game.exits());

    ExitGame.Decisions decisions = check(T0.plusSeconds(10));
    assertThat(decisions.events()).isEmpty();
    assertThat(decisions.challenges()).hasSize(1);
  }

  @Test
  void apply_ignoresRepeatedStartsAndEventsOfUntrackedExits() {
    syncBlockSpendingAlicesDeposit();
    game.apply(started(aliceDeposit, ALICE, EXITABLE));
    check(T0);
    TrackedExit before = game.exit(aliceDeposit).orElseThrow();

    game.apply(started(aliceDeposit, ALICE, EXITABLE));
    game.apply(challenged(bobDeposit));
    game.apply(finalized(bobDeposit, ETH));
    game.apply(new L1Event.BlockSubmitted(ORIGIN, 2000, Hash32.ZERO));
    game.apply(new L1Event.Deposit(ORIGIN, 3, ALICE.address(), ETH, BigInteger.ONE));

    assertThat(game.exits()).containsExactly(before);
  }

  @Test
  void judge_leavesSpentOutputWithoutSpendRecordPending() {
    view.apply(new UtxoDelta(List.of(bobDeposit), List.of()));
    assertThat(view.status(bobDeposit)).isEqualTo(UtxoStatus.SPENT);

    assertThat(ExitGame.judge(bobDeposit, view, spends)).isEqualTo(new ExitVerdict.Pending());
  }

  @Test
  void processable_listsMaturedActiveExitsInContractPriorityOrder() {
    UtxoPos a = new UtxoPos(5, 0, 0);
    UtxoPos b = new UtxoPos(3, 0, 0);
    UtxoPos c = new UtxoPos(1000, 2, 1);
    UtxoPos immature = new UtxoPos(1, 0, 0);
    UtxoPos otherToken = new UtxoPos(2, 0, 0);
    game.apply(started(a, ALICE, EXITABLE));
    game.apply(started(b, ALICE, EXITABLE));
    game.apply(started(c, ALICE, EXITABLE.minusSeconds(1)));
    game.apply(started(immature, ALICE, EXITABLE.plusSeconds(1)));
    game.apply(started(otherToken, ALICE, TOKEN, EXITABLE.minusSeconds(5)));

    ProcessableExits processable = game.processable(ETH, EXITABLE);

    assertThat(processable.exits()).extracting(TrackedExit::utxoPos).containsExactly(c, b, a);
    assertThat(processable.topExitId()).contains(ExitId.of(c));
    assertThat(processable.maxExits()).isEqualTo(3);
    assertThat(game.processable(TOKEN, EXITABLE).exits())
        .extracting(TrackedExit::utxoPos)
        .containsExactly(otherToken);
  }

  @Test
  void processable_beforeAnyMaturity_isEmptyButNamesTheQueueTop() {
    game.apply(started(aliceDeposit, ALICE, EXITABLE));

    ProcessableExits processable = game.processable(ETH, EXITABLE.minusSeconds(1));

    assertThat(processable.isEmpty()).isTrue();
    assertThat(processable.maxExits()).isZero();
    assertThat(processable.topExitId()).contains(ExitId.of(aliceDeposit));
  }

  @Test
  void processable_withAChallengedExitAtTheTop_disablesTheTopCheck_andCountsIt() {
    game.apply(started(aliceDeposit, ALICE, EXITABLE.minusSeconds(10)));
    game.apply(started(bobDeposit, BOB, EXITABLE));
    game.apply(challenged(aliceDeposit));

    ProcessableExits processable = game.processable(ETH, EXITABLE);

    assertThat(processable.exits()).extracting(TrackedExit::utxoPos).containsExactly(bobDeposit);
    assertThat(processable.topExitId()).isEmpty();
    assertThat(processable.maxExits()).isEqualTo(2);
  }

  @Test
  void finalizedExit_dropsTheChallengedExitsQueuedBeforeIt_only() {
    UtxoPos later = new UtxoPos(7, 0, 0);
    UtxoPos otherToken = new UtxoPos(8, 0, 0);
    game.apply(started(aliceDeposit, ALICE, EXITABLE.minusSeconds(10)));
    game.apply(started(bobDeposit, BOB, EXITABLE));
    game.apply(started(later, BOB, EXITABLE.plusSeconds(10)));
    game.apply(started(otherToken, BOB, TOKEN, EXITABLE.minusSeconds(20)));
    game.apply(challenged(aliceDeposit));
    game.apply(challenged(later));
    game.apply(challenged(otherToken));

    game.apply(finalized(bobDeposit, ETH));

    assertThat(game.exits()).extracting(TrackedExit::utxoPos).containsExactly(later, otherToken);
    assertThat(game.processable(ETH, EXITABLE.plusSeconds(10)).maxExits()).isEqualTo(1);
  }

  @Test
  void exitable_keepsUnspentOutputsWithoutAnExit() {
    UtxoPos carolDeposit = deposit(view, 3, CAROL, 7);
    UtxoPos exitingInView = deposit(view, 4, CAROL, 8);
    view.markExiting(exitingInView);
    syncBlockSpendingAlicesDeposit();
    game.apply(started(bobDeposit, BOB, EXITABLE));
    List<Utxo> candidates =
        List.of(aliceDeposit, bobDeposit, carolDeposit, exitingInView, new UtxoPos(9, 0, 0))
            .stream()
            .map(pos -> new Utxo(pos, eth(CAROL, 1)))
            .toList();

    assertThat(game.exitable(candidates, view)).extracting(Utxo::pos).containsExactly(carolDeposit);
  }

  @Test
  void trackedExit_priority_isTheContractsQueueWord() {
    game.apply(started(new UtxoPos(1000, 2, 1), ALICE, EXITABLE));

    TrackedExit exit = game.exits().getFirst();

    assertThat(exit.priority())
        .isEqualTo(
            BigInteger.valueOf(EXITABLE.getEpochSecond())
                .shiftLeft(192)
                .add(BigInteger.valueOf(1_000_000_021L).shiftLeft(128)));
  }
}
