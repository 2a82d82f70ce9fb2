package io.plasmanode.node.operator;

import static io.plasmanode.node.operator.InFlightLockFixture.CAROLS;
import static io.plasmanode.node.operator.OperatorFixture.accepted;
import static io.plasmanode.node.operator.OperatorFixture.deposit;
import static io.plasmanode.node.operator.OperatorFixture.eth;
import static io.plasmanode.node.operator.OperatorFixture.rejected;
import static io.plasmanode.node.operator.OperatorFixture.signed;
import static io.plasmanode.node.operator.OperatorFixture.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.inflight.OutputKey;
import io.plasmanode.core.l1.ExitId;
import io.plasmanode.core.l1.ExitState;
import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.node.testing.Payments;
import io.plasmanode.storage.chain.ChainStore;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code InFlightExitDeleted} and a finalizing {@code InFlightExitProcessed} against the locks the
 * ended exit kept ({@link EndedInFlightExits}): an output the exit did not pay is released unless
 * something else on L1 may still pay it or paid it. The attacks, each a test that fails with its
 * check disabled: the ended exit itself paid it (canonical: all its inputs), another in-flight exit
 * spending it is active or paid it, a standard exit of it is active or paid, it is still
 * piggybacked in the exit of the tx that made it, the deletion is read again after a restart once
 * the output was locked anew, or L1 no longer holds the exit as ended.
 */
class EndedInFlightExitReleaseTest {
  private static final PrivateKey ALICE = TestKeys.ALICE;
  private static final PrivateKey BOB = TestKeys.BOB;
  private static final PrivateKey CAROL = TestKeys.CAROL;

  private final InFlightLockFixture operator = new InFlightLockFixture();
  private final ChainStore store = operator.store;
  private final PaymentTransaction tx = operator.alicesPayment;
  private final PaymentTransaction carolsSpend = operator.carolsSpend;

  /** Another spend of Carol's output, signed by her too. */
  private final PaymentTransaction carolsOtherSpend = transfer(CAROLS, eth(ALICE, 100));

  @BeforeEach
  void carolsOutputIsIncluded() {
    operator.includeAlicesPayment();
  }

  @AfterEach
  void stop() throws Exception {
    operator.close();
  }

  @Test
  void deletedExit_releasesTheOutputItSpent_andItsOwnerSpendsIt() {
    startAndIngest(CAROL, carolsSpend);
    assertStillLocked();

    delete(carolsSpend);

    assertThat(store.status(CAROLS)).isEqualTo(new UtxoStatus.Unspent(eth(CAROL, 100)));
    assertThat(store.utxosOf(CAROL.address())).hasSize(1);
    assertThat(accepted(operator.producer.submit(signed(carolsSpend, CAROL))).blknum())
        .isEqualTo(2000);
    OperatorFixture.await(Duration.ofSeconds(5), "block 2000 stored", () -> store.height() == 2000);
    operator.reblock();
    assertThat(store.status(CAROLS))
        .as("the deletion read again")
        .isInstanceOf(UtxoStatus.Spent.class);
  }

  @Test
  void deletedExit_keepsTheLock_whileAnInFlightExitOfAnotherSpendIsActive() {
    // The attack: Carol exits two spends in flight, lets one be deleted, spends the output here
    // and has the other exit paid on L1 (canonical: its outputs; non-canonical: her input).
    startAndIngest(CAROL, carolsSpend);
    startAndIngest(CAROL, carolsOtherSpend);

    delete(carolsSpend);
    assertStillLocked();

    delete(carolsOtherSpend);
    assertThat(store.status(CAROLS)).isInstanceOf(UtxoStatus.Unspent.class);
  }

  @Test
  void exitsEndingInTheOtherOrder_releaseOnlyAtTheLastEnd() {
    startAndIngest(CAROL, carolsSpend);
    startAndIngest(CAROL, carolsOtherSpend);

    delete(carolsOtherSpend);
    assertStillLocked();

    delete(carolsSpend);
    assertThat(store.status(CAROLS)).isInstanceOf(UtxoStatus.Unspent.class);
  }

  @Test
  void exitOfAnotherSpendStartedInTheSameChunkAsTheDeletion_keepsTheLock() {
    startAndIngest(CAROL, carolsSpend);
    operator.next().deleteNonPiggybackedInFlightExit(idOf(carolsSpend));
    operator.start(CAROL, carolsOtherSpend);
    operator.ingest();

    assertStillLocked();
    assertThat(store.inFlightSpendsOf(CAROLS)).hasSize(2);
  }

  @Test
  void deletedExit_keepsTheLock_whileAStandardExitOfTheOutputIsActiveOrWasPaid() {
    startAndIngest(CAROL, carolsSpend);
    operator.l1.exitStarted(operator.nextL1Block(), CAROLS, CAROL.address(), 100);

    delete(carolsSpend);
    assertStillLocked();

    operator.l1.setExitStatus(CAROLS, ExitState.Status.FINALIZED);
    operator.reblock();
    assertStillLocked();
  }

