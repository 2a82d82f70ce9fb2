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
import io.plasmanode.storage.chain.ChainStore;
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
  private static final Signature NONE = Signature.of(new byte[Signature.SIZE]);

  private final InFlightLockFixture operator = new InFlightLockFixture();
  private final ChainStore store = operator.store;
  private final PaymentTransaction tx = operator.alicesPayment;
  private final PaymentTransaction carolsSpend = operator.carolsSpend;

  @BeforeEach
  void carolsOutputIsPiggybackedAndLocked() {
    operator.includeAlicesPayment();
    operator.start(ALICE, tx);
    operator.next().as(CAROL.address()).piggybackInFlightExitOnOutput(TxCodec.encode(tx), 0);
    operator.ingest();
    assertThat(store.status(CAROLS)).isInstanceOf(UtxoStatus.Exiting.class);
  }

  @AfterEach
  void stop() throws Exception {
    operator.close();
  }

  /** Dave shows Carol's piggybacked output spent by {@code spend}. */
  private void blockCarolsOutput(PaymentTransaction spend) {
    operator
        .next()
        .as(TestKeys.DAVE.address())
        .challengeInFlightExitOutputSpent(
            new OutputSpentChallenge(
                Bytes.of(TxCodec.encode(tx)),
                new TxInclusion(new UtxoPos(1000, 0, 0), Bytes.EMPTY),
                0,
                Bytes.of(TxCodec.encode(spend)),
                0,
                NONE));
    operator.ingest();
  }

  private void assertStillLocked() {
    assertThat(store.status(CAROLS)).isInstanceOf(UtxoStatus.Exiting.class);
    assertThat(rejected(operator.producer.submit(signed(carolsSpend, CAROL))).reason())
        .isEqualTo(Rejection.UTXO_EXITING);
  }

  @Test
  void blockedOutput_isReleased_andItsOwnerSpendsIt_evenWithTheChallengingSpend() {
    blockCarolsOutput(carolsSpend);

    assertThat(store.status(CAROLS)).isEqualTo(new UtxoStatus.Unspent(eth(CAROL, 100)));
    assertThat(store.utxosOf(CAROL.address())).hasSize(1);
    assertThat(accepted(operator.producer.submit(signed(carolsSpend, CAROL))).blknum())
        .isEqualTo(2000);
  }

  @Test
  void blockedOutput_staysLocked_whileAnInFlightExitOfASpendOfItIsActive() {
    // The attack: Carol exits her spend in flight, then has her own piggyback blocked with it.
    operator.start(CAROL, carolsSpend);
    blockCarolsOutput(carolsSpend);

    assertStillLocked();
  }

  @Test
  void blockedOutput_isReleased_whenTheInFlightExitOfASpendOfItEndedFirst() {
    operator.start(CAROL, carolsSpend);
    operator.ingest();
    operator
        .next()
        .deleteNonPiggybackedInFlightExit(InFlightExitId.of(TxCodec.encode(carolsSpend)));
    blockCarolsOutput(carolsSpend);

    assertThat(store.status(CAROLS)).isInstanceOf(UtxoStatus.Unspent.class);
  }

  @Test
  void blockedOutput_staysLocked_whileAStandardExitOfItIsActiveOrWasPaid() {
    operator.l1.exitStarted(operator.nextL1Block(), CAROLS, CAROL.address(), 100);
    blockCarolsOutput(carolsSpend);
    assertStillLocked();

    operator.l1.setExitStatus(CAROLS, ExitState.Status.FINALIZED);
    operator.reblock();
    assertStillLocked();
  }

  @Test
  void blockedOutput_staysLocked_whenL1PaidIt() {
    operator.l1.setOutputFinalizedBy(
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
    operator.next().as(CAROL.address()).piggybackInFlightExitOnOutput(TxCodec.encode(tx), 0);
    operator.reblock();

    assertStillLocked();
  }

  @Test
  void standardExitChallengedWithASpendNoBlockHolds_staysLocked_whileAnInFlightExitSpendsIt() {
    UtxoPos bobs = deposit(store, 3, BOB, 50);
    PaymentTransaction bobsSpend = transfer(bobs, eth(ALICE, 50));
    operator.l1.exitStarted(operator.nextL1Block(), bobs, BOB.address(), 50);
    operator.start(BOB, bobsSpend);
    operator.l1.exitChallenged(
        operator.nextL1Block(), bobs, Keccak.keccak256(TxCodec.encode(bobsSpend)));
    operator.ingest();

    assertThat(store.status(bobs)).isInstanceOf(UtxoStatus.Exiting.class);
    assertThat(rejected(operator.producer.submit(signed(bobsSpend, BOB))).reason())
        .isEqualTo(Rejection.UTXO_EXITING);
  }
}
