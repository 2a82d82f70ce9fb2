package io.plasmanode.node.watcher;

import static io.plasmanode.node.testing.Payments.eth;
import static io.plasmanode.node.testing.Waits.await;
import static io.plasmanode.node.testing.WatcherView.eventTypes;
import static io.plasmanode.node.testing.WatcherView.pastEventTypes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.l1.ExitState;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.types.Hex;
import io.plasmanode.exitgame.ByzantineEvent;
import io.plasmanode.node.daemon.OperatorNode;
import io.plasmanode.node.testing.FakeOperator;
import io.plasmanode.node.testing.OperatorSetup;
import io.plasmanode.node.testing.PlasmaNetwork;
import io.plasmanode.node.testing.Scenario;
import io.plasmanode.node.testing.WatcherView;
import io.plasmanode.p2p.rpc.JsonRpcException;
import io.plasmanode.storage.chain.ChainCheckException;
import io.plasmanode.storage.chain.TestChains;
import io.plasmanode.storage.kv.LevelDbKeyValueStore;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The watcher in-process on a real anvil and LevelDB, against the real operator daemon or a
 * test-only operator that commits and serves whatever the test builds.
 */
class WatcherIT {
  private static final PrivateKey OPERATOR = TestKeys.CAROL;
  private static final PrivateKey ALICE = TestKeys.ALICE;
  private static final PrivateKey BOB = TestKeys.BOB;
  private static final PrivateKey DAVE = TestKeys.DAVE;
  private static final UtxoPos DEPOSIT_1 = new UtxoPos(1, 0, 0);
  private static final Duration EXIT_PERIOD = PlasmaNetwork.SHORT_EXIT_PERIOD;
  private static final BigInteger BOND = PlasmaNetwork.BOND;
  private static final BigInteger ONE_ETH = AnvilChain.ether(1);

  @RegisterExtension
  final PlasmaNetwork net =
      PlasmaNetwork.builder().operator(OPERATOR).exitPeriod(EXIT_PERIOD).fund(TestKeys.ALL).build();

  private OperatorNode operator;
  private WatcherNode watcher;

  @Test
  void honestExit_isNotChallengedAndPaysAmountPlusBond() {
    Scenario users = net.scenario(startOperator());
    watcher = startChallenging(users);
    users.deposit(ALICE, ONE_ETH.multiply(BigInteger.TWO));
    UtxoPos bobs =
        users
            .operator()
            .submitWhenAccepted(
                users.transfer(ALICE, DEPOSIT_1, eth(BOB, ONE_ETH), eth(ALICE, ONE_ETH)))
            .output(0);
    await("block 1000 validated", () -> watcher.status().syncedHeight() == 1000);
    WatcherView view = net.view(watcher);
    assertThat(view.exitable(BOB)).containsExactly(bobs);

    BigInteger beforeStart = users.l1Balance(BOB);
    Hash32 start = users.startExit(BOB, bobs, view.exitData(bobs));
    await("the exit tracked", () -> watcher.status().exitsTracked() == 1);
    assertThat(view.exitable(BOB)).isEmpty();
    assertThatThrownBy(() -> view.rpc().call("watcher_getChallengeData", bobs.toString()))
        .isInstanceOfSatisfying(
            JsonRpcException.class, e -> assertThat(e.code()).isEqualTo(-32015));

    net.l1().advanceTime(EXIT_PERIOD.multipliedBy(3));
    BigInteger afterStart = users.l1Balance(BOB);
    assertThat(afterStart).isEqualTo(beforeStart.subtract(BOND).subtract(net.l1().fee(start)));
    Hash32 process = users.processExits(BOB, bobs.toLong(), 1);
    assertThat(users.l1Balance(BOB))
        .isEqualTo(afterStart.add(ONE_ETH).add(BOND).subtract(net.l1().fee(process)));
    await("the exit finalized", () -> watcher.status().exitsTracked() == 0);
    assertThat(eventTypes(watcher)).isEmpty();
    assertThat(net.l1().nonce(DAVE.address())).isZero();
  }

