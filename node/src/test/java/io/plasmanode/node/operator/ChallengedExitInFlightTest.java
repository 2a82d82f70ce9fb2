package io.plasmanode.node.operator;

import static io.plasmanode.node.operator.InFlightLockFixture.CAROLS;
import static io.plasmanode.node.operator.OperatorFixture.accepted;
import static io.plasmanode.node.operator.OperatorFixture.eth;
import static io.plasmanode.node.operator.OperatorFixture.rejected;
import static io.plasmanode.node.operator.OperatorFixture.signed;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.inflight.OutputKey;
import io.plasmanode.core.l1.ExitId;
import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.Rejection;
import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ExitChallenged} of Carol's standard exit of her output of Alice's included payment, while
 * an in-flight exit on L1 concerns that output ({@link ExitChallenges}): the exit of the payment
 * (the tx that made it, where Carol may piggyback it) or the exit of Carol's spend of it (the tx
 * that spends it, where she may piggyback it as an input).
 *
 * <p>The output piggybacked in the exit of the tx that made it does not keep the lock: the contract
 * never pays a piggyback of an output whose standard exit was challenged (the standard exit's
 * marker at the output key; forge {@code ChallengedExitInFlightTest}), before or after the
 * challenge, so the release cannot pay twice; a piggyback made after it locks the output again
 * until that exit ends. An exit of a spend of it keeps the lock while it is active, and its payout
 * of the output as an input (non-canonical) keeps it afterwards: those attack tests fail with their
 * check in {@link OutputClaims#paidOrSpentInFlight} disabled.
 */
class ChallengedExitInFlightTest {
  private final InFlightLockFixture operator = new InFlightLockFixture();
  private final PaymentTransaction payment = operator.alicesPayment;
  private final PaymentTransaction carolsSpend = operator.carolsSpend;

  @BeforeEach
  void carolExitsHerOutputOfAlicesPayment() {
    operator.includeAlicesPayment();
    operator.l1.exitStarted(operator.nextL1Block(), CAROLS, TestKeys.CAROL.address(), 100);
    operator.ingest();
    assertLocked();
  }

  @AfterEach
  void stop() throws Exception {
    operator.close();
  }

  @Test
  void outputPiggybackedInTheExitOfItsTx_isReleased_andThatExitPaysItNothing() {
    operator.start(TestKeys.ALICE, payment);
    operator.next().as(TestKeys.CAROL.address()).piggybackInFlightExitOnOutput(bytes(payment), 0);
    operator.ingest();
    challengeCarolsExit();

    assertThat(carols()).isEqualTo(new UtxoStatus.Unspent(eth(TestKeys.CAROL, 100)));
    assertThat(accepted(operator.producer.submit(signed(carolsSpend, TestKeys.CAROL))).blknum())
        .isEqualTo(2000);
    OperatorFixture.await(
        Duration.ofSeconds(5), "block 2000 stored", () -> operator.store.height() == 2000);

    // Processed canonical, the exit pays Carol's piggyback nothing, as the contract does.
    processed(payment, true, 0);
    assertThat(carols()).isInstanceOf(UtxoStatus.Spent.class);
  }

  @Test
  void outputPiggybackedAfterTheRelease_isLockedAgain_untilTheExitOfItsTxEnds() {
    challengeCarolsExit();
    assertThat(carols()).isInstanceOf(UtxoStatus.Unspent.class);

    operator.start(TestKeys.ALICE, payment);
    operator.next().as(TestKeys.CAROL.address()).piggybackInFlightExitOnOutput(bytes(payment), 0);
    operator.ingest();
    assertLocked();

    processed(payment, true, 0);
    assertThat(carols()).isEqualTo(new UtxoStatus.Unspent(eth(TestKeys.CAROL, 100)));
  }

  @Test
  void outputPiggybackedAsAnInputInTheExitOfItsSpend_staysLocked_andOnceThatExitPaidIt() {
    // The attack: Carol exits her spend in flight, piggybacks her input, has her standard exit
    // challenged with that spend, and would move the output here while L1 pays it back to her.
    carolExitsHerSpendInFlight();
    challengeCarolsExit();
    assertLocked();

    // Shown non-canonical, the exit pays Carol her input on L1 and marks it paid.
    paidByCarolsSpend();
    processed(carolsSpend, false, 1);
    assertLocked();
  }

  @Test
  void challengeReadOnceTheExitOfTheSpendPaidTheOutput_staysLocked() {
    // L1 processed that exit before the operator applied the challenge (the same chunk, or an
    // operator catching up): no active exit spends the output any more, but its payout is marked.
    carolExitsHerSpendInFlight();
    operator.l1.exitChallenged(operator.nextL1Block(), CAROLS, hashOf(carolsSpend));
    paidByCarolsSpend();
    operator.next().processInFlightExit(InFlightExitId.of(bytes(carolsSpend)), false, 1);
    operator.ingest();

    assertLocked();
  }

  @Test
  void exitOfASpendStartedAfterTheRelease_locksTheOutputAgain() {
    challengeCarolsExit();
    assertThat(carols()).isInstanceOf(UtxoStatus.Unspent.class);

    carolExitsHerSpendInFlight();

    assertLocked();
  }

  /** Carol's standard exit is challenged with her spend, which no block holds. */
  private void challengeCarolsExit() {
    operator.l1.exitChallenged(operator.nextL1Block(), CAROLS, hashOf(carolsSpend));
    operator.ingest();
  }

  private void carolExitsHerSpendInFlight() {
    operator.start(TestKeys.CAROL, carolsSpend);
    operator
        .next()
        .as(TestKeys.CAROL.address())
        .piggybackInFlightExitOnInput(bytes(carolsSpend), 0);
    operator.ingest();
  }

  /** The marks of the exit of Carol's spend paying her input: its position and output key. */
  private void paidByCarolsSpend() {
    ExitId exit = ExitId.of(InFlightExitId.of(bytes(carolsSpend)));
    operator.l1.setOutputFinalizedBy(BigInteger.valueOf(CAROLS.toLong()), exit);
    operator.l1.setOutputFinalizedBy(OutputKey.of(hashOf(payment), 0), exit);
  }

  private void processed(PaymentTransaction exiting, boolean canonical, int paidSlots) {
    operator.next().processInFlightExit(InFlightExitId.of(bytes(exiting)), canonical, paidSlots);
    operator.ingest();
  }

  private void assertLocked() {
    assertThat(carols()).isInstanceOf(UtxoStatus.Exiting.class);
    assertThat(rejected(operator.producer.submit(signed(carolsSpend, TestKeys.CAROL))).reason())
        .isEqualTo(Rejection.UTXO_EXITING);
  }

  /** Carol's output as the operator holds it. */
  private UtxoStatus carols() {
    return operator.store.status(CAROLS);
  }

  private static byte[] bytes(PaymentTransaction tx) {
    return TxCodec.encode(tx);
  }

  private static Hash32 hashOf(PaymentTransaction tx) {
    return Keccak.keccak256(TxCodec.encode(tx));
  }
}
