package io.plasmanode.node.daemon;

import static io.plasmanode.node.testing.Payments.eth;
import static io.plasmanode.node.testing.Waits.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.inflight.InFlightExitState;
import io.plasmanode.core.inflight.OutputSpentChallenge;
import io.plasmanode.core.inflight.TxInclusion;
import io.plasmanode.core.l1.ExitId;
import io.plasmanode.core.merkle.MerkleTree;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Bytes;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.node.testing.OperatorView;
import io.plasmanode.node.testing.OperatorView.Submitted;
import io.plasmanode.node.testing.Payments;
import io.plasmanode.node.testing.PlasmaNetwork;
import io.plasmanode.node.testing.Scenario;
import io.plasmanode.p2p.rpc.JsonRpcException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator's in-flight exit locks (MoreVP W2) with a real operator (LevelDB, JSON-RPC) and the
 * real contract on anvil: an in-flight exit's inputs can no longer be spent on the child chain once
 * it starts, nor a piggybacked output of an included tx; both survive a restart. A piggybacked
 * output shown spent on L1 is released, unless an in-flight exit of a spend of it is active; once
 * that exit is deleted on L1 (it paid nothing), the output is released.
 */
class InFlightExitLockIT {
  private static final PrivateKey OPERATOR = TestKeys.DAVE;
  private static final PrivateKey ALICE = TestKeys.ALICE;
  private static final PrivateKey BOB = TestKeys.BOB;
  private static final PrivateKey CAROL = TestKeys.CAROL;
  private static final PrivateKey DAVE = TestKeys.DAVE;
  private static final BigInteger ONE = AnvilChain.ether(1);

  @RegisterExtension
  final PlasmaNetwork net =
      PlasmaNetwork.builder()
          .operator(OPERATOR)
          .exitPeriod(PlasmaNetwork.SHORT_EXIT_PERIOD)
          .fund(List.of(ALICE, BOB, CAROL))
          .build();

  private OperatorNode operator;
  private Scenario users;

  @Test
  void inFlightExitInputsAndPiggybackedOutputs_areLocked_acrossARestart() {
    startOperator();
    UtxoPos alices = users.depositCredited(ALICE, ONE.multiply(BigInteger.TWO));
    UtxoPos bobs = users.depositCredited(BOB, ONE);
    Submitted paid = users.pay(ALICE, alices, eth(CAROL, ONE), eth(ALICE, ONE));
    users.awaitCommitted(paid.blknum());
    UtxoPos carols = paid.output(0);

    // Carol and Bob sign a tx that never reaches the operator; Carol exits it in flight.
    SignedTransaction inFlight =
        users
            .payments()
            .sign(
                Payments.transfer(
                    List.of(carols, bobs), List.of(eth(DAVE, ONE.multiply(BigInteger.TWO)))),
                List.of(CAROL, BOB));
    users.startInFlightExit(CAROL, inFlight);
    assertThat(users.inFlightExit(inFlight))
        .hasValueSatisfying(exit -> assertThat(exit.isActive()).isTrue());
    await("the inputs locked", () -> !view().utxos(BOB).contains(bobs));
    assertThat(view().utxos(CAROL)).doesNotContain(carols);
    assertThat(rejection(users.transfer(BOB, bobs, eth(ALICE, ONE)))).isEqualTo("utxo_exiting");
    assertThat(rejection(inFlight))
        .as("nor is the exiting tx itself taken now")
        .isEqualTo("utxo_exiting");

    // Alice's payment to Bob is included; she exits it in flight and Bob piggybacks his output.
    Submitted included =
        users.pay(
            ALICE,
            paid.output(1),
            eth(BOB, ONE.divide(BigInteger.TWO)),
            eth(ALICE, ONE.divide(BigInteger.TWO)));
    users.awaitCommitted(included.blknum());
    SignedTransaction alicesTx =
        users.transfer(
            ALICE,
            paid.output(1),
            eth(BOB, ONE.divide(BigInteger.TWO)),
            eth(ALICE, ONE.divide(BigInteger.TWO)));
    users.startInFlightExit(ALICE, alicesTx);
    users.piggybackOutput(BOB, alicesTx, 0);
    assertThat(users.inFlightExit(alicesTx).map(exit -> exit.outputPiggybacked(0))).contains(true);
    await("Bob's piggybacked output locked", () -> !view().utxos(BOB).contains(included.output(0)));
    assertThat(
            rejection(
                users.transfer(BOB, included.output(0), eth(CAROL, ONE.divide(BigInteger.TWO)))))
        .isEqualTo("utxo_exiting");
    assertThat(view().utxos(ALICE))
        .as("her output nobody piggybacked")
        .contains(included.output(1));

    // The locks are in the operator's database: a restart keeps them.
    operator.close();
    startOperator();
    assertThat(view().utxos(BOB)).doesNotContain(bobs, included.output(0));
    assertThat(rejection(users.transfer(BOB, bobs, eth(ALICE, ONE)))).isEqualTo("utxo_exiting");
    Submitted alicesChange =
        users.pay(ALICE, included.output(1), eth(CAROL, ONE.divide(BigInteger.TWO)));
    users.awaitClosed(alicesChange.txHash());
    assertThat(users.inFlightExit(inFlight).map(InFlightExitState::txHash)).isPresent();
  }