  @Test
  void invalidExit_isChallengedOnceAcrossRestarts_andSyncContinuesWhereItStopped() {
    Scenario users = net.scenario(startOperator());
    watcher = startChallenging(users);
    users.deposit(BOB, ONE_ETH);
    UtxoPos alices =
        users
            .operator()
            .submitWhenAccepted(users.transfer(BOB, DEPOSIT_1, eth(ALICE, ONE_ETH)))
            .output(0);
    await("block 1000 validated", () -> watcher.status().syncedHeight() == 1000);
    watcher.close();

    users.operator().submitWhenAccepted(users.transfer(ALICE, alices, eth(DAVE, ONE_ETH)));
    users.awaitOnL1(2000);
    users.exitDeposit(BOB, DEPOSIT_1, ONE_ETH);
    BigInteger daveBefore = users.l1Balance(DAVE);
    watcher = startChallenging(users);
    await("block 2000 validated after the restart", () -> watcher.status().syncedHeight() == 2000);
    await(
        "the challenge on L1", () -> users.exit(DEPOSIT_1).status() == ExitState.Status.CHALLENGED);
    assertThat(net.l1().nonce(DAVE.address())).isEqualTo(1);
    assertThat(users.l1Balance(DAVE))
        .isGreaterThan(daveBefore.add(BOND).subtract(ONE_ETH.divide(BigInteger.valueOf(100))));
    assertThat(users.l1Balance(DAVE)).isLessThan(daveBefore.add(BOND));

    watcher.close();
    watcher = startChallenging(users);
    long head = net.l1().as(DAVE).l1Height();
    await("L1 read again after the restart", () -> watcher.status().l1HeightSeen() >= head);
    await("a few more steps", () -> watcher.status().l1Height() >= head);
    assertThat(net.l1().nonce(DAVE.address())).isEqualTo(1);
    assertThat(eventTypes(watcher)).isEmpty();
    assertThat(pastEventTypes(watcher)).containsExactly("invalid_exit");
    assertThat(watcher.status().halted()).isFalse();
  }

  @Test
  void invalidBlock_isReportedAndHaltsTheWatcher_whichStillServesExitData() {
    FakeOperator fake = net.startFakeOperator();
    Scenario users = net.scenario();
    SignedTransaction toBob = watchAlicePayingBobInBlock1000(fake, users, Duration.ofSeconds(10));

    UtxoPos bobs = new UtxoPos(1000, 0, 0);
    SignedTransaction first = users.transfer(BOB, bobs, eth(ALICE, ONE_ETH));
    SignedTransaction again = users.transfer(BOB, bobs, eth(DAVE, ONE_ETH));
    fake.commitAndServe(2000, List.of(first, again));
    await("invalid_block", () -> eventTypes(watcher).contains("invalid_block"));
    assertThat(watcher.status().halted()).isTrue();
    assertThat(watcher.status().syncedHeight()).isEqualTo(1000);
    var event = (ByzantineEvent.InvalidBlock) watcher.status().byzantineEvents().getFirst();
    assertThat(event.blknum()).isEqualTo(2000);
    assertThat(event.txIndex()).isEqualTo(1);
    assertThat(event.reason()).contains("double_spend");

    WatcherView view = net.view(watcher);
    JsonNode status = view.status();
    assertThat(status.get("halted").asBoolean()).isTrue();
    JsonNode reported = status.get("byzantineEvents").get(0);
    assertThat(reported.get("type").asText()).isEqualTo("invalid_block");
    assertThat(reported.get("action").asText()).isEqualTo("exit");
    assertThat(reported.get("blknum").asLong()).isEqualTo(2000);
    assertThat(reported.has("utxoPos")).isFalse();
    assertThat(view.exitData(bobs).get("txBytes").asText())
        .isEqualTo(Hex.encode(TxCodec.encode(toBob.tx())));
  }

