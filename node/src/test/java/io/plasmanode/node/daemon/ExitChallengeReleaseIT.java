package io.plasmanode.node.daemon;

import static io.plasmanode.node.testing.L1Reorgs.height;
import static io.plasmanode.node.testing.L1Reorgs.mine;
import static io.plasmanode.node.testing.L1Reorgs.pause;
import static io.plasmanode.node.testing.L1Reorgs.reorg;
import static io.plasmanode.node.testing.Payments.eth;
import static io.plasmanode.node.testing.Waits.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.contracts.l1.L1Exception;
import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.l1.ExitState;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.node.testing.OperatorView.Submitted;
import io.plasmanode.node.testing.PlasmaNetwork;
import io.plasmanode.node.testing.Scenario;
import io.plasmanode.p2p.rpc.JsonRpcException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The frozen-output attack, on a real anvil with the Plasma contract and a real operator (LevelDB,
 * JSON-RPC over Netty on 127.0.0.1): Alice deposits and starts a standard exit; Carol holds Alice's
 * signature over a swap that was never submitted to the child chain and challenges the exit with
 * it, taking the bond. Before the fix the operator kept the output locked for good, and the
 * contract refuses a challenged exit's restart: the money was frozen on both chains. Now the
 * operator releases the output once the challenge has its confirmations (a challenge reorganised
 * out before that releases nothing), the release survives a restart, and Alice's transfer of the
 * output is included in a block.
 */
class ExitChallengeReleaseIT {
  private static final PrivateKey OPERATOR = TestKeys.DAVE;
  private static final PrivateKey ALICE = TestKeys.ALICE;
  private static final PrivateKey BOB = TestKeys.BOB;
  private static final PrivateKey CAROL = TestKeys.CAROL;
  private static final int CONFIRMATIONS = 2;
  private static final BigInteger AMOUNT = AnvilChain.ether(1);
  private static final UtxoPos DEPOSIT = new UtxoPos(1, 0, 0);

  @RegisterExtension
  final PlasmaNetwork net =
      PlasmaNetwork.builder()
          .operator(OPERATOR)
          .exitPeriod(PlasmaNetwork.SHORT_EXIT_PERIOD)
          .fund(List.of(ALICE, CAROL))
          .build();

  private AnvilChain l1;
  private OperatorNode operator;
  private Scenario users;

  @Test
  void exitChallengedWithAnUnincludedSpend_releasesTheOutput_andTheOwnerTransfersIt() {
    l1 = net.l1();
    startOperator();
    aliceDepositsAndExits();
    SignedTransaction swap = sign(ALICE, CAROL); // handed to Carol, never submitted

    // Carol's first challenge is reorganised out before it has its confirmations: no release.
    long before = height(l1);
    challenge(swap);
    pause(Duration.ofMillis(600)); // several polls: the operator may not act yet
    reorg(l1, (int) (height(l1) - before));
    assertThat(exitStatus()).isEqualTo(ExitState.Status.ACTIVE);
    mine(l1, CONFIRMATIONS + 2);
    await("the operator past the replaced blocks", () -> l1HeightSeen() >= before + 1);
    assertThat(aliceUtxos()).as("still locked").doesNotContain(DEPOSIT);

    // Her challenge again, buried: the operator releases the output.
    challenge(swap);
    mine(l1, CONFIRMATIONS);
    await("the release", () -> aliceUtxos().contains(DEPOSIT));
    assertThat(exitStatus()).isEqualTo(ExitState.Status.CHALLENGED);

    // The release survives a restart; Alice moves the output on the child chain.
    operator.close();
    startOperator();
    assertThat(aliceUtxos()).containsExactly(DEPOSIT);
    Submitted paid = users.operator().submit(sign(ALICE, BOB));
    await("Alice's transfer in a closed block", () -> users.operator().isClosed(paid.txHash()));
    assertThat(users.operator().utxos(BOB)).containsExactly(new UtxoPos(paid.blknum(), 0, 0));
    assertThat(aliceUtxos()).isEmpty();

    // On L1 that output can never exit again: it had to move here first.
    assertThatThrownBy(this::exitAlicesDeposit)
        .isInstanceOfSatisfying(
            L1Exception.class, e -> assertThat(e.errorName()).hasValue("ExitWasChallenged"));
  }

  /** Alice's deposit is credited, her exit of it locks it: her spend of it is refused. */
  private void aliceDepositsAndExits() {
    assertThat(users.deposit(ALICE, AMOUNT)).isEqualTo(DEPOSIT);
    mine(l1, CONFIRMATIONS);
    await("the deposit credited", () -> aliceUtxos().contains(DEPOSIT));
    exitAlicesDeposit();
    mine(l1, CONFIRMATIONS);
    await("the exit lock", () -> aliceUtxos().isEmpty());
    assertThatThrownBy(() -> users.operator().submit(sign(ALICE, BOB)))
        .isInstanceOf(JsonRpcException.class)
        .hasMessageStartingWith("utxo_exiting");
  }

  private void exitAlicesDeposit() {
    users.exitDeposit(ALICE, DEPOSIT, AMOUNT);
  }

  private void challenge(SignedTransaction spend) {
    users.challenge(CAROL, DEPOSIT, spend);
    assertThat(exitStatus()).isEqualTo(ExitState.Status.CHALLENGED);
  }

  private ExitState.Status exitStatus() {
    return users.exit(DEPOSIT).status();
  }

  /** {@code owner} spends the deposit whole to {@code to}. */
  private SignedTransaction sign(PrivateKey owner, PrivateKey to) {
    return users.transfer(owner, DEPOSIT, eth(to, AMOUNT));
  }

  /** The operator acting on deposits and exits {@value #CONFIRMATIONS} blocks deep. */
  private void startOperator() {
    operator =
        net.startOperator(
            setup ->
                setup.withConfirmations(CONFIRMATIONS).withL1PollInterval(Duration.ofMillis(100)));
    users = net.scenario(PlasmaNetwork.rpcUrl(operator));
  }

  private long l1HeightSeen() {
    return operator.status().l1HeightSeen();
  }

  private List<UtxoPos> aliceUtxos() {
    return users.operator().utxos(ALICE);
  }
}
