package io.plasmanode.node.watcher;

import static io.plasmanode.node.watcher.WatcherFixture.BOND;
import static io.plasmanode.node.watcher.WatcherFixture.EXIT_PERIOD;
import static io.plasmanode.node.watcher.WatcherFixture.ONE_ETH;
import static io.plasmanode.node.watcher.WatcherFixture.await;
import static io.plasmanode.node.watcher.WatcherFixture.client;
import static io.plasmanode.node.watcher.WatcherFixture.deposit;
import static io.plasmanode.node.watcher.WatcherFixture.eth;
import static io.plasmanode.node.watcher.WatcherFixture.eventTypes;
import static io.plasmanode.node.watcher.WatcherFixture.exitDeposit;
import static io.plasmanode.node.watcher.WatcherFixture.key;
import static io.plasmanode.node.watcher.WatcherFixture.pastEventTypes;
import static io.plasmanode.node.watcher.WatcherFixture.pay;
import static io.plasmanode.node.watcher.WatcherFixture.submit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.l1.ExitState;
import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.merkle.MerkleTree;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hex;
import io.plasmanode.node.daemon.OperatorNode;
import io.plasmanode.p2p.rpc.JsonRpcClient;
import io.plasmanode.p2p.rpc.JsonRpcException;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.kv.LevelDbKeyValueStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The thefts of issue 18 ("a watcher halted by a false alarm goes blind") as ITs on a real anvil
 * with a short exit period as on a devnet (100 s): events end with their cause, a halted watcher
 * still challenges with spends from later blocks, and a challenged exit's output is an ordinary
 * unspent output again.
 */
class WatcherHaltIT {
  private static final PrivateKey OPERATOR = TestKeys.CAROL;
  private static final PrivateKey ALICE = TestKeys.ALICE;
  private static final PrivateKey BOB = TestKeys.BOB;
  private static final PrivateKey DAVE = TestKeys.DAVE;
  private static final UtxoPos DEPOSIT_1 = new UtxoPos(1, 0, 0);
  private static final UtxoPos DEPOSIT_2 = new UtxoPos(2, 0, 0);
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

  /** A watcher with the default timings for the contract's exit period (as the CLI picks them). */
  private WatcherNode startWatcher(URI operatorRpc, Duration withholding, boolean challenging) {
    WatcherConfig c =
        WatcherFixture.config(
            l1, operatorRpc, dir, withholding, WatcherTimings.defaultSafetyMargin(EXIT_PERIOD));
    WatcherConfig defaults =
        c.toBuilder()
            .challengeRetryAfter(WatcherTimings.defaultChallengeRetry(EXIT_PERIOD))
            .build();
    return WatcherNode.start(defaults, challenging ? key(DAVE) : Optional.empty());
  }

  @Test
  void invalidExitChallengedInTime_raisesNoUnchallengedExitNorHalt_andEndsWhenChallenged() {
    operator = WatcherFixture.startOperator(l1, OPERATOR, dir.resolve("operator"), 0);
    URI operatorRpc = WatcherFixture.rpcUrl(operator);
    watcher = startWatcher(operatorRpc, LONG, true);
    deposit(l1, BOB, ONE_ETH);
    submit(operatorRpc, pay(l1, BOB, DEPOSIT_1, List.of(eth(ALICE, ONE_ETH))));
    await("block 1000 validated", () -> watcher.status().syncedHeight() == 1000);

    exitDeposit(l1, BOB, DEPOSIT_1, ONE_ETH);
    List<String> raised = new ArrayList<>();
    boolean[] halted = {false};
    await(
        "the challenge on L1 and invalid_exit ended",
        () -> {
          raised.addAll(eventTypes(watcher));
          halted[0] |= watcher.status().halted();
          return l1.as(DAVE).exit(DEPOSIT_1).status() == ExitState.Status.CHALLENGED
              && eventTypes(watcher).isEmpty()
              && !pastEventTypes(watcher).isEmpty();
        });

    assertThat(raised).doesNotContain("unchallenged_exit");
    assertThat(halted[0]).isFalse();
    assertThat(pastEventTypes(watcher)).containsExactly("invalid_exit");
    try (JsonRpcClient rpc = client(watcher)) {
      JsonNode past = rpc.call("watcher_status").get("pastEvents").get(0);
      assertThat(past.get("active").asBoolean()).isFalse();
      assertThat(past.get("endedAt").asLong()).isPositive();
    }

    watcher.close();
    watcher = startWatcher(operatorRpc, LONG, true);
    long head = l1.as(DAVE).l1Height();
    await("L1 read again after the restart", () -> watcher.status().l1HeightSeen() >= head);
    assertThat(eventTypes(watcher)).isEmpty();
    assertThat(pastEventTypes(watcher)).containsExactly("invalid_exit");
    assertThat(watcher.status().halted()).isFalse();
    assertThat(l1.nonce(DAVE.address())).isEqualTo(1);
  }