  @Test
  void forgedSignatureServedByTheOperator_isAnInvalidBlockAtOnce() {
    FakeOperator fake = net.startFakeOperator();
    Scenario users = net.scenario();
    watcher = net.startWatcher(fake.endpoint(), w -> w);
    users.deposit(ALICE, ONE_ETH);
    // The operator moves Alice's deposit to Dave with Dave's signature instead of Alice's.
    SignedTransaction theft = users.transfer(DAVE, DEPOSIT_1, eth(DAVE, ONE_ETH));
    fake.commitAndServe(1000, List.of(theft));
    await("invalid_block", () -> eventTypes(watcher).contains("invalid_block"));
    var event = (ByzantineEvent.InvalidBlock) watcher.status().byzantineEvents().getFirst();
    assertThat(event.blknum()).isEqualTo(1000);
    assertThat(event.reason()).contains("unauthorized_spend");
    assertThat(eventTypes(watcher)).containsExactly("invalid_block");
    assertThat(watcher.status().halted()).isTrue();
    assertThat(watcher.status().syncedHeight()).isZero();
  }

  @Test
  void blockServedWithOtherContentsOrNotAtAll_isWithheldAfterTheTimeout() {
    FakeOperator fake = net.startFakeOperator();
    Scenario users = net.scenario();
    watcher =
        net.startWatcher(fake.endpoint(), w -> w.withWithholdingTimeout(Duration.ofSeconds(2)));
    users.deposit(ALICE, ONE_ETH);
    SignedTransaction committed = users.transfer(ALICE, DEPOSIT_1, eth(BOB, ONE_ETH));
    SignedTransaction other = users.transfer(ALICE, DEPOSIT_1, eth(DAVE, ONE_ETH));
    fake.commit(List.of(committed));
    fake.serve(1000, List.of(other));
    await("block_withholding", () -> eventTypes(watcher).contains("block_withholding"));
    assertThat(eventTypes(watcher)).containsExactly("block_withholding");
    assertThat(watcher.status().halted()).isTrue();
    assertThat(watcher.status().syncedHeight()).isZero();

    fake.serve(1000, List.of(committed));
    await("block 1000 applied after all", () -> watcher.status().syncedHeight() == 1000);
    assertThat(eventTypes(watcher)).isEmpty();
    assertThat(pastEventTypes(watcher)).containsExactly("block_withholding");
    assertThat(watcher.status().halted()).isFalse();
  }

  @Test
  void invalidExitWithoutChallengerKey_isReportedUnchallengedWithinTheMargin_untilChallenged() {
    FakeOperator fake = net.startFakeOperator();
    Scenario users = net.scenario();
    watchAlicePayingBobInBlock1000(fake, users, Duration.ofSeconds(10));

    users.exitDeposit(ALICE, DEPOSIT_1, ONE_ETH);
    await("invalid_exit", () -> eventTypes(watcher).contains("invalid_exit"));
    net.l1().advanceTime(EXIT_PERIOD.minusSeconds(5));
    await("unchallenged_exit", () -> eventTypes(watcher).contains("unchallenged_exit"));
    assertThat(eventTypes(watcher)).containsExactly("invalid_exit", "unchallenged_exit");
    assertThat(watcher.status().halted()).isTrue();
    assertThat(users.exit(DEPOSIT_1).status()).isEqualTo(ExitState.Status.ACTIVE);

    JsonNode data = net.view(watcher).challengeData(DEPOSIT_1).orElseThrow();
    assertThat(data.get("exitId").asText()).isEqualTo(DEPOSIT_1.toString());
    users.challenge(DAVE, DEPOSIT_1, data);
    assertThat(users.exit(DEPOSIT_1).status()).isEqualTo(ExitState.Status.CHALLENGED);
    await("the events ended", () -> eventTypes(watcher).isEmpty());
    assertThat(watcher.status().halted()).isFalse();
    assertThat(pastEventTypes(watcher)).containsExactly("invalid_exit", "unchallenged_exit");
  }

