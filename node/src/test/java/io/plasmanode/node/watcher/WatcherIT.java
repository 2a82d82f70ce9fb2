package io.plasmanode.node.watcher;

import static io.plasmanode.node.watcher.WatcherFixture.BOND;
import static io.plasmanode.node.watcher.WatcherFixture.EXIT_PERIOD;
import static io.plasmanode.node.watcher.WatcherFixture.ONE_ETH;
import static io.plasmanode.node.watcher.WatcherFixture.await;
import static io.plasmanode.node.watcher.WatcherFixture.client;
import static io.plasmanode.node.watcher.WatcherFixture.config;
import static io.plasmanode.node.watcher.WatcherFixture.deposit;
import static io.plasmanode.node.watcher.WatcherFixture.eth;
import static io.plasmanode.node.watcher.WatcherFixture.eventTypes;
import static io.plasmanode.node.watcher.WatcherFixture.exitDeposit;
import static io.plasmanode.node.watcher.WatcherFixture.key;
import static io.plasmanode.node.watcher.WatcherFixture.pastEventTypes;
import static io.plasmanode.node.watcher.WatcherFixture.pay;
import static io.plasmanode.node.watcher.WatcherFixture.rpcUrl;
import static io.plasmanode.node.watcher.WatcherFixture.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.l1.ExitState;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.types.Hex;
import io.plasmanode.exitgame.ByzantineEvent;
import io.plasmanode.node.daemon.OperatorNode;
import io.plasmanode.p2p.rpc.JsonRpcClient;
import io.plasmanode.p2p.rpc.JsonRpcException;
import io.plasmanode.storage.chain.ChainCheckException;
import io.plasmanode.storage.chain.TestChains;
import io.plasmanode.storage.kv.LevelDbKeyValueStore;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
  private static final Duration LONG = Duration.ofMinutes(10);

  @TempDir Path dir;
  private AnvilChain l1;
  private OperatorNode operator;
  private WatcherNode watcher;

  @BeforeEach
  void startL1() {
    l1 = AnvilChain.start(OPERATOR, EXIT_PERIOD, BOND);
    TestKeys.ALL.forEach(key -> l1.fund(key.address()));
  }

  @AfterEach
  void stop() {
    if (watcher != null) {
      watcher.close();
    }
    if (operator != null) {
      operator.close();
    }
    l1.close();
  }

  @Test
  void honestExit_isNotChallengedAndPaysAmountPlusBond() {
    URI operatorRpc = startOperator();
    watcher =
        WatcherNode.start(config(l1, operatorRpc, dir, LONG, Duration.ofSeconds(10)), key(DAVE));
    deposit(l1, ALICE, ONE_ETH.multiply(BigInteger.TWO));
    UtxoPos bobs =
        submit(
            operatorRpc,
            pay(l1, ALICE, DEPOSIT_1, List.of(eth(BOB, ONE_ETH), eth(ALICE, ONE_ETH))));
    await("block 1000 validated", () -> watcher.status().syncedHeight() == 1000);
    JsonRpcClient rpc = client(watcher);
    assertThat(exitable(rpc, BOB)).containsExactly(bobs.toString());

    JsonNode exitData = rpc.call("watcher_getExitData", bobs.toString());
    BigInteger beforeStart = l1.balance(BOB.address());
    Hash32 start =
        l1.as(BOB)
            .startStandardExit(
                bobs,
                Hex.decode(exitData.get("txBytes").asText()),
                Hex.decode(exitData.get("proof").asText()));
    await("the exit tracked", () -> watcher.status().exitsTracked() == 1);
    assertThat(exitable(rpc, BOB)).isEmpty();
    assertThatThrownBy(() -> rpc.call("watcher_getChallengeData", bobs.toString()))
        .isInstanceOfSatisfying(
            JsonRpcException.class, e -> assertThat(e.code()).isEqualTo(-32015));

    l1.advanceTime(EXIT_PERIOD.multipliedBy(3));
    BigInteger afterStart = l1.balance(BOB.address());
    assertThat(afterStart).isEqualTo(beforeStart.subtract(BOND).subtract(l1.fee(start)));
    Hash32 process = l1.as(BOB).processExits(Address.ZERO, bobs.toLong(), 1);
    assertThat(l1.balance(BOB.address()))
        .isEqualTo(afterStart.add(ONE_ETH).add(BOND).subtract(l1.fee(process)));
    await("the exit finalized", () -> watcher.status().exitsTracked() == 0);
    assertThat(eventTypes(watcher)).isEmpty();
    assertThat(l1.nonce(DAVE.address())).isZero();
    rpc.close();
  }

  @Test
  void invalidExit_isChallengedOnceAcrossRestarts_andSyncContinuesWhereItStopped() {
    URI operatorRpc = startOperator();
    watcher = startChallenging(operatorRpc);
    deposit(l1, BOB, ONE_ETH);
    UtxoPos alices = submit(operatorRpc, pay(l1, BOB, DEPOSIT_1, List.of(eth(ALICE, ONE_ETH))));
    await("block 1000 validated", () -> watcher.status().syncedHeight() == 1000);
    watcher.close();

    submit(operatorRpc, pay(l1, ALICE, alices, List.of(eth(DAVE, ONE_ETH))));
    await("block 2000 committed", () -> l1.as(DAVE).block(2000).isPresent());
    exitDeposit(l1, BOB, DEPOSIT_1, ONE_ETH);
    BigInteger daveBefore = l1.balance(DAVE.address());
    watcher = startChallenging(operatorRpc);
    await("block 2000 validated after the restart", () -> watcher.status().syncedHeight() == 2000);
    await(
        "the challenge on L1",
        () -> l1.as(DAVE).exit(DEPOSIT_1).status() == ExitState.Status.CHALLENGED);
    assertThat(l1.nonce(DAVE.address())).isEqualTo(1);
    assertThat(l1.balance(DAVE.address()))
        .isGreaterThan(daveBefore.add(BOND).subtract(ONE_ETH.divide(BigInteger.valueOf(100))));
    assertThat(l1.balance(DAVE.address())).isLessThan(daveBefore.add(BOND));

    watcher.close();
    watcher = startChallenging(operatorRpc);
    long head = l1.as(DAVE).l1Height();
    await("L1 read again after the restart", () -> watcher.status().l1HeightSeen() >= head);
    await("a few more steps", () -> watcher.status().l1Height() >= head);
    assertThat(l1.nonce(DAVE.address())).isEqualTo(1);
    assertThat(eventTypes(watcher)).isEmpty();
    assertThat(pastEventTypes(watcher)).containsExactly("invalid_exit");
    assertThat(watcher.status().halted()).isFalse();
  }

  @Test
  void invalidBlock_isReportedAndHaltsTheWatcher_whichStillServesExitData() {
    try (var fake = new WatcherFixture.FakeOperator(l1, OPERATOR)) {
      SignedTransaction toBob = watchAlicePayingBobInBlock1000(fake, Duration.ofSeconds(10));

      UtxoPos bobs = new UtxoPos(1000, 0, 0);
      SignedTransaction first = pay(l1, BOB, bobs, List.of(eth(ALICE, ONE_ETH)));
      SignedTransaction again = pay(l1, BOB, bobs, List.of(eth(DAVE, ONE_ETH)));
      fake.commit(List.of(first, again));
      fake.serve(2000, List.of(first, again));
      await("invalid_block", () -> eventTypes(watcher).contains("invalid_block"));
      assertThat(watcher.status().halted()).isTrue();
      assertThat(watcher.status().syncedHeight()).isEqualTo(1000);
      var event = (ByzantineEvent.InvalidBlock) watcher.status().byzantineEvents().getFirst();
      assertThat(event.blknum()).isEqualTo(2000);
      assertThat(event.txIndex()).isEqualTo(1);
      assertThat(event.reason()).contains("double_spend");

      try (JsonRpcClient rpc = client(watcher)) {
        JsonNode status = rpc.call("watcher_status");
        assertThat(status.get("halted").asBoolean()).isTrue();
        JsonNode reported = status.get("byzantineEvents").get(0);
        assertThat(reported.get("type").asText()).isEqualTo("invalid_block");
        assertThat(reported.get("action").asText()).isEqualTo("exit");
        assertThat(reported.get("blknum").asLong()).isEqualTo(2000);
        assertThat(reported.has("utxoPos")).isFalse();
        JsonNode exitData = rpc.call("watcher_getExitData", bobs.toString());
        assertThat(exitData.get("txBytes").asText())
            .isEqualTo(Hex.encode(TxCodec.encode(toBob.tx())));
      }
    }
  }

  @Test
  void forgedSignatureServedByTheOperator_isAnInvalidBlockAtOnce() {
    try (var fake = new WatcherFixture.FakeOperator(l1, OPERATOR)) {
      watcher =
          WatcherNode.start(
              config(l1, fake.endpoint(), dir, LONG, Duration.ofSeconds(10)), Optional.empty());
      deposit(l1, ALICE, ONE_ETH);
      // The operator moves Alice's deposit to Dave with Dave's signature instead of Alice's.
      SignedTransaction theft = pay(l1, DAVE, DEPOSIT_1, List.of(eth(DAVE, ONE_ETH)));
      fake.commit(List.of(theft));
      fake.serve(1000, List.of(theft));
      await("invalid_block", () -> eventTypes(watcher).contains("invalid_block"));
      var event = (ByzantineEvent.InvalidBlock) watcher.status().byzantineEvents().getFirst();
      assertThat(event.blknum()).isEqualTo(1000);
      assertThat(event.reason()).contains("unauthorized_spend");
      assertThat(eventTypes(watcher)).containsExactly("invalid_block");
      assertThat(watcher.status().halted()).isTrue();
      assertThat(watcher.status().syncedHeight()).isZero();
    }
  }

  @Test
  void blockServedWithOtherContentsOrNotAtAll_isWithheldAfterTheTimeout() {
    try (var fake = new WatcherFixture.FakeOperator(l1, OPERATOR)) {
      watcher =
          WatcherNode.start(
              config(l1, fake.endpoint(), dir, Duration.ofSeconds(2), Duration.ofSeconds(10)),
              Optional.empty());
      deposit(l1, ALICE, ONE_ETH);
      SignedTransaction committed = pay(l1, ALICE, DEPOSIT_1, List.of(eth(BOB, ONE_ETH)));
      SignedTransaction other = pay(l1, ALICE, DEPOSIT_1, List.of(eth(DAVE, ONE_ETH)));
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
  }

  @Test
  void invalidExitWithoutChallengerKey_isReportedUnchallengedWithinTheMargin_untilChallenged() {
    try (var fake = new WatcherFixture.FakeOperator(l1, OPERATOR)) {
      watchAlicePayingBobInBlock1000(fake, Duration.ofSeconds(10));

      exitDeposit(l1, ALICE, DEPOSIT_1, ONE_ETH);
      await("invalid_exit", () -> eventTypes(watcher).contains("invalid_exit"));
      l1.advanceTime(EXIT_PERIOD.minusSeconds(5));
      await("unchallenged_exit", () -> eventTypes(watcher).contains("unchallenged_exit"));
      assertThat(eventTypes(watcher)).containsExactly("invalid_exit", "unchallenged_exit");
      assertThat(watcher.status().halted()).isTrue();
      assertThat(l1.as(DAVE).exit(DEPOSIT_1).status()).isEqualTo(ExitState.Status.ACTIVE);

      try (JsonRpcClient rpc = client(watcher)) {
        JsonNode data = rpc.call("watcher_getChallengeData", DEPOSIT_1.toString());
        assertThat(data.get("exitId").asText()).isEqualTo(DEPOSIT_1.toString());
        l1.as(DAVE)
            .challengeStandardExit(
                DEPOSIT_1,
                Hex.decode(data.get("spendingTxBytes").asText()),
                data.get("inputIndex").asInt(),
                Signature.fromHex(data.get("signature").asText()));
      }
      assertThat(l1.as(DAVE).exit(DEPOSIT_1).status()).isEqualTo(ExitState.Status.CHALLENGED);
      await("the events ended", () -> eventTypes(watcher).isEmpty());
      assertThat(watcher.status().halted()).isFalse();
      assertThat(pastEventTypes(watcher)).containsExactly("invalid_exit", "unchallenged_exit");
    }
  }

  @Test
  void invalidExit_isJudgedByL1Time_whenL1RunsAheadOfTheLocalClock() {
    try (var fake = new WatcherFixture.FakeOperator(l1, OPERATOR)) {
      // A 10 s margin on a 100 s exit period: by the local clock, 90 s before it is late.
      watchAlicePayingBobInBlock1000(fake, Duration.ofSeconds(10));
      exitDeposit(l1, ALICE, DEPOSIT_1, ONE_ETH);
      await("invalid_exit", () -> eventTypes(watcher).contains("invalid_exit"));
      assertThat(eventTypes(watcher)).doesNotContain("unchallenged_exit");

      l1.advanceTime(EXIT_PERIOD);

      await(
          "unchallenged_exit by L1 time", () -> eventTypes(watcher).contains("unchallenged_exit"));
      assertThat(eventTypes(watcher)).containsExactly("invalid_exit", "unchallenged_exit");
    }
  }

  /**
   * Starts a reporting-only watcher of {@code fake} with {@code safetyMargin}; Alice deposits and
   * pays it all to Bob in block 1000, which the watcher validates. Returns that payment.
   */
  private SignedTransaction watchAlicePayingBobInBlock1000(
      WatcherFixture.FakeOperator fake, Duration safetyMargin) {
    watcher =
        WatcherNode.start(config(l1, fake.endpoint(), dir, LONG, safetyMargin), Optional.empty());
    deposit(l1, ALICE, ONE_ETH);
    SignedTransaction toBob = pay(l1, ALICE, DEPOSIT_1, List.of(eth(BOB, ONE_ETH)));
    fake.commit(List.of(toBob));
    fake.serve(1000, List.of(toBob));
    await("block 1000 validated", () -> watcher.status().syncedHeight() == 1000);
    return toBob;
  }

  /** The operator's block 1000 spends deposit 1; the watcher validates it and stops. */
  private URI validateBlock1000SpendingDeposit1ThenStopTheWatcher() {
    URI operatorRpc = startOperator();
    watcher = startChallenging(operatorRpc);
    deposit(l1, BOB, ONE_ETH);
    submit(operatorRpc, pay(l1, BOB, DEPOSIT_1, List.of(eth(ALICE, ONE_ETH))));
    await("block 1000 validated", () -> watcher.status().syncedHeight() == 1000);
    watcher.close();
    watcher = null;
    return operatorRpc;
  }

  private WatcherNode startChallenging(URI operatorRpc) {
    return WatcherNode.start(config(l1, operatorRpc, dir, LONG, Duration.ofSeconds(10)), key(DAVE));
  }

  @Test
  void watcherOfAResetL1_refusesToStartOnItsOldDatabase() {
    URI operatorRpc = validateBlock1000SpendingDeposit1ThenStopTheWatcher();
    operator.close();
    operator = null;
    // A devnet reset: a fresh anvil, the same contract address, no child blocks.
    l1.close();
    l1 = AnvilChain.start(OPERATOR, EXIT_PERIOD, BOND);

    assertThatThrownBy(() -> startChallenging(operatorRpc))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("validated block 1000")
        .hasMessageContaining("has no block 1000")
        .hasMessageContaining("fresh --data-dir");
  }

  @Test
  void damagedDatabase_refusesToStartNamingTheProblem() {
    URI operatorRpc = validateBlock1000SpendingDeposit1ThenStopTheWatcher();
    try (LevelDbKeyValueStore kv = LevelDbKeyValueStore.open(dir.resolve("watcher"))) {
      TestChains.reviveSpentOutput(kv, DEPOSIT_1); // spent in block 1000, the last one
    }

    assertThatThrownBy(() -> startChallenging(operatorRpc))
        .isInstanceOf(ChainCheckException.class)
        .hasMessageContaining("[utxo_status_mismatch]")
        .hasMessageContaining("plasma db check --data-dir " + dir);
  }

  private URI startOperator() {
    operator = WatcherFixture.startOperator(l1, OPERATOR, dir.resolve("operator"), 0);
    return rpcUrl(operator);
  }

  private static List<String> exitable(JsonRpcClient rpc, PrivateKey owner) {
    JsonNode utxos = rpc.call("watcher_getExitableUtxos", owner.address().toHex());
    return StreamSupport.stream(utxos.spliterator(), false)
        .map(utxo -> utxo.get("utxoPos").asText())
        .toList();
  }
}