  @Test
  void afterAHalt_anExitOfAnOutputSpentInALaterCommittedBlock_isStillChallenged() {
    Duration withholding = Duration.ofSeconds(2);
    try (var fake = new WatcherFixture.FakeOperator(l1, OPERATOR)) {
      watcher = startWatcher(fake.endpoint(), withholding, true);
      deposit(l1, ALICE, ONE_ETH);
      deposit(l1, BOB, ONE_ETH);
      SignedTransaction toBob = pay(l1, ALICE, DEPOSIT_1, List.of(eth(BOB, ONE_ETH)));
      commitAndServe(fake, 1000, List.of(toBob));
      await("block 1000 validated", () -> watcher.status().syncedHeight() == 1000);
      UtxoPos bobs = new UtxoPos(1000, 0, 0);

      SignedTransaction first = pay(l1, BOB, DEPOSIT_2, List.of(eth(ALICE, ONE_ETH)));
      SignedTransaction again = pay(l1, BOB, DEPOSIT_2, List.of(eth(DAVE, ONE_ETH)));
      commitAndServe(fake, 2000, List.of(first, again));
      await("halted by invalid_block", () -> watcher.status().halted());
      SignedTransaction later = pay(l1, BOB, bobs, List.of(eth(DAVE, ONE_ETH)));
      commitAndServe(fake, 3000, List.of(later));
      Instant committed = Instant.now();

      try (JsonRpcClient rpc = client(watcher)) {
        await("the spend of block 3000 read", () -> challengeData(rpc, bobs).isPresent());
        assertThat(challengeData(rpc, bobs).get().get("spendingTxBytes").asText())
            .isEqualTo(Hex.encode(TxCodec.encode(later.tx())));
        JsonNode exitData = rpc.call("watcher_getExitData", bobs.toString());
        l1.as(BOB)
            .startStandardExit(
                bobs,
                Hex.decode(exitData.get("txBytes").asText()),
                Hex.decode(exitData.get("proof").asText()));
      }
      await(
          "the exit challenged",
          () -> l1.as(DAVE).exit(bobs).status() == ExitState.Status.CHALLENGED);
      await(
          "twice the withholding timeout after block 3000",
          () -> Instant.now().isAfter(committed.plus(withholding.multipliedBy(2))));
      await("invalid_exit ended", () -> pastEventTypes(watcher).contains("invalid_exit"));
      assertThat(eventTypes(watcher)).containsExactly("invalid_block");
      assertThat(pastEventTypes(watcher)).containsExactly("invalid_exit");
      assertThat(watcher.status().halted()).isTrue();
      assertThat(watcher.status().syncedHeight()).isEqualTo(1000);

      // An output created past the halt (Dave's, in block 3000), spent in block 4000 and exited
      // with exit data built from block 3000 itself: challenged too.
      UtxoPos daves = new UtxoPos(3000, 0, 0);
      commitAndServe(fake, 4000, List.of(pay(l1, DAVE, daves, List.of(eth(ALICE, ONE_ETH)))));
      List<byte[]> block3000 = List.of(TxCodec.encode(later.tx()));
      l1.as(DAVE)
          .startStandardExit(
              daves, block3000.getFirst(), MerkleTree.of(block3000).proof(0).toBytes());
      await(
          "the exit of an output created past the halt challenged",
          () -> l1.as(DAVE).exit(daves).status() == ExitState.Status.CHALLENGED);
      await("its invalid_exit ended", () -> pastEventTypes(watcher).size() == 2);
      assertThat(eventTypes(watcher)).containsExactly("invalid_block");
    }
  }

