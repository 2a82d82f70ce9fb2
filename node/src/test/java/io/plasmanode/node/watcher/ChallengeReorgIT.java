package io.plasmanode.node.watcher;

import static io.plasmanode.node.testing.L1Reorgs.height;
import static io.plasmanode.node.testing.L1Reorgs.mine;
import static io.plasmanode.node.testing.L1Reorgs.pause;
import static io.plasmanode.node.testing.L1Reorgs.reorg;
import static io.plasmanode.node.watcher.WatcherFixture.BOND;
import static io.plasmanode.node.watcher.WatcherFixture.EXIT_PERIOD;
import static io.plasmanode.node.watcher.WatcherFixture.ONE_ETH;
import static io.plasmanode.node.watcher.WatcherFixture.await;
import static io.plasmanode.node.watcher.WatcherFixture.deposit;
import static io.plasmanode.node.watcher.WatcherFixture.eth;
import static io.plasmanode.node.watcher.WatcherFixture.eventTypes;
import static io.plasmanode.node.watcher.WatcherFixture.exitDeposit;
import static io.plasmanode.node.watcher.WatcherFixture.key;
import static io.plasmanode.node.watcher.WatcherFixture.pastEventTypes;
import static io.plasmanode.node.watcher.WatcherFixture.pay;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.l1.ExitState;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.UtxoPos;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  @TempDir Path dir;

  private final AnvilChain l1 = AnvilChain.start(OPERATOR, EXIT_PERIOD, BOND);
  private WatcherNode watcher;

  @AfterEach
  void stop() {
    if (watcher != null) {
      watcher.close();
    }
    l1.close();
  }

  @Test
  void challengeDroppedByAReorgBeforeItIsFinal_isResentAtOnce_andInvalidExitStaysActive() {
    TestKeys.ALL.forEach(k -> l1.fund(k.address()));
    try (var fake = new WatcherFixture.FakeOperator(l1, OPERATOR)) {
      watcher = WatcherNode.start(config(fake.endpoint()), key(DAVE));
      deposit(l1, ALICE, ONE_ETH);
      SignedTransaction toBob = pay(l1, ALICE, DEPOSIT_1, List.of(eth(BOB, ONE_ETH)));
      fake.commit(List.of(toBob));
      fake.serve(1000, List.of(toBob));
      mine(l1, MARGIN);
      await("block 1000 validated", () -> watcher.status().syncedHeight() == 1000);

      exitDeposit(l1, ALICE, DEPOSIT_1, ONE_ETH);
      mine(l1, MARGIN);
      await("the invalid exit challenged", () -> exitStatus() == ExitState.Status.CHALLENGED);
      pause(Duration.ofMillis(600)); // several polls: the watcher sees its challenge mined
      long minedIn = height(l1);
      reorg(l1, 1); // an empty block replaces the challenge's: the height stays

      await("the challenge re-sent and mined", () -> height(l1) > minedIn);
      assertThat(height(l1)).as("only the re-sent challenge mined").isEqualTo(minedIn + 1);
      assertThat(exitStatus()).isEqualTo(ExitState.Status.CHALLENGED);
      assertThat(l1.nonce(DAVE.address())).isEqualTo(1);
      assertThat(eventTypes(watcher)).containsExactly("invalid_exit");
      mine(l1, MARGIN + 1);
      await("invalid_exit ended", () -> pastEventTypes(watcher).contains("invalid_exit"));
      assertThat(eventTypes(watcher)).isEmpty();
    }
  }

  private ExitState.Status exitStatus() {
    return l1.as(DAVE).exit(DEPOSIT_1).status();
  }

  /** Finality margin {@value #MARGIN}; the exit game's retry later than any await here. */
  private WatcherConfig config(URI operatorRpc) {
    WatcherConfig c =
        WatcherFixture.config(
            l1, operatorRpc, dir, Duration.ofMinutes(10), Duration.ofSeconds(5), MARGIN);
    return new WatcherConfig(
        c.l1(),
        c.contract(),
        c.operatorRpc(),
        c.dataDir(),
        c.rpcHost(),
        c.rpcPort(),
        c.finalityMargin(),
        c.withholdingTimeout(),
        c.safetyMargin(),
        Duration.ofSeconds(60),
        c.pollInterval(),
        c.l1StartBlock(),
        c.p2pHost(),
        c.p2pPort(),
        c.peers(),
        c.rpcLimits());
  }
}
