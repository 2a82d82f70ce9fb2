package io.plasmanode.node.daemon;

import static io.plasmanode.contracts.testing.AnvilChain.ether;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.contracts.anvil.AnvilProcess;
import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.eip712.TransactionSigner;
import io.plasmanode.core.l1.ExitState;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.merkle.MerkleTree;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.types.Hex;
import io.plasmanode.p2p.rpc.JsonRpcClient;
import io.plasmanode.p2p.rpc.JsonRpcException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
  private static final Address ETH = Address.ZERO;

  @TempDir Path temp;

  private AnvilChain l1;
  private PlasmaProcess operator;
  private JsonRpcClient rpc;
  private TransactionSigner signer;

  @BeforeEach
  void start() {
    l1 = AnvilChain.start(OPERATOR, Duration.ofDays(7), ether(1).divide(BigInteger.TEN));
    for (PrivateKey user : List.of(BOB, CAROL, DAVE)) {
      l1.fund(user.address());
    }
    signer = new TransactionSigner(new Eip712Domain(l1.contract(), AnvilProcess.CHAIN_ID));
    startOperator();
  }

  @AfterEach
  void stop() {
    if (rpc != null) {
      rpc.close();
    }
    if (operator != null) {
      operator.close();
    }
    l1.close();
  }

  private void startOperator() {
    startOperator(Duration.ofMillis(300));
  }

  private void startOperator(Duration blockInterval) {
    operator =
        PlasmaProcess.operator(
            l1.rpcUrl(),
            l1.contract().toHex(),
            temp.resolve("operator"),
            Hex.encode(OPERATOR.toArray()),
            blockInterval);
    rpc = new JsonRpcClient(operator.rpcUrl());
  }

  private void restartAfterKill() throws InterruptedException {
    restartAfterKill(Duration.ofMillis(300));
  }

  private void restartAfterKill(Duration blockInterval) throws InterruptedException {
    rpc.close();
    operator.kill();
    startOperator(blockInterval);
  }

  @Test
  void depositsTransfersCommitsExitsAndSurvivesKillMinus9() throws Exception {
    // Deposits on L1 become spendable outputs on the child chain.
    UtxoPos bobDeposit = deposit(BOB, ether(10));
    UtxoPos carolDeposit = deposit(CAROL, ether(5));
    await(() -> hasUtxo(BOB, bobDeposit) && hasUtxo(CAROL, carolDeposit), "deposits credited");
    assertThat(balance(BOB)).isEqualTo(ether(10));

    // Transfers between three accounts over the API, chained within and across blocks.
    JsonNode t1 =
        submit(transfer(BOB, List.of(bobDeposit), out(CAROL, ether(3)), out(BOB, ether(7))));
    UtxoPos carolFromBob = new UtxoPos(t1.get("blknum").asLong(), t1.get("txIndex").asInt(), 0);
    UtxoPos bobChange = new UtxoPos(t1.get("blknum").asLong(), t1.get("txIndex").asInt(), 1);
    JsonNode t2 =
        submit(
            transfer(
                CAROL,
                List.of(carolFromBob, carolDeposit),
                out(DAVE, ether(2)),
                out(CAROL, ether(6))));
    UtxoPos dave = new UtxoPos(t2.get("blknum").asLong(), t2.get("txIndex").asInt(), 0);
    UtxoPos carolChange = new UtxoPos(t2.get("blknum").asLong(), t2.get("txIndex").asInt(), 1);
    await(() -> isClosed(t2.get("txHash").asText()), "first block closed");
    JsonNode batch =
        rpc.call(
            "plasma_submitTransactions",
            List.of(
                Hex.encode(transfer(DAVE, List.of(dave), out(BOB, ether(1)), out(DAVE, ether(1)))),
                Hex.encode(transfer(BOB, List.of(bobDeposit), out(DAVE, ether(10))))));
    assertThat(batch.get(0).has("txHash")).isTrue();
    assertThat(batch.get(1).path("error").path("data").path("reason").asText())
        .isEqualTo("double_spend");
    await(() -> isClosed(batch.get(0).get("txHash").asText()), "second block closed");

    assertThat(balance(BOB)).isEqualTo(ether(8));
    assertThat(balance(CAROL)).isEqualTo(ether(6));
    assertThat(balance(DAVE)).isEqualTo(ether(1));

    // Every block is committed on L1 with the root of the transactions the operator serves.
    long height = status().get("height").asLong();
    assertThat(height).isGreaterThanOrEqualTo(2000);
    await(() -> status().get("lastCommittedBlock").asLong() == height, "all blocks committed");
    for (long blknum = 1000; blknum <= height; blknum += 1000) {
      JsonNode block = rpc.call("plasma_getBlock", blknum, true);
      List<byte[]> unsigned = new ArrayList<>();
      block
          .get("transactions")
          .forEach(
              signed ->
                  unsigned.add(
                      TxCodec.encode(
                          TxCodec.decodeSigned(Hex.decode(signed.asText())).get().tx())));
      Hash32 root = MerkleTree.of(unsigned).root();
      assertThat(block.get("root").asText()).isEqualTo(root.toHex());
      assertThat(block.path("commit").path("status").asText()).isEqualTo("committed");
      assertThat(l1.as(OPERATOR).block(blknum).orElseThrow().rootHigh224().high224Equals(root))
          .as("L1 root of block %s", blknum)
          .isTrue();
    }

    // The served exit data is what the contract accepts; the operator then locks the output.
    JsonNode exitData = rpc.call("plasma_getExitData", carolChange.toString());
    l1.as(CAROL)
        .startStandardExit(
            carolChange,
            Hex.decode(exitData.get("txBytes").asText()),
            Hex.decode(exitData.get("proof").asText()));
    assertThat(l1.as(CAROL).exit(carolChange).status()).isEqualTo(ExitState.Status.ACTIVE);
    long exitL1Block = l1.as(CAROL).l1Height();
    await(
        () -> status().get("l1HeightSeen").asLong() >= exitL1Block,
        "the operator has read the exit's L1 block");
    byte[] spendExiting = transfer(CAROL, List.of(carolChange), out(BOB, ether(6)));
    assertThat(rejectionOf(spendExiting)).isEqualTo("utxo_exiting");

    // kill -9 and restart: the same blocks and outputs, no block committed twice.
    Map<String, Object> before = snapshot(height);
    long nonceBefore = l1.nonce(OPERATOR.address());
    restartAfterKill();
    assertThat(snapshot(height)).isEqualTo(before);
    Thread.sleep(1_000); // give a (wrong) resubmission every chance to happen
    assertThat(l1.nonce(OPERATOR.address())).isEqualTo(nonceBefore);
    assertThat(l1.as(OPERATOR).nextChildBlock()).isEqualTo(height + 1000);

    // It carries on: the next block gets the next number and exactly one more commit.
    JsonNode t4 = submit(transfer(BOB, List.of(bobChange), out(CAROL, ether(7))));
    assertThat(t4.get("blknum").asLong()).isEqualTo(height + 1000);
    await(
        () -> status().get("lastCommittedBlock").asLong() == height + 1000,
        "the block after the restart committed");
    assertThat(l1.nonce(OPERATOR.address())).isEqualTo(nonceBefore + 1);
    assertThat(balance(CAROL)).isEqualTo(ether(7));

    // Acknowledged means durable: a transfer answered while its block is still open (blocks
    // close hourly here) survives kill -9 at the place it was given, and is then committed.
    restartAfterKill(Duration.ofHours(1));
    UtxoPos carolFromT4 = new UtxoPos(t4.get("blknum").asLong(), t4.get("txIndex").asInt(), 0);
    JsonNode t5 = submit(transfer(CAROL, List.of(carolFromT4), out(DAVE, ether(7))));
    assertThat(status().get("mempoolSize").asInt()).as("t5 waits in the open block").isOne();
    restartAfterKill();
    await(() -> isClosed(t5.get("txHash").asText()), "the acknowledged open-block tx stored");
    JsonNode t5Stored = rpc.call("plasma_getTransaction", t5.get("txHash").asText());
    assertThat(t5Stored.get("blknum").asLong()).isEqualTo(t5.get("blknum").asLong());
    assertThat(t5Stored.get("txIndex").asInt()).isEqualTo(t5.get("txIndex").asInt());
    assertThat(balance(DAVE)).isEqualTo(ether(8));
    long finalHeight = height + 2000;
    await(
        () -> status().get("lastCommittedBlock").asLong() == finalHeight,
        "the replayed block committed");

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
                temp.resolve("watcher"),
                Hex.encode(DAVE.toArray()));
        JsonRpcClient watcherRpc = new JsonRpcClient(watcher.rpcUrl())) {
      await(
          () -> watcherRpc.call("watcher_status").get("syncedHeight").asLong() == finalHeight,
          "the watcher validated every block");
      assertThat(watcherRpc.call("watcher_status").get("byzantineEvents").size()).isZero();
      assertThat(watcher.output()).anyMatch(line -> line.contains("challenging invalid exits"));
      String watcherLog = String.join("\n", watcher.output());
      assertThat(watcherLog).doesNotContainIgnoringCase(challengerHex);
      assertThat(watcherLog).doesNotContainIgnoringCase(keyHex);
    }
  }

  @Test
  void badInputGetsNamedErrorsAndTheNodeKeepsServing() throws Exception {
    UtxoPos bobDeposit = deposit(BOB, ether(1));
    await(() -> hasUtxo(BOB, bobDeposit), "deposit credited");
    byte[] valid = transfer(BOB, List.of(bobDeposit), out(CAROL, ether(1)));

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
                Hex.encode(transfer(BOB, List.of(new UtxoPos(7000, 0, 0)), out(CAROL, ether(1))))),
        -32012,
        "utxo_not_found");
    assertError(
        () ->
            rpc.call(
                "plasma_submitTransaction",
                Hex.encode(transfer(CAROL, List.of(bobDeposit), out(CAROL, ether(1))))),
        -32012,
        "unauthorized_spend");
    assertError(() -> rpc.call("plasma_noSuchMethod"), -32601, "");

    rpc.call("plasma_submitTransaction", Hex.encode(valid));
    assertError(() -> rpc.call("plasma_submitTransaction", Hex.encode(valid)), -32012, "");
    await(() -> balance(CAROL).equals(ether(1)), "the valid transfer still went through");
    assertThat(status().get("alarms").size()).isZero();
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

  private UtxoPos deposit(PrivateKey owner, BigInteger amount) {
    byte[] depositTx =
        TxCodec.encode(PaymentTransaction.deposit(new Output(owner.address(), ETH, amount)));
    long before = l1.as(owner).l1Height();
    l1.as(owner).deposit(depositTx, amount);
    return l1.as(owner).events(before, l1.as(owner).l1Height()).stream()
        .filter(L1Event.Deposit.class::isInstance)
        .map(L1Event.Deposit.class::cast)
        .filter(d -> d.owner().equals(owner.address()) && d.amount().equals(amount))
        .map(d -> new UtxoPos(d.blknum(), 0, 0))
        .reduce((first, second) -> second)
        .orElseThrow();
  }

  private static Output out(PrivateKey owner, BigInteger amount) {
    return new Output(owner.address(), ETH, amount);
  }

  private byte[] transfer(PrivateKey from, List<UtxoPos> inputs, Output... outputs) {
    PaymentTransaction tx = PaymentTransaction.transfer(inputs, List.of(outputs));
    SignedTransaction signed = signer.sign(tx, Collections.nCopies(inputs.size(), from));
    return TxCodec.encodeSigned(signed);
  }

  private JsonNode submit(byte[] signedTx) {
    return rpc.call("plasma_submitTransaction", Hex.encode(signedTx));
  }

  private String rejectionOf(byte[] signedTx) {
    try {
      rpc.call("plasma_submitTransaction", Hex.encode(signedTx));
      throw new AssertionError("accepted a spend of an exiting output");
    } catch (JsonRpcException e) {
      return e.data().map(data -> data.path("reason").asText()).orElse("");
    }
  }

  private boolean hasUtxo(PrivateKey owner, UtxoPos pos) {
    for (JsonNode utxo : rpc.call("plasma_getUtxos", owner.address().toHex())) {
      if (utxo.get("utxoPos").asText().equals(pos.toString())) {
        return true;
      }
    }
    return false;
  }

  private BigInteger balance(PrivateKey owner) {
    for (JsonNode entry : rpc.call("plasma_getBalance", owner.address().toHex())) {
      if (entry.get("token").asText().equals(ETH.toHex())) {
        return new BigInteger(entry.get("amount").asText());
      }
    }
    return BigInteger.ZERO;
  }

  private boolean isClosed(String txHash) {
    return !rpc.call("plasma_getTransaction", txHash).isNull();
  }

  private JsonNode status() {
    return rpc.call("plasma_status");
  }

  /** What must survive a crash: every block as served, and every account's outputs. */
  private Map<String, Object> snapshot(long height) {
    Map<String, Object> state = new LinkedHashMap<>();
    for (long blknum = 1000; blknum <= height; blknum += 1000) {
      state.put("block " + blknum, rpc.call("plasma_getBlock", blknum, true));
    }
    for (PrivateKey user : List.of(BOB, CAROL, DAVE)) {
      state.put("utxos " + user.address(), rpc.call("plasma_getUtxos", user.address().toHex()));
    }
    state.put("height", status().get("height"));
    return state;
  }

  private static void await(Supplier<Boolean> condition, String what) {
    Awaitility.await(what)
        .atMost(Duration.ofSeconds(30))
        .dontCatchUncaughtExceptions()
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(100))
        .until(condition::get);
  }
}
