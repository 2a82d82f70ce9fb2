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
import io.plasmanode.core.inflight.OutputSpentChallenge;
import io.plasmanode.core.inflight.TxInclusion;
import io.plasmanode.core.l1.ExitId;
import io.plasmanode.core.l1.ExitState;
import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Bytes;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.node.metrics.OperatorMetrics;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.chain.TxJournal;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code InFlightExitOutputBlocked} against the operator's lock of a piggybacked output: the lock
 * is released (the piggyback can never be made again) unless another exit may still pay the output
 * or paid it, the attacks being an in-flight exit of another spend of it (canonical, it pays that
 * spend's outputs; non-canonical, the output back), a standard exit of it, and a payout on L1; and
 * the same holds for a standard exit challenged with a spend no block holds.
 */
class BlockedPiggybackReleaseTest {
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

  /** Alice pays Carol 100: included in block 1000, exited in flight; Carol piggybacks it. */
  private final PaymentTransaction tx = transfer(alices, eth(CAROL, 100));

  /** Carol's spend of her output, signed but never sent to the operator. */
  private final PaymentTransaction carolsSpend = transfer(CAROLS, eth(BOB, 100));

  private BlockProducer producer;
  private long l1Block = 2;

  @BeforeEach
  void carolsOutputIsPiggybackedAndLocked() {
    producer =
        new BlockProducer(store, TxJournal.inMemory(), config(1), CLOCK, OperatorMetrics.NONE);
    running.add(producer);
    accepted(producer.submit(signed(tx, ALICE)));
    OperatorFixture.await(Duration.ofSeconds(5), "block 1000 stored", () -> store.height() == 1000);
    start(ALICE, tx);
    next().as(CAROL.address()).piggybackInFlightExitOnOutput(TxCodec.encode(tx), 0);
    ingest();
    assertThat(store.status(CAROLS)).isInstanceOf(UtxoStatus.Exiting.class);
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable service : running.reversed()) {
      service.close();
    }
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

  private void start(PrivateKey by, PaymentTransaction exiting) {
    List<InFlightExitStart.Input> inputs =
        exiting.inputs().stream()
            .map(pos -> new InFlightExitStart.Input(Bytes.EMPTY, pos, Bytes.EMPTY, NONE))
            .toList();
    next()
        .as(by.address())
        .startInFlightExit(new InFlightExitStart(Bytes.of(TxCodec.encode(exiting)), inputs));
  }

  /** Dave shows Carol's piggybacked output spent by {@code spend}. */
  private void blockCarolsOutput(PaymentTransaction spend) {
    next()
        .as(TestKeys.DAVE.address())
        .challengeInFlightExitOutputSpent(
            new OutputSpentChallenge(
                Bytes.of(TxCodec.encode(tx)),
                new TxInclusion(new UtxoPos(1000, 0, 0), Bytes.EMPTY),
                0,
                Bytes.of(TxCodec.encode(spend)),
                0,
                NONE));
    ingest();
  }

  private void assertStillLocked() {
    assertThat(store.status(CAROLS)).isInstanceOf(UtxoStatus.Exiting.class);
    assertThat(rejected(producer.submit(signed(carolsSpend, CAROL))).reason())
        .isEqualTo(Rejection.UTXO_EXITING);
  }

  @Test
  void blockedOutput_isReleased_andItsOwnerSpendsIt_evenWithTheChallengingSpend() {
    blockCarolsOutput(carolsSpend);

    assertThat(store.status(CAROLS)).isEqualTo(new UtxoStatus.Unspent(eth(CAROL, 100)));
    assertThat(store.utxosOf(CAROL.address())).hasSize(1);
    assertThat(accepted(producer.submit(signed(carolsSpend, CAROL))).blknum()).isEqualTo(2000);
  }

  @Test
  void blockedOutput_staysLocked_whileAnInFlightExitOfASpendOfItIsActive() {
    // The attack: Carol exits her spend in flight, then has her own piggyback blocked with it.
    start(CAROL, carolsSpend);
    blockCarolsOutput(carolsSpend);

    assertStillLocked();
  }

  @Test
  void blockedOutput_isReleased_whenTheInFlightExitOfASpendOfItEndedFirst() {
    start(CAROL, carolsSpend);
    ingest();
    next().deleteNonPiggybackedInFlightExit(InFlightExitId.of(TxCodec.encode(carolsSpend)));
    blockCarolsOutput(carolsSpend);

    assertThat(store.status(CAROLS)).isInstanceOf(UtxoStatus.Unspent.class);
  }

  @Test
  void blockedOutput_staysLocked_whileAStandardExitOfItIsActiveOrWasPaid() {
    l1.exitStarted(++l1Block, CAROLS, CAROL.address(), 100);
    blockCarolsOutput(carolsSpend);
    assertStillLocked();

    l1.setExitStatus(CAROLS, ExitState.Status.FINALIZED);
    reblock();
    assertStillLocked();
  }

  @Test
  void blockedOutput_staysLocked_whenL1PaidIt() {
    l1.setOutputFinalizedBy(
        OutputKey.of(Keccak.keccak256(TxCodec.encode(tx)), 0),
        ExitId.of(InFlightExitId.of(TxCodec.encode(carolsSpend))));
    blockCarolsOutput(carolsSpend);

    assertStillLocked();
  }

  @Test
  void blockedOutput_staysLocked_whenL1ShowsThePiggybackAgain() {
    // The challenge was reorganised out: L1 shows the piggyback as it was.
    blockCarolsOutput(carolsSpend);
    store.markExiting(CAROLS);
    next().as(CAROL.address()).piggybackInFlightExitOnOutput(TxCodec.encode(tx), 0);
    reblock();

    assertStillLocked();
  }

  @Test
  void standardExitChallengedWithASpendNoBlockHolds_staysLocked_whileAnInFlightExitSpendsIt() {
    UtxoPos bobs = deposit(store, 3, BOB, 50);
    PaymentTransaction bobsSpend = transfer(bobs, eth(ALICE, 50));
    l1.exitStarted(++l1Block, bobs, BOB.address(), 50);
    start(BOB, bobsSpend);
    l1.exitChallenged(++l1Block, bobs, Keccak.keccak256(TxCodec.encode(bobsSpend)));
    l1.setHeight(l1Block);
    ingest();

    assertThat(store.status(bobs)).isInstanceOf(UtxoStatus.Exiting.class);
    assertThat(rejected(producer.submit(signed(bobsSpend, BOB))).reason())
        .isEqualTo(Rejection.UTXO_EXITING);
  }

  /** Reads the whole L1 log again, as a fresh ingester after a restart does. */
  private void reblock() {
    store.setLastL1Block(0);
    ingest();
  }
}