  @Test
  void invalidExit_isJudgedByL1Time_whenL1RunsAheadOfTheLocalClock() {
    FakeOperator fake = net.startFakeOperator();
    Scenario users = net.scenario();
    // A 10 s margin on a 100 s exit period: by the local clock, 90 s before it is late.
    watchAlicePayingBobInBlock1000(fake, users, Duration.ofSeconds(10));
    users.exitDeposit(ALICE, DEPOSIT_1, ONE_ETH);
    await("invalid_exit", () -> eventTypes(watcher).contains("invalid_exit"));
    assertThat(eventTypes(watcher)).doesNotContain("unchallenged_exit");

    net.l1().advanceTime(EXIT_PERIOD);

    await("unchallenged_exit by L1 time", () -> eventTypes(watcher).contains("unchallenged_exit"));
    assertThat(eventTypes(watcher)).containsExactly("invalid_exit", "unchallenged_exit");
  }

  /**
   * Starts a reporting-only watcher of {@code fake} with {@code safetyMargin}; Alice deposits and
   * pays it all to Bob in block 1000, which the watcher validates. Returns that payment.
   */
  private SignedTransaction watchAlicePayingBobInBlock1000(
      FakeOperator fake, Scenario users, Duration safetyMargin) {
    watcher = net.startWatcher(fake.endpoint(), w -> w.withSafetyMargin(safetyMargin));
    users.deposit(ALICE, ONE_ETH);
    SignedTransaction toBob = users.transfer(ALICE, DEPOSIT_1, eth(BOB, ONE_ETH));
    fake.commitAndServe(1000, List.of(toBob));
    await("block 1000 validated", () -> watcher.status().syncedHeight() == 1000);
    return toBob;
  }

  /** The operator's block 1000 spends deposit 1; the watcher validates it and stops. */
  private URI validateBlock1000SpendingDeposit1ThenStopTheWatcher() {
    Scenario users = net.scenario(startOperator());
    watcher = startChallenging(users);
    users.deposit(BOB, ONE_ETH);
    users.operator().submitWhenAccepted(users.transfer(BOB, DEPOSIT_1, eth(ALICE, ONE_ETH)));
    await("block 1000 validated", () -> watcher.status().syncedHeight() == 1000);
    watcher.close();
    return users.operator().rpcUrl();
  }

  private WatcherNode startChallenging(Scenario users) {
    return startChallenging(users.operator().rpcUrl());
  }

  private WatcherNode startChallenging(URI operatorRpc) {
    return net.startWatcher(operatorRpc, w -> w.withChallenger(DAVE));
  }

  @Test
  void watcherOfAResetL1_refusesToStartOnItsOldDatabase() {
    URI operatorRpc = validateBlock1000SpendingDeposit1ThenStopTheWatcher();
    operator.close();
    // A devnet reset: a fresh anvil, the same contract address, no child blocks.
    net.restartL1();

    assertThatThrownBy(() -> startChallenging(operatorRpc))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("validated block 1000")
        .hasMessageContaining("has no block 1000")
        .hasMessageContaining("fresh --data-dir");
  }

  @Test
  void damagedDatabase_refusesToStartNamingTheProblem() {
    URI operatorRpc = validateBlock1000SpendingDeposit1ThenStopTheWatcher();
    Path watcherDir = net.dir().resolve("watcher");
    try (LevelDbKeyValueStore kv = LevelDbKeyValueStore.open(watcherDir.resolve("watcher"))) {
      TestChains.reviveSpentOutput(kv, DEPOSIT_1); // spent in block 1000, the last one
    }

    assertThatThrownBy(() -> startChallenging(operatorRpc))
        .isInstanceOf(ChainCheckException.class)
        .hasMessageContaining("[utxo_status_mismatch]")
        .hasMessageContaining("plasma db check --data-dir " + watcherDir);
  }

  private URI startOperator() {
    operator = net.startOperator(setup -> OperatorSetup.quick());
    return PlasmaNetwork.rpcUrl(operator);
  }
}
