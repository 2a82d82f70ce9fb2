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
import io.plasmanode.node.testing.FakeOperator;
import io.plasmanode.node.testing.PlasmaNetwork;
import io.plasmanode.node.testing.Scenario;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An L1 reorg ({@code anvil_reorg}) drops the watcher's mined challenge before it is {@value
 * #MARGIN} blocks deep (the watcher's finality margin): the exit is active again, and the watcher,
 * which follows its challenge until it is final, re-sends it at once (same nonce) rather than
 * taking the first receipt for done. The exit game's own retry ({@code --challenge-retry-after}) is
 * set longer than the test waits, so only the tracker's re-send can challenge it in time.
 */
class ChallengeReorgIT {
  private static final int MARGIN = 3;
  private static final PrivateKey OPERATOR = TestKeys.CAROL;
  private static final PrivateKey ALICE = TestKeys.ALICE;
  private static final PrivateKey BOB = TestKeys.BOB;
  private static final PrivateKey DAVE = TestKeys.DAVE;
  private static final UtxoPos DEPOSIT_1 = new UtxoPos(1, 0, 0);
  private static final BigInteger ONE_ETH = AnvilChain.ether(1);

  @RegisterExtension
  final PlasmaNetwork net =
      PlasmaNetwork.builder()
          .operator(OPERATOR)
          .exitPeriod(PlasmaNetwork.SHORT_EXIT_PERIOD)
          .fund(TestKeys.ALL)
          .build();

  @Test
  void challengeDroppedByAReorgBeforeItIsFinal_isResentAtOnce_andInvalidExitStaysActive() {
    AnvilChain l1 = net.l1();
    FakeOperator fake = net.startFakeOperator();
    Scenario users = net.scenario();
    // Finality margin MARGIN; the exit game's retry later than any await here.
    WatcherNode watcher =
        net.startWatcher(
            fake.endpoint(),
            setup ->
                setup
                    .withFinalityMargin(MARGIN)
                    .withSafetyMargin(Duration.ofSeconds(5))
                    .withChallengeRetryAfter(Duration.ofSeconds(60))
                    .withChallenger(DAVE));
    users.deposit(ALICE, ONE_ETH);
    fake.commitAndServe(1000, List.of(users.transfer(ALICE, DEPOSIT_1, eth(BOB, ONE_ETH))));
    mine(l1, MARGIN);
    await("block 1000 validated", () -> watcher.status().syncedHeight() == 1000);

    users.exitDeposit(ALICE, DEPOSIT_1, ONE_ETH);
    mine(l1, MARGIN);
    await(
        "the invalid exit challenged",
        () -> users.exit(DEPOSIT_1).status() == ExitState.Status.CHALLENGED);
    pause(Duration.ofMillis(600)); // several polls: the watcher sees its challenge mined
    long minedIn = height(l1);
    reorg(l1, 1); // an empty block replaces the challenge's: the height stays

    await("the challenge re-sent and mined", () -> height(l1) > minedIn);
    assertThat(height(l1)).as("only the re-sent challenge mined").isEqualTo(minedIn + 1);
    assertThat(users.exit(DEPOSIT_1).status()).isEqualTo(ExitState.Status.CHALLENGED);
    assertThat(l1.nonce(DAVE.address())).isEqualTo(1);
    assertThat(eventTypes(watcher)).containsExactly("invalid_exit");
    mine(l1, MARGIN + 1);
    await("invalid_exit ended", () -> pastEventTypes(watcher).contains("invalid_exit"));
    assertThat(eventTypes(watcher)).isEmpty();
  }
}
