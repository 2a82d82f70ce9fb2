package io.plasmanode.node.daemon;

import static io.plasmanode.contracts.testing.AnvilChain.ether;
import static io.plasmanode.node.testing.Payments.eth;
import static io.plasmanode.node.testing.Waits.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.l1.ExitState;
import io.plasmanode.core.merkle.MerkleTree;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.types.Hex;
import io.plasmanode.node.testing.OperatorView;
import io.plasmanode.node.testing.OperatorView.Submitted;
import io.plasmanode.node.testing.Payments;
import io.plasmanode.node.testing.PlasmaNetwork;
import io.plasmanode.node.testing.Scenario;
import io.plasmanode.node.testing.WatcherView;
import io.plasmanode.p2p.rpc.JsonRpcException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator as users meet it: a real anvil with the Plasma contract, the {@code plasma operator}
 * process with its LevelDB, and its JSON-RPC API on a loopback socket. Deposits on L1 become
 * outputs, transfers between three accounts go through the API, every block is committed on L1 with
 * the root of what the operator stores and serves, an exit with the served proof is accepted by the
 * contract, and after {@code kill -9} and a restart nothing acknowledged is lost or committed
 * twice.
 */
class OperatorEndToEndIT {
  private static final PrivateKey OPERATOR = TestKeys.ALICE;
  private static final PrivateKey BOB = TestKeys.BOB;
  private static final PrivateKey CAROL = TestKeys.CAROL;
  private static final PrivateKey DAVE = TestKeys.DAVE;

  @RegisterExtension
  final PlasmaNetwork net =
      PlasmaNetwork.builder().operator(OPERATOR).fund(List.of(BOB, CAROL, DAVE)).build();

  private AnvilChain l1;
  private PlasmaProcess operator;
  private Scenario users;
  private OperatorView plasma;

  @BeforeEach
  void start() {
    l1 = net.l1();
    startOperator();
  }

  private void startOperator() {
    startOperator(Duration.ofMillis(300));
  }

  private void startOperator(Duration blockInterval) {
    operator =
        net.closeLater(
            PlasmaProcess.operator(
                l1.rpcUrl(),
                l1.contract().toHex(),
                net.dir().resolve("operator"),
                Hex.encode(OPERATOR.toArray()),
                blockInterval));
    users = net.scenario(operator.rpcUrl());
    plasma = users.operator();
  }

  private void restartAfterKill() throws InterruptedException {
    restartAfterKill(Duration.ofMillis(300));
  }

  private void restartAfterKill(Duration blockInterval) throws InterruptedException {
    plasma.close();
    operator.kill();
    startOperator(blockInterval);
  }

