package io.plasmanode.node.operator;

import static io.plasmanode.node.operator.OperatorFixture.CLOCK;
import static io.plasmanode.node.operator.OperatorFixture.accepted;
import static io.plasmanode.node.operator.OperatorFixture.config;
import static io.plasmanode.node.operator.OperatorFixture.deposit;
import static io.plasmanode.node.operator.OperatorFixture.eth;
import static io.plasmanode.node.operator.OperatorFixture.rejected;
import static io.plasmanode.node.operator.OperatorFixture.signed;
import static io.plasmanode.node.operator.OperatorFixture.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.contracts.l1.follow.L1EventFollower;
import io.plasmanode.contracts.l1.follow.L1FollowerConfig;
import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.inflight.InFlightExitStart;
import io.plasmanode.core.inflight.OutputKey;
import io.plasmanode.core.l1.ExitId;
import io.plasmanode.core.l1.ExitState;
import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Bytes;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.node.metrics.OperatorMetrics;
import io.plasmanode.node.testing.Payments;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.chain.TxJournal;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
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
  private static final L1FollowerConfig DEVNET = L1FollowerConfig.defaults(0).withConfirmations(0);
  private static final Signature NONE = Signature.of(new byte[Signature.SIZE]);
  private static final UtxoPos CAROLS = new UtxoPos(1000, 0, 0);

  private final FakeRootChain l1 = new FakeRootChain();
  private final ChainStore store = new ChainStore(new InMemoryKeyValueStore());
  private final List<AutoCloseable> running = new ArrayList<>();
  private final UtxoPos alices = deposit(store, 1, ALICE, 100);

  /** Alice pays Carol 100: included in block 1000. */
  private final PaymentTransaction tx = transfer(alices, eth(CAROL, 100));

  /** Carol's spend of her output, exited in flight and never sent to the operator. */
  private final PaymentTransaction carolsSpend = transfer(CAROLS, eth(BOB, 100));

  /** Another spend of Carol's output, signed by her too. */
  private final PaymentTransaction carolsOtherSpend = transfer(CAROLS, eth(ALICE, 100));

  private BlockProducer producer;
  private long l1Block = 2;

  @BeforeEach
  void carolsOutputIsIncluded() {
    producer =
        new BlockProducer(store, TxJournal.inMemory(), config(1), CLOCK, OperatorMetrics.NONE);
    running.add(producer);
    accepted(producer.submit(signed(tx, ALICE)));
    OperatorFixture.await(Duration.ofSeconds(5), "block 1000 stored", () -> store.height() == 1000);
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable service : running.reversed()) {
      service.close();
    }
  }

  @Test
  void deletedExit_releasesTheOutputItSpent_andItsOwnerSpendsIt() {
    startAndIngest(CAROL, carolsSpend);
    assertStillLocked();

    delete(carolsSpend);

    assertThat(store.status(CAROLS)).isEqualTo(new UtxoStatus.Unspent(eth(CAROL, 100)));
    assertThat(store.utxosOf(CAROL.address())).hasSize(1);
    assertThat(accepted(producer.submit(signed(carolsSpend, CAROL))).blknum()).isEqualTo(2000);
    OperatorFixture.await(Duration.ofSeconds(5), "block 2000 stored", () -> store.height() == 2000);
    reblock();
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
    next().deleteNonPiggybackedInFlightExit(idOf(carolsSpend));
    start(CAROL, carolsOtherSpend);
    ingest();

    assertStillLocked();
    assertThat(store.inFlightSpendsOf(CAROLS)).hasSize(2);
  }

  @Test
  void deletedExit_keepsTheLock_whileAStandardExitOfTheOutputIsActiveOrWasPaid() {
    startAndIngest(CAROL, carolsSpend);
    l1.exitStarted(++l1Block, CAROLS, CAROL.address(), 100);

    delete(carolsSpend);
    assertStillLocked();

    l1.setExitStatus(CAROLS, ExitState.Status.FINALIZED);
    reblock();
    assertStillLocked();
  }

  @Test
  void canonicalExit_keepsTheInputsLocked_itMarkedThemPaid() {
    // The attack the payout mark stops: Bob's output of Carol's spend is paid on L1, and Carol
    // would spend here the output that paid for it.
    startAndIngest(CAROL, carolsSpend);
    next().as(BOB.address()).piggybackInFlightExitOnOutput(TxCodec.encode(carolsSpend), 0);
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
    next().as(CAROL.address()).piggybackInFlightExitOnInput(TxCodec.encode(both), 0);
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
    next().as(CAROL.address()).piggybackInFlightExitOnInput(TxCodec.encode(carolsOtherSpend), 0);
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
    next().as(CAROL.address()).piggybackInFlightExitOnOutput(TxCodec.encode(tx), 0);
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
    next().as(CAROL.address()).piggybackInFlightExitOnOutput(TxCodec.encode(tx), 0);
    ingest();
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
    l1.exitStarted(++l1Block, CAROLS, CAROL.address(), 100);
    l1.setHeight(l1Block);
    ingest();
    reblock();

    assertStillLocked();
  }

  @Test
  void deletionThatL1NoLongerHolds_keepsTheLock() {
    startAndIngest(CAROL, carolsSpend);
    next().deleteNonPiggybackedInFlightExit(idOf(carolsSpend));
    l1.forgetInFlightExit(idOf(carolsSpend));
    ingest();

    assertStillLocked();
  }

  private FakeRootChain next() {
    l1.setHeight(++l1Block);
    return l1;
  }

  private void ingest() {
    L1EventFollower ingester = OperatorFixture.ingester(l1, store, producer, DEVNET);
    running.add(ingester);
    ingester.poll();
    assertThat(ingester.failure()).isEmpty();
  }

  /** Reads the whole L1 log again, as a fresh ingester after a restart does. */
  private void reblock() {
    store.setLastL1Block(0);
    ingest();
  }

  private void start(PrivateKey by, PaymentTransaction exiting) {
    List<InFlightExitStart.Input> inputs =
        exiting.inputs().stream()
            .map(pos -> new InFlightExitStart.Input(Bytes.EMPTY, pos, Bytes.EMPTY, NONE))
            .toList();
    next()
        .as(by.address())
        .startInFlightExit(new InFlightExitStart(Bytes.of(TxCodec.encode(exiting)), inputs));
  }

  private void startAndIngest(PrivateKey by, PaymentTransaction exiting) {
    start(by, exiting);
    ingest();
  }

  private void delete(PaymentTransaction exiting) {
    next().deleteNonPiggybackedInFlightExit(idOf(exiting));
    ingest();
  }

  private void process(PaymentTransaction exiting, boolean canonical, int paidSlots) {
    next().processInFlightExit(idOf(exiting), canonical, paidSlots);
    ingest();
  }

  /** Marks {@code key} paid by the in-flight exit of {@code exiting}, as the contract does. */
  private void paidBy(BigInteger key, PaymentTransaction exiting) {
    l1.setOutputFinalizedBy(key, ExitId.of(idOf(exiting)));
  }

  private void assertStillLocked() {
    assertThat(store.status(CAROLS)).isInstanceOf(UtxoStatus.Exiting.class);
    assertThat(rejected(producer.submit(signed(carolsSpend, CAROL))).reason())
        .isEqualTo(Rejection.UTXO_EXITING);
  }

  private static InFlightExitId idOf(PaymentTransaction exiting) {
    return InFlightExitId.of(TxCodec.encode(exiting));
  }

  private static Hash32 hashOf(PaymentTransaction exiting) {
    return Keccak.keccak256(TxCodec.encode(exiting));
  }
}
