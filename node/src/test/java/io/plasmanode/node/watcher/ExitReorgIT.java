package io.plasmanode.node.watcher;

import static io.plasmanode.node.testing.L1Reorgs.height;
import static io.plasmanode.node.testing.L1Reorgs.mine;
import static io.plasmanode.node.testing.L1Reorgs.pause;
import static io.plasmanode.node.testing.L1Reorgs.reorg;
import static io.plasmanode.node.testing.Payments.eth;
import static io.plasmanode.node.testing.Waits.await;
import static io.plasmanode.node.testing.WatcherView.eventTypes;
import static io.plasmanode.node.testing.WatcherView.pastEventTypes;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.l1.ExitState;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.node.daemon.OperatorNode;
import io.plasmanode.node.testing.OperatorSetup;
import io.plasmanode.node.testing.OperatorView;
import io.plasmanode.node.testing.PlasmaNetwork;
import io.plasmanode.node.testing.Scenario;
import io.plasmanode.node.testing.WatcherView;
import io.plasmanode.p2p.rpc.JsonRpcException;
import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * L1 reorganisations ({@code anvil_reorg}) against exits, with the real operator (exit events
 * applied after {@code --deposit-confirmations}) and a challenging watcher ({@code
 * --finality-margin}), both {@value #MARGIN} blocks: exits reorged out before they are that deep
 * are never acted on (the operator does not lock the output, which stays spendable; the watcher
 * neither tracks, reports nor challenges), and exits deeper than that are handled exactly once,
 * also across a shallower reorg above them.
 */
class ExitReorgIT {
  private static final int MARGIN = 3;
  private static final PrivateKey OPERATOR = TestKeys.CAROL;
  private static final PrivateKey ALICE = TestKeys.ALICE;
  private static final PrivateKey BOB = TestKeys.BOB;
  private static final PrivateKey DAVE = TestKeys.DAVE;
  private static final UtxoPos DEPOSIT_1 = new UtxoPos(1, 0, 0);
  private static final BigInteger ONE_ETH = AnvilChain.ether(1);
  private static final BigInteger TWO_ETH = ONE_ETH.multiply(BigInteger.TWO);

  @RegisterExtension
  final PlasmaNetwork net =
      PlasmaNetwork.builder()
          .operator(OPERATOR)
          .exitPeriod(PlasmaNetwork.SHORT_EXIT_PERIOD)
          .fund(TestKeys.ALL)
          .build();

  private AnvilChain l1;
  private OperatorNode operator;
  private WatcherNode watcher;

  @Test
  void exitsReorgedOutBeforeTheMarginAreIgnored_deeperOnesHandledOnce() {
    l1 = net.l1();
    operator = net.startOperator(setup -> OperatorSetup.quick().withConfirmations(MARGIN));
    Scenario users = net.scenario(PlasmaNetwork.rpcUrl(operator));
    OperatorView plasma = users.operator();
    watcher =
        net.startWatcher(plasma.rpcUrl(), w -> w.withFinalityMargin(MARGIN).withChallenger(DAVE));
    try (WatcherView watcherView = WatcherView.of(watcher)) {
      users.deposit(ALICE, TWO_ETH);
      mine(l1, MARGIN);
      UtxoPos bobs =
          plasma
              .submitWhenAccepted(
                  users.transfer(ALICE, DEPOSIT_1, eth(BOB, ONE_ETH), eth(ALICE, ONE_ETH)))
              .output(0);
      awaitValidated(1000);

      // Bob exits his output and Alice her spent deposit (an invalid exit): both 1-2 blocks deep.
      long before = height(l1);
      users.startExit(BOB, bobs, watcherView.exitData(bobs));
      users.exitDeposit(ALICE, DEPOSIT_1, TWO_ETH);
      mine(l1, 1);
      pause(Duration.ofMillis(600)); // several polls of both: neither may act yet
      reorg(l1, (int) (height(l1) - before));
      assertThat(l1.as(DAVE).exit(bobs).status()).isEqualTo(ExitState.Status.NONE);
      assertThat(l1.as(DAVE).exit(DEPOSIT_1).status()).isEqualTo(ExitState.Status.NONE);
      mine(l1, MARGIN + 2);
      awaitBothRead(before + 3);

      assertThat(watcher.status().exitsTracked()).as("exits tracked").isZero();
      assertThat(eventTypes(watcher)).isEmpty();
      assertThat(l1.nonce(DAVE.address())).as("challenges sent").isZero();
      assertThat(plasma.utxos(BOB)).as("not locked").containsExactly(bobs);
      UtxoPos bobsNext =
          plasma.submitWhenAccepted(users.transfer(BOB, bobs, eth(BOB, ONE_ETH))).output(0);
      awaitValidated(2000);

      // The same exits again, buried MARGIN + 1 deep: acted on once, and a 2-block reorg above
      // them changes nothing.
      users.startExit(BOB, bobsNext, watcherView.exitData(bobsNext));
      users.exitDeposit(ALICE, DEPOSIT_1, TWO_ETH);
      mine(l1, MARGIN + 1);
      await(
          "the invalid exit challenged",
          () -> l1.as(DAVE).exit(DEPOSIT_1).status() == ExitState.Status.CHALLENGED);
      await("the output locked", () -> !plasma.utxos(BOB).contains(bobsNext));
      mine(l1, MARGIN + 1);
      long handled = height(l1);
      awaitBothRead(handled - MARGIN);
      reorg(l1, 2);
      mine(l1, MARGIN + 2);
      awaitBothRead(handled + 2 - MARGIN);

      assertThat(l1.nonce(DAVE.address())).as("challenges sent").isEqualTo(1);
      assertThat(eventTypes(watcher)).as("active events").isEmpty();
      assertThat(pastEventTypes(watcher)).containsExactly("invalid_exit");
      assertThat(watcher.status().halted()).isFalse();
      assertThat(watcher.status().exitsTracked()).isEqualTo(2);
      assertThat(l1.as(DAVE).exit(bobsNext).status()).isEqualTo(ExitState.Status.ACTIVE);
      assertThat(plasma.rejection(users.transfer(BOB, bobsNext, eth(ALICE, ONE_ETH))))
          .map(JsonRpcException::getMessage)
          .hasValueSatisfying(message -> assertThat(message).startsWith("utxo_exiting"));
    }
  }

  /** Waits for block {@code blknum} on L1, buries it MARGIN deep and waits for the watcher. */
  private void awaitValidated(long blknum) {
    await("block " + blknum + " on L1", () -> l1.as(DAVE).block(blknum).isPresent());
    mine(l1, MARGIN);
    await("block " + blknum + " validated", () -> watcher.status().syncedHeight() == blknum);
  }

  private void awaitBothRead(long l1Block) {
    await(
        "the operator and the watcher past L1 block " + l1Block,
        () ->
            operator.status().l1HeightSeen() >= l1Block
                && watcher.status().l1HeightSeen() >= l1Block);
  }
}