  @Test
  void exitChallengedWithASpendNeverIncluded_leavesAnOrdinaryUnspentOutput_neverExitable() {
    try (var fake = new WatcherFixture.FakeOperator(l1, OPERATOR)) {
      watcher = startWatcher(fake.endpoint(), LONG, false);
      deposit(l1, ALICE, ONE_ETH);
      exitDeposit(l1, ALICE, DEPOSIT_1, ONE_ETH);
      await("the exit tracked", () -> watcher.status().exitsTracked() == 1);
      // A half-finished swap: Alice signed a spend that was never included.
      SignedTransaction unincluded = pay(l1, ALICE, DEPOSIT_1, List.of(eth(BOB, ONE_ETH)));
      l1.as(DAVE)
          .challengeStandardExit(
              DEPOSIT_1, TxCodec.encode(unincluded.tx()), 0, unincluded.signatures().getFirst());
      long head = l1.as(DAVE).l1Height();
      await("the challenge seen", () -> watcher.status().l1HeightSeen() >= head);

      try (JsonRpcClient rpc = client(watcher)) {
        assertThat(exitable(rpc, ALICE)).isEmpty();
        assertThat(utxos(rpc, "watcher_getUtxos", ALICE))
            .as("listed as the operator lists it, for the wallet's balance and utxos")
            .containsExactly(DEPOSIT_1.toString());
        assertThat(challengeData(rpc, DEPOSIT_1)).isEmpty();
      }
      assertThat(eventTypes(watcher)).isEmpty();
      watcher.close();
      watcher = null;
    }
    try (LevelDbKeyValueStore kv = LevelDbKeyValueStore.open(dir.resolve("watcher"))) {
      ChainStore chain = new ChainStore(kv);
      assertThat(chain.status(DEPOSIT_1)).isInstanceOf(UtxoStatus.Unspent.class);
      assertThat(chain.utxosOf(ALICE.address())).extracting(u -> u.pos()).contains(DEPOSIT_1);
    }
  }

  private static void commitAndServe(
      WatcherFixture.FakeOperator fake, long blknum, List<SignedTransaction> block) {
    fake.commit(block);
    fake.serve(blknum, block);
  }

  /**
   * The challenge data of {@code pos}, empty when the watcher says there is nothing to challenge.
   */
  private static Optional<JsonNode> challengeData(JsonRpcClient rpc, UtxoPos pos) {
    try {
      return Optional.of(rpc.call("watcher_getChallengeData", pos.toString()));
    } catch (JsonRpcException e) {
      assertThat(e.code()).isEqualTo(-32015);
      return Optional.empty();
    }
  }

  private static List<String> exitable(JsonRpcClient rpc, PrivateKey owner) {
    return utxos(rpc, "watcher_getExitableUtxos", owner);
  }

  private static List<String> utxos(JsonRpcClient rpc, String method, PrivateKey owner) {
    JsonNode utxos = rpc.call(method, owner.address().toHex());
    return StreamSupport.stream(utxos.spliterator(), false)
        .map(utxo -> utxo.get("utxoPos").asText())
        .toList();
  }
}