  @Test
  void depositsTransfersCommitsExitsAndSurvivesKillMinus9() throws Exception {
    // Deposits on L1 become spendable outputs on the child chain.
    UtxoPos bobDeposit = users.deposit(BOB, ether(10));
    UtxoPos carolDeposit = users.deposit(CAROL, ether(5));
    await(
        "deposits credited",
        () -> plasma.hasUtxo(BOB, bobDeposit) && plasma.hasUtxo(CAROL, carolDeposit));
    assertThat(plasma.balance(BOB)).isEqualTo(ether(10));

    // Transfers between three accounts over the API, chained within and across blocks.
    Submitted t1 = users.pay(BOB, bobDeposit, eth(CAROL, ether(3)), eth(BOB, ether(7)));
    UtxoPos carolFromBob = t1.output(0);
    UtxoPos bobChange = t1.output(1);
    Submitted t2 =
        users.pay(
            CAROL, List.of(carolFromBob, carolDeposit), eth(DAVE, ether(2)), eth(CAROL, ether(6)));
    UtxoPos dave = t2.output(0);
    UtxoPos carolChange = t2.output(1);
    users.awaitClosed(t2.txHash());
    JsonNode batch =
        plasma
            .rpc()
            .call(
                "plasma_submitTransactions",
                List.of(
                    signedHex(users.transfer(DAVE, dave, eth(BOB, ether(1)), eth(DAVE, ether(1)))),
                    signedHex(users.transfer(BOB, bobDeposit, eth(DAVE, ether(10))))));
    assertThat(batch.get(0).has("txHash")).isTrue();
    assertThat(batch.get(1).path("error").path("data").path("reason").asText())
        .isEqualTo("double_spend");
    users.awaitClosed(batch.get(0).get("txHash").asText());

    assertThat(plasma.balance(BOB)).isEqualTo(ether(8));
    assertThat(plasma.balance(CAROL)).isEqualTo(ether(6));
    assertThat(plasma.balance(DAVE)).isEqualTo(ether(1));

    // Every block is committed on L1 with the root of the transactions the operator serves.
    long height = plasma.status().get("height").asLong();
    assertThat(height).isGreaterThanOrEqualTo(2000);
    await("all blocks committed", () -> plasma.lastCommittedBlock() == height);
    for (long blknum = 1000; blknum <= height; blknum += 1000) {
      JsonNode block = plasma.block(blknum);
      Hash32 root = MerkleTree.of(OperatorView.unsignedTxs(block)).root();
      assertThat(block.get("root").asText()).isEqualTo(root.toHex());
      assertThat(block.path("commit").path("status").asText()).isEqualTo("committed");
      assertThat(l1.as(OPERATOR).block(blknum).orElseThrow().rootHigh224().high224Equals(root))
          .as("L1 root of block %s", blknum)
          .isTrue();
    }

    // The served exit data is what the contract accepts; the operator then locks the output.
    users.startExit(CAROL, carolChange);
    assertThat(users.exit(carolChange).status()).isEqualTo(ExitState.Status.ACTIVE);
    long exitL1Block = l1.as(CAROL).l1Height();
    await(
        "the operator has read the exit's L1 block",
        () -> plasma.status().get("l1HeightSeen").asLong() >= exitL1Block);
    SignedTransaction spendExiting = users.transfer(CAROL, carolChange, eth(BOB, ether(6)));
    assertThat(plasma.rejection(spendExiting).map(OperatorView::reason))
        .as("the refusal of a spend of an exiting output")
        .contains("utxo_exiting");

    // kill -9 and restart: the same blocks, outputs and history, no block committed twice; a
    // history cursor given before the restart goes on after it.
    Map<String, Object> before = snapshot(height);
    JsonNode bobsFirst =
        plasma.rpc().call("plasma_getTransactions", BOB.address().toHex(), null, 1);
    String bobsCursor = bobsFirst.get("nextCursor").asText();
    long nonceBefore = l1.nonce(OPERATOR.address());
    restartAfterKill();
    assertThat(snapshot(height)).isEqualTo(before);
    JsonNode bobsRest =
        plasma.rpc().call("plasma_getTransactions", BOB.address().toHex(), bobsCursor, 200);
    List<JsonNode> bobsHistory = new ArrayList<>();
    bobsFirst.get("transactions").forEach(bobsHistory::add);
    bobsRest.get("transactions").forEach(bobsHistory::add);
    List<JsonNode> bobsWholeHistory = new ArrayList<>();
    ((JsonNode) before.get("history " + BOB.address()))
        .get("transactions")
        .forEach(bobsWholeHistory::add);
    assertThat(bobsHistory)
        .as("Bob's history in two pages, across the restart")
        .hasSizeGreaterThan(2)
        .isEqualTo(bobsWholeHistory);
    Thread.sleep(1_000); // give a (wrong) resubmission every chance to happen
    assertThat(l1.nonce(OPERATOR.address())).isEqualTo(nonceBefore);
    assertThat(l1.as(OPERATOR).nextChildBlock()).isEqualTo(height + 1000);

    // It carries on: the next block gets the next number and exactly one more commit.
    Submitted t4 = users.pay(BOB, bobChange, eth(CAROL, ether(7)));
    assertThat(t4.blknum()).isEqualTo(height + 1000);
    await(
        "the block after the restart committed",
        () -> plasma.lastCommittedBlock() == height + 1000);
    assertThat(l1.nonce(OPERATOR.address())).isEqualTo(nonceBefore + 1);
    assertThat(plasma.balance(CAROL)).isEqualTo(ether(7));

    // Acknowledged means durable: a transfer answered while its block is still open (blocks
    // close hourly here) survives kill -9 at the place it was given, and is then committed.
    restartAfterKill(Duration.ofHours(1));
    Submitted t5 = users.pay(CAROL, t4.output(0), eth(DAVE, ether(7)));
    assertThat(plasma.status().get("mempoolSize").asInt()).as("t5 waits in the open block").isOne();
    restartAfterKill();
    users.awaitClosed(t5.txHash());
    JsonNode t5Stored = plasma.rpc().call("plasma_getTransaction", t5.txHash());
    assertThat(t5Stored.get("blknum").asLong()).isEqualTo(t5.blknum());
    assertThat(t5Stored.get("txIndex").asInt()).isEqualTo(t5.txIndex());
    assertThat(plasma.balance(DAVE)).isEqualTo(ether(8));
    long finalHeight = height + 2000;
    await("the replayed block committed", () -> plasma.lastCommittedBlock() == finalHeight);

    // The operator key came from the environment and appears in no log line.
    String keyHex = Hex.encode(OPERATOR.toArray()).substring(2);
    assertThat(String.join("\n", operator.output())).doesNotContainIgnoringCase(keyHex);
    assertThat(operator.output())
        .anyMatch(line -> line.contains("Replayed 1 accepted transactions from the journal"))
        .anyMatch(line -> line.contains("Closed block " + finalHeight));

    // Nor does a watcher's challenger key (from the environment too) reach the watcher's log,
    // once it has validated the whole chain.
    String challengerHex = Hex.encode(DAVE.toArray()).substring(2);
    try (PlasmaProcess watcher =
            PlasmaProcess.watcher(
                l1.rpcUrl(),
                l1.contract().toHex(),
                operator.rpcUrl(),
                net.dir().resolve("watcher"),
                Hex.encode(DAVE.toArray()));
        WatcherView watcherView = new WatcherView(watcher.rpcUrl())) {
      await(
          "the watcher validated every block",
          () -> watcherView.status().get("syncedHeight").asLong() == finalHeight);
      assertThat(watcherView.status().get("byzantineEvents").size()).isZero();
      for (PrivateKey user : List.of(BOB, CAROL, DAVE)) {
        assertThat(
                watcherView
                    .rpc()
                    .call("watcher_getTransactions", user.address().toHex(), null, 200))
            .as("the watcher's history of %s is the operator's", user.address())
            .isEqualTo(
                plasma.rpc().call("plasma_getTransactions", user.address().toHex(), null, 200));
      }
      assertThat(watcher.output()).anyMatch(line -> line.contains("challenging invalid exits"));
      String watcherLog = String.join("\n", watcher.output());
      assertThat(watcherLog).doesNotContainIgnoringCase(challengerHex);
      assertThat(watcherLog).doesNotContainIgnoringCase(keyHex);
    }
  }