  @Test
  void canonicalExit_keepsTheInputsLocked_itMarkedThemPaid() {
    // The attack the payout mark stops: Bob's output of Carol's spend is paid on L1, and Carol
    // would spend here the output that paid for it.
    startAndIngest(CAROL, carolsSpend);
    operator.next().as(BOB.address()).piggybackInFlightExitOnOutput(TxCodec.encode(carolsSpend), 0);
    paidBy(BigInteger.valueOf(CAROLS.toLong()), carolsSpend);
    paidBy(OutputKey.of(hashOf(tx), 0), carolsSpend);

    process(carolsSpend, true, 1 << 4);

    assertStillLocked();
  }

  @Test
  void nonCanonicalExit_releasesTheInputsItDidNotPay_andKeepsThoseItPaid() {
    UtxoPos bobs = deposit(store, 3, BOB, 50);
    PaymentTransaction both = Payments.transfer(List.of(CAROLS, bobs), List.of(eth(ALICE, 150)));
    startAndIngest(CAROL, both);
    operator.next().as(CAROL.address()).piggybackInFlightExitOnInput(TxCodec.encode(both), 0);
    paidBy(BigInteger.valueOf(CAROLS.toLong()), both);
    paidBy(OutputKey.of(hashOf(tx), 0), both);

    process(both, false, 1);

    assertStillLocked();
    assertThat(store.status(bobs)).isEqualTo(new UtxoStatus.Unspent(eth(BOB, 50)));
  }

  @Test
  void outputPaidByTheOtherExitSpendingIt_staysLocked_whenThatExitEnds() {
    startAndIngest(CAROL, carolsSpend);
    startAndIngest(CAROL, carolsOtherSpend);
    operator
        .next()
        .as(CAROL.address())
        .piggybackInFlightExitOnInput(TxCodec.encode(carolsOtherSpend), 0);
    delete(carolsSpend);
    assertStillLocked();

    // Shown non-canonical, the other exit paid Carol her input back on L1.
    paidBy(BigInteger.valueOf(CAROLS.toLong()), carolsOtherSpend);
    process(carolsOtherSpend, false, 1);

    assertStillLocked();
  }

  @Test
  void piggybackedOutput_staysLocked_whileTheExitOfTheTxThatMadeItIsActive() {
    startAndIngest(ALICE, tx);
    operator.next().as(CAROL.address()).piggybackInFlightExitOnOutput(TxCodec.encode(tx), 0);
    startAndIngest(CAROL, carolsSpend);

    delete(carolsSpend);
    assertStillLocked();

    // Alice's exit ends non-canonical: Carol's piggybacked output was not paid; her bond back.
    process(tx, false, 0);
    assertThat(store.status(CAROLS)).isInstanceOf(UtxoStatus.Unspent.class);
  }

  @Test
  void piggybackedOutput_staysLocked_whenTheExitOfTheTxThatMadeItPaidIt() {
    startAndIngest(ALICE, tx);
    operator.next().as(CAROL.address()).piggybackInFlightExitOnOutput(TxCodec.encode(tx), 0);
    operator.ingest();
    paidBy(OutputKey.of(hashOf(tx), 0), tx);

    process(tx, true, 1 << 4);

    assertStillLocked();
  }

  @Test
  void deletionReadAgainAfterARestart_keepsTheLockOfAStandardExitStartedSince() {
    startAndIngest(CAROL, carolsSpend);
    delete(carolsSpend);
    assertThat(store.status(CAROLS)).isInstanceOf(UtxoStatus.Unspent.class);

    // Carol exits the released output on L1: locked again, and the restart must not undo it.
    operator.l1.exitStarted(operator.nextL1Block(), CAROLS, CAROL.address(), 100);
    operator.ingest();
    operator.reblock();

    assertStillLocked();
  }

  @Test
  void deletionThatL1NoLongerHolds_keepsTheLock() {
    startAndIngest(CAROL, carolsSpend);
    operator.next().deleteNonPiggybackedInFlightExit(idOf(carolsSpend));
    operator.l1.forgetInFlightExit(idOf(carolsSpend));
    operator.ingest();

    assertStillLocked();
  }

  private void startAndIngest(PrivateKey by, PaymentTransaction exiting) {
    operator.start(by, exiting);
    operator.ingest();
  }

  private void delete(PaymentTransaction exiting) {
    operator.next().deleteNonPiggybackedInFlightExit(idOf(exiting));
    operator.ingest();
  }

  private void process(PaymentTransaction exiting, boolean canonical, int paidSlots) {
    operator.next().processInFlightExit(idOf(exiting), canonical, paidSlots);
    operator.ingest();
  }

  /** Marks {@code key} paid by the in-flight exit of {@code exiting}, as the contract does. */
  private void paidBy(BigInteger key, PaymentTransaction exiting) {
    operator.l1.setOutputFinalizedBy(key, ExitId.of(idOf(exiting)));
  }

  private void assertStillLocked() {
    assertThat(store.status(CAROLS)).isInstanceOf(UtxoStatus.Exiting.class);
    assertThat(rejected(operator.producer.submit(signed(carolsSpend, CAROL))).reason())
        .isEqualTo(Rejection.UTXO_EXITING);
  }

  private static InFlightExitId idOf(PaymentTransaction exiting) {
    return InFlightExitId.of(TxCodec.encode(exiting));
  }

  private static Hash32 hashOf(PaymentTransaction exiting) {
    return Keccak.keccak256(TxCodec.encode(exiting));
  }
}