  @Test
  void piggybackedOutputShownSpentOnL1_staysLocked_whileAnInFlightExitOfASpendOfItIsActive() {
    startOperator();
    UtxoPos alices = users.depositCredited(ALICE, ONE.multiply(BigInteger.TWO));
    Submitted paid = users.pay(ALICE, alices, eth(BOB, ONE), eth(CAROL, ONE));
    users.awaitCommitted(paid.blknum());
    SignedTransaction tx = users.transfer(ALICE, alices, eth(BOB, ONE), eth(CAROL, ONE));
    users.startInFlightExit(ALICE, tx);
    users.piggybackOutput(BOB, tx, 0);
    users.piggybackOutput(CAROL, tx, 1);
    await(
        "both outputs locked", () -> view().utxos(BOB).isEmpty() && view().utxos(CAROL).isEmpty());

    // The attack: Carol exits a spend of her output in flight, then has her piggyback blocked
    // with it, to spend the output here while that exit may still pay it on L1.
    SignedTransaction carolsSpend = users.transfer(CAROL, paid.output(1), eth(DAVE, ONE));
    users.startInFlightExit(CAROL, carolsSpend);
    challengeOutputSpent(tx, paid, 1, carolsSpend);
    SignedTransaction bobsSpend = users.transfer(BOB, paid.output(0), eth(DAVE, ONE));
    challengeOutputSpent(tx, paid, 0, bobsSpend);

    await("Bob's output released", () -> view().utxos(BOB).contains(paid.output(0)));
    assertThat(users.inFlightExit(tx).orElseThrow().piggybacked()).isZero();
    assertThat(view().utxos(CAROL)).as("blocked before Bob's: applied first").isEmpty();
    assertThat(rejection(users.transfer(CAROL, paid.output(1), eth(ALICE, ONE))))
        .isEqualTo("utxo_exiting");
    Submitted challengingSpend = users.pay(BOB, paid.output(0), eth(DAVE, ONE));
    users.awaitClosed(challengingSpend.txHash());

    // Carol's exit of her spend ends without paying anything (deleted after phase 1, nobody
    // piggybacked it): the lock it kept is released, and Carol spends her output here.
    net.l1().advanceTime(PlasmaNetwork.SHORT_EXIT_PERIOD.dividedBy(2));
    users.l1().as(ALICE).deleteNonPiggybackedInFlightExit(Scenario.inFlightExitId(carolsSpend));
    assertThat(users.inFlightExit(carolsSpend).orElseThrow().isActive()).isFalse();
    await("Carol's output released", () -> view().utxos(CAROL).contains(paid.output(1)));
    Submitted carolsPayment = users.pay(CAROL, paid.output(1), eth(ALICE, ONE));
    users.awaitClosed(carolsPayment.txHash());
  }

  @Test
  void inFlightExitProcessedCanonical_keepsItsInputLocked_forItPaidThatValueOnL1() {
    startOperator();
    UtxoPos alices = users.depositCredited(ALICE, ONE);
    SignedTransaction tx = users.transfer(ALICE, alices, eth(BOB, ONE));
    users.startInFlightExit(ALICE, tx);
    users.piggybackOutput(BOB, tx, 0);
    await("Alice's input locked", () -> !view().utxos(ALICE).contains(alices));

    // Bob is paid on L1; the exit is finalized. Released, Alice's input would pay twice.
    Instant exitableAt = users.inFlightExit(tx).orElseThrow().exitableAt().orElseThrow();
    Instant now = net.l1().as(ALICE).latestBlockTime();
    net.l1().advanceTime(Duration.between(now, exitableAt).plusSeconds(1));
    Hash32 processed = users.processExits(BOB, ExitId.of(Scenario.inFlightExitId(tx)), 1);
    assertThat(users.inFlightExit(tx).orElseThrow().status())
        .isEqualTo(InFlightExitState.Status.FINALIZED);
    long l1Block = net.l1().receipt(processed).getBlockNumber().longValueExact();
    await(
        "the operator applied the processing",
        () -> view().status().get("l1HeightSeen").asLong() >= l1Block);

    assertThat(rejection(users.transfer(ALICE, alices, eth(CAROL, ONE)))).isEqualTo("utxo_exiting");
    assertThat(view().utxos(ALICE)).doesNotContain(alices);
  }

  /**
   * Alice shows output {@code oindex} of {@code tx} (included as {@code at}) spent by {@code
   * spend}. Not Dave: his key is the operator's, and a call of his would take the nonce the
   * committer derives for its next block (its submissions would halt).
   */
  private void challengeOutputSpent(
      SignedTransaction tx, Submitted at, int oindex, SignedTransaction spend) {
    List<byte[]> block = users.operator().blockTxs(at.blknum());
    users
        .l1()
        .as(ALICE)
        .challengeInFlightExitOutputSpent(
            new OutputSpentChallenge(
                Bytes.of(TxCodec.encode(tx.tx())),
                TxInclusion.of(
                    new UtxoPos(at.blknum(), at.txIndex(), 0),
                    MerkleTree.of(block).proof(at.txIndex()).toBytes()),
                oindex,
                Bytes.of(TxCodec.encode(spend.tx())),
                0,
                spend.signatures().getFirst()));
  }

  private String rejection(SignedTransaction tx) {
    Optional<JsonRpcException> refused = view().rejection(tx);
    assertThat(refused).as("the operator refuses it").isPresent();
    return OperatorView.reason(refused.get());
  }

  private OperatorView view() {
    return users.operator();
  }

  private void startOperator() {
    operator = net.startOperator(setup -> setup.withConfirmations(0));
    users = net.scenario(PlasmaNetwork.rpcUrl(operator));
  }
}
