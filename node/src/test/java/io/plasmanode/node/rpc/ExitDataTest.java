package io.plasmanode.node.rpc;

import static io.plasmanode.core.testing.TestKeys.ALICE;
import static io.plasmanode.core.testing.TestKeys.BOB;
import static io.plasmanode.core.testing.TestKeys.CAROL;
import static io.plasmanode.node.rpc.PlasmaRpcMethods.GET_EXIT_DATA;
import static io.plasmanode.node.rpc.PlasmaRpcMethods.SUBMIT_TRANSACTION;
import static io.plasmanode.node.rpc.RpcFixture.ETH;
import static io.plasmanode.node.rpc.RpcFixture.hex;
import static io.plasmanode.node.rpc.RpcFixture.output;
import static io.plasmanode.node.rpc.SubmitMethodsTest.assertInvalidParams;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.core.ledger.UtxoDelta;
import io.plasmanode.core.merkle.MerkleProof;
import io.plasmanode.core.merkle.MerkleTree;
import io.plasmanode.core.testing.TxGen;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.types.Hex;
import io.plasmanode.storage.chain.StoredBlock;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ExitDataTest {
  private final RpcFixture chain = new RpcFixture();
  private final UtxoPos aliceDeposit = chain.deposit(ALICE, ETH, 100);
  private final UtxoPos bobDeposit = chain.deposit(BOB, ETH, 50);

  /** Block 1000: tx 0 Alice -> Bob 60 / Alice 40; tx 1 Bob -> Carol 50; tx 2 Bob -> Carol 60. */
  private StoredBlock blockOfThree() {
    submit(
        chain.transfer(
            List.of(aliceDeposit),
            List.of(output(BOB, ETH, 60), output(ALICE, ETH, 40)),
            List.of(ALICE)));
    submit(chain.transfer(List.of(bobDeposit), List.of(output(CAROL, ETH, 50)), List.of(BOB)));
    submit(
        chain.transfer(
            List.of(new UtxoPos(1000, 0, 0)), List.of(output(CAROL, ETH, 60)), List.of(BOB)));
    return chain.closeBlock();
  }

  private void submit(byte[] signed) {
    chain.result(SUBMIT_TRANSACTION, hex(signed));
  }

  @Test
  void getExitData_ofChildBlockOutput_verifiesAgainstTheBlockRoot() {
    StoredBlock block = blockOfThree();
    UtxoPos pos = new UtxoPos(1000, 1, 0);

    JsonNode exit = chain.result(GET_EXIT_DATA, pos.toString());

    assertThat(exit.get("utxoPos").asText()).isEqualTo("1000000010");
    byte[] txBytes = Hex.decode(exit.get("txBytes").asText());
    byte[] signed = block.transactions().get(1).signedBytes();
    assertThat(txBytes).isEqualTo(TxCodec.encode(TxCodec.decodeSigned(signed).get().tx()));
    MerkleProof proof = MerkleProof.fromBytes(Hex.decode(exit.get("proof").asText())).orElseThrow();
    assertThat(proof.verify(MerkleTree.leafHash(txBytes), 1, block.root())).isTrue();
    assertThat(proof.verify(MerkleTree.leafHash(txBytes), 0, block.root())).isFalse();
  }

  @Test
  void getExitData_provesEveryOutputOfABlock() {
    StoredBlock block = blockOfThree();

    for (UtxoPos pos :
        List.of(new UtxoPos(1000, 0, 1), new UtxoPos(1000, 2, 0), new UtxoPos(1000, 0, 0))) {
      JsonNode exit = chain.result(GET_EXIT_DATA, pos.toLong());
      byte[] txBytes = Hex.decode(exit.get("txBytes").asText());
      MerkleProof proof =
          MerkleProof.fromBytes(Hex.decode(exit.get("proof").asText())).orElseThrow();
      assertThat(proof.verify(MerkleTree.leafHash(txBytes), pos.txindex(), block.root()))
          .as("proof of %s", pos)
          .isTrue();
    }
  }

  @Test
  void getExitData_provesOutputsAnywhereInALargeBlock() {
    int count = 4097;
    StoredBlock large = storeBlockOf(count);

    for (int txindex : new int[] {0, 1, 257, 4095, 4096}) {
      JsonNode exit = chain.result(GET_EXIT_DATA, new UtxoPos(1000, txindex, 0).toLong());
      byte[] txBytes = Hex.decode(exit.get("txBytes").asText());
      MerkleProof proof =
          MerkleProof.fromBytes(Hex.decode(exit.get("proof").asText())).orElseThrow();
      assertThat(proof.verify(MerkleTree.leafHash(txBytes), txindex, large.root()))
          .as("proof of tx %d", txindex)
          .isTrue();
      assertThat(TxCodec.decode(txBytes).get().inputs())
          .containsExactly(new UtxoPos(1, txindex, 0));
    }
    assertThat(chain.error(GET_EXIT_DATA, new UtxoPos(1000, count, 0).toLong()).get("code").asInt())
        .isEqualTo(-32014);
  }

  @Test
  void getExitData_readsABlockOnceWhileItIsCached() {
    CountingKeyValueStore counting = new CountingKeyValueStore();
    RpcFixture counted = new RpcFixture(counting, null);
    UtxoPos deposit = counted.deposit(ALICE, ETH, 10);
    byte[] first =
        counted.transfer(
            List.of(deposit), List.of(output(BOB, ETH, 4), output(ALICE, ETH, 6)), List.of(ALICE));
    byte[] second =
        counted.transfer(
            List.of(new UtxoPos(1000, 0, 0)), List.of(output(CAROL, ETH, 4)), List.of(BOB));
    counted.result(SUBMIT_TRANSACTION, hex(first));
    counted.result(SUBMIT_TRANSACTION, hex(second));
    StoredBlock block = counted.closeBlock();

    counted.result(GET_EXIT_DATA, "1000000000");
    int scansAfterFirstCall = counting.scans();
    JsonNode exit = counted.result(GET_EXIT_DATA, "1000000010");
    counted.result(GET_EXIT_DATA, "1000000001");

    assertThat(counting.scans()).as("block reads").isEqualTo(scansAfterFirstCall);
    byte[] txBytes = Hex.decode(exit.get("txBytes").asText());
    MerkleProof proof = MerkleProof.fromBytes(Hex.decode(exit.get("proof").asText())).orElseThrow();
    assertThat(proof.verify(MerkleTree.leafHash(txBytes), 1, block.root())).isTrue();
  }

  @Test
  void getExitData_byCallersAtOnce_readsAndHashesTheBlockOnce() throws Exception {
    CountingKeyValueStore counting = new CountingKeyValueStore();
    RpcFixture counted = new RpcFixture(counting, null);
    storeBlockOf(counted, 4097); // ~tens of ms to hash: the callers overlap
    int scansBefore = counting.scans();
    int callers = 8;
    CyclicBarrier allAsking = new CyclicBarrier(callers);
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<JsonNode>> answers = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        long pos = new UtxoPos(1000, i, 0).toLong();
        answers.add(
            pool.submit(
                () -> {
                  allAsking.await(10, TimeUnit.SECONDS);
                  return counted.result(GET_EXIT_DATA, pos);
                }));
      }
      for (Future<JsonNode> answer : answers) {
        assertThat(answer.get(30, TimeUnit.SECONDS).get("proof").asText()).startsWith("0x");
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(counting.scans() - scansBefore).as("block reads").isEqualTo(1);
  }

  /**
   * Stores block 1000 of {@code count} distinct transfers with placeholder signatures (exit data
   * does not check signatures, and signing thousands of transactions would make the test slow).
   */
  private StoredBlock storeBlockOf(int count) {
    return storeBlockOf(chain, count);
  }

  private static StoredBlock storeBlockOf(RpcFixture chain, int count) {
    Signature placeholder = TxGen.signature(BigInteger.ONE, BigInteger.ONE, 27);
    List<SignedTransaction> transactions = new ArrayList<>(count);
    for (int txindex = 0; txindex < count; txindex++) {
      PaymentTransaction tx =
          PaymentTransaction.transfer(
              List.of(new UtxoPos(1, txindex, 0)), List.of(output(BOB, ETH, 1)));
      transactions.add(new SignedTransaction(tx, List.of(placeholder)));
    }
    StoredBlock block = StoredBlock.of(1000, transactions, RpcFixture.CLOSED_AT);
    chain.store.commitBlock(block, new UtxoDelta(List.of(), List.of()));
    return block;
  }

  @Test
  void getExitData_isServedForSpentChildOutputs() {
    blockOfThree();

    assertThat(chain.result(GET_EXIT_DATA, "1000000000").get("utxoPos").asText())
        .isEqualTo("1000000000");
  }

  @Test
  void getExitData_ofDeposit_rebuildsTheDepositTransactionWithASingleLeafProof() {
    UtxoPos pos = chain.deposit(CAROL, RpcFixture.TOKEN, 9);

    JsonNode exit = chain.result(GET_EXIT_DATA, pos.toString());

    byte[] txBytes = Hex.decode(exit.get("txBytes").asText());
    assertThat(txBytes)
        .isEqualTo(TxCodec.encode(PaymentTransaction.deposit(output(CAROL, RpcFixture.TOKEN, 9))));
    Hash32 depositRoot = MerkleTree.of(List.of(txBytes)).root();
    byte[] proof = Hex.decode(exit.get("proof").asText());
    assertThat(proof).hasSize(MerkleProof.SIZE);
    assertThat(
            MerkleProof.fromBytes(proof)
                .orElseThrow()
                .verify(MerkleTree.leafHash(txBytes), 0, depositRoot))
        .isTrue();
  }

  @Test
  void getExitData_ofExitingDeposit_isStillServed() {
    chain.store.markExiting(aliceDeposit);

    JsonNode exit = chain.result(GET_EXIT_DATA, aliceDeposit.toLong());

    assertThat(exit.get("txBytes").asText())
        .isEqualTo(hex(TxCodec.encode(PaymentTransaction.deposit(output(ALICE, ETH, 100)))));
  }

  @Test
  void getExitData_ofSpentDeposit_saysItIsSpent() {
    blockOfThree();

    JsonNode error = chain.error(GET_EXIT_DATA, aliceDeposit.toString());

    assertNotFound(error, "deposit_spent", "deposit output 1000000 is spent");
  }

  @Test
  void getExitData_ofUnknownPositions_saysWhatIsMissing() {
    blockOfThree();

    assertNotFound(
        chain.error(GET_EXIT_DATA, "2000000000"),
        "unknown_output",
        "no output at 2000000000: child block 2000 is not closed (the last closed block is"
            + " 1000)");
    assertNotFound(
        chain.error(GET_EXIT_DATA, "1000000030"),
        "unknown_output",
        "no output at 1000000030: block 1000 has 3 transaction(s), none at txIndex 3");
    assertNotFound(
        chain.error(GET_EXIT_DATA, "1000000011"),
        "unknown_output",
        "no output at 1000000011: transaction 1 of block 1000 has 1 output(s), none at oindex 1");
    assertNotFound(
        chain.error(GET_EXIT_DATA, "5000000"),
        "unknown_output",
        "no output at 5000000: deposit 5 is unknown");
    assertNotFound(
        chain.error(GET_EXIT_DATA, "2000001"),
        "unknown_output",
        "no output at 2000001: deposit block 2 holds one output");
  }

  @Test
  void getExitData_rejectsWhatIsNotAPosition() {
    assertInvalidParams(chain.error(GET_EXIT_DATA), "param 0 (utxoPos) is missing");
    assertInvalidParams(
        chain.error(GET_EXIT_DATA, "0"), "param 0 (utxoPos) is not a valid utxo position");
    assertInvalidParams(
        chain.error(GET_EXIT_DATA, 1_000_004L), "param 0 (utxoPos) is not a valid utxo position");
    assertInvalidParams(
        chain.error(GET_EXIT_DATA, "-1000000"), "param 0 (utxoPos) must not be negative");
    assertInvalidParams(
        chain.error(GET_EXIT_DATA, -1_000_000L), "param 0 (utxoPos) must not be negative");
    assertInvalidParams(
        chain.error(GET_EXIT_DATA, "0x3b9aca00"), "param 0 (utxoPos) is not a decimal integer");
    assertInvalidParams(
        chain.error(GET_EXIT_DATA, 1.5), "param 0 (utxoPos) must be a decimal string or a JSON");
    assertInvalidParams(
        chain.error(GET_EXIT_DATA, "99999999999999999999999999"),
        "param 0 (utxoPos) is not a valid utxo position");
  }

  @Test
  void getExitData_reportsAnInternalErrorWhenTheStoredRootIsWrong() {
    StoredBlock honest = blockOfThree();
    StoredBlock damaged =
        new StoredBlock(2000, Hash32.ZERO, honest.timestamp(), honest.transactions());
    chain.store.commitBlock(damaged, new UtxoDelta(List.of(), List.of()));

    JsonNode error = chain.error(GET_EXIT_DATA, "2000000000");

    assertThat(error.get("code").asInt()).isEqualTo(-32603);
  }

  private static void assertNotFound(JsonNode error, String reason, String messageStart) {
    assertThat(error.get("code").asInt()).as("code of %s", error).isEqualTo(-32014);
    assertThat(error.get("message").asText()).startsWith(messageStart);
    assertThat(error.get("data").toString()).isEqualTo("{\"reason\":\"" + reason + "\"}");
  }
}