  @Test
  void badInputGetsNamedErrorsAndTheNodeKeepsServing() {
    UtxoPos bobDeposit = users.deposit(BOB, ether(1));
    users.awaitCredited(BOB, bobDeposit);
    byte[] valid = Payments.encode(users.transfer(BOB, bobDeposit, eth(CAROL, ether(1))));
    var rpc = plasma.rpc();

    assertError(() -> rpc.call("plasma_submitTransaction", "0xzz"), -32602, "not hex");
    assertError(() -> rpc.call("plasma_submitTransaction", "0xc0"), -32010, "malformed");
    byte[] badSignature = valid.clone();
    badSignature[20] ^= 0x01; // inside the first signature's r
    // A changed r recovers another signer (unauthorized_spend) or none (invalid_signature).
    assertThatThrownBy(() -> rpc.call("plasma_submitTransaction", Hex.encode(badSignature)))
        .isInstanceOfSatisfying(
            JsonRpcException.class, e -> assertThat(e.code()).isIn(-32011, -32012));
    assertError(
        () ->
            rpc.call(
                "plasma_submitTransaction",
                signedHex(users.transfer(BOB, new UtxoPos(7000, 0, 0), eth(CAROL, ether(1))))),
        -32012,
        "utxo_not_found");
    assertError(
        () ->
            rpc.call(
                "plasma_submitTransaction",
                signedHex(users.transfer(CAROL, bobDeposit, eth(CAROL, ether(1))))),
        -32012,
        "unauthorized_spend");
    assertError(() -> rpc.call("plasma_noSuchMethod"), -32601, "");

    rpc.call("plasma_submitTransaction", Hex.encode(valid));
    assertError(() -> rpc.call("plasma_submitTransaction", Hex.encode(valid)), -32012, "");
    await("the valid transfer still went through", () -> plasma.balance(CAROL).equals(ether(1)));
    assertThat(plasma.status().get("alarms").size()).isZero();
  }

  @Test
  void erc20DepositIsCreditedInItsTokenAndSpentWithChange() {
    Address token = users.deployToken(BOB, ether(100), List.of(BOB));
    UtxoPos deposit = users.depositToken(BOB, token, ether(5));
    users.awaitCredited(BOB, deposit);
    assertThat(users.l1TokenBalance(BOB, token)).isEqualTo(ether(95));
    assertThat(plasma.balance(BOB, token)).isEqualTo(ether(5));
    assertThat(plasma.balance(BOB)).as("no ether").isZero();

    Submitted paid =
        users.pay(
            BOB,
            deposit,
            Payments.token(CAROL, token, ether(2)),
            Payments.token(BOB, token, ether(3)));
    users.awaitClosed(paid.txHash());
    assertThat(plasma.balance(CAROL, token)).isEqualTo(ether(2));
    assertThat(plasma.balance(BOB, token)).isEqualTo(ether(3));
    assertThat(plasma.utxos(BOB)).containsExactly(paid.output(1));
  }

  private static void assertError(ThrowingCall call, int code, String messagePart) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            JsonRpcException.class,
            e -> {
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.getMessage()).contains(messagePart);
            });
  }

  @FunctionalInterface
  private interface ThrowingCall {
    void run() throws Exception;
  }

  private static String signedHex(SignedTransaction tx) {
    return Hex.encode(Payments.encode(tx));
  }

  /** What must survive a crash: every block as served, and every account's outputs. */
  private Map<String, Object> snapshot(long height) {
    Map<String, Object> state = new LinkedHashMap<>();
    for (long blknum = 1000; blknum <= height; blknum += 1000) {
      state.put("block " + blknum, plasma.block(blknum));
    }
    for (PrivateKey user : List.of(BOB, CAROL, DAVE)) {
      state.put(
          "utxos " + user.address(), plasma.rpc().call("plasma_getUtxos", user.address().toHex()));
      state.put(
          "history " + user.address(),
          plasma.rpc().call("plasma_getTransactions", user.address().toHex(), null, 200));
    }
    state.put("height", plasma.status().get("height"));
    return state;
  }
}
