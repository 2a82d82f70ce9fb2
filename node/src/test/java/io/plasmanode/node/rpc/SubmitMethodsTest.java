package io.plasmanode.node.rpc;

import static io.plasmanode.core.testing.TestKeys.ALICE;
import static io.plasmanode.core.testing.TestKeys.BOB;
import static io.plasmanode.core.testing.TestKeys.CAROL;
import static io.plasmanode.node.rpc.PlasmaRpcMethods.SUBMIT_TRANSACTION;
import static io.plasmanode.node.rpc.PlasmaRpcMethods.SUBMIT_TRANSACTIONS;
import static io.plasmanode.node.rpc.RpcFixture.ETH;
import static io.plasmanode.node.rpc.RpcFixture.hex;
import static io.plasmanode.node.rpc.RpcFixture.output;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.testing.TxGen;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.node.api.SubmitResult;
import io.plasmanode.node.api.TransactionSubmitter;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SubmitMethodsTest {
  private final RpcFixture chain = new RpcFixture();
  private final UtxoPos aliceDeposit = chain.deposit(ALICE, ETH, 100);

  private byte[] aliceToBob(long toBob) {
    return chain.transfer(
        List.of(aliceDeposit),
        List.of(output(BOB, ETH, toBob), output(ALICE, ETH, 100 - toBob)),
        List.of(ALICE));
  }

  @Test
  void submitTransaction_acceptsValidTransfer() {
    byte[] signed = aliceToBob(60);

    JsonNode result = chain.result(SUBMIT_TRANSACTION, hex(signed));

    Hash32 txHash = Keccak.keccak256(TxCodec.encode(TxCodec.decodeSigned(signed).get().tx()));
    assertThat(result.toString())
        .isEqualTo("{\"txHash\":\"" + txHash.toHex() + "\",\"blknum\":1000,\"txIndex\":0}");
  }

  @Test
  void submitTransaction_acceptsUpperCaseHexWithoutPrefix() {
    String upper = hex(aliceToBob(60)).substring(2).toUpperCase(Locale.ROOT);

    assertThat(chain.result(SUBMIT_TRANSACTION, upper).get("txIndex").asInt()).isZero();
  }

  @Test
  void submitTransaction_rejectsBytesThatAreNotRlp() {
    JsonNode error = chain.error(SUBMIT_TRANSACTION, "0xf8");

    assertRejected(error, -32010, "rlp_truncated");
  }

  @Test
  void submitTransaction_rejectsEmptyBytes() {
    assertRejected(chain.error(SUBMIT_TRANSACTION, "0x"), -32010, "rlp_truncated");
  }

  @Test
  void submitTransaction_rejectsUnsignedTransaction() {
    byte[] unsigned =
        TxCodec.encode(
            PaymentTransaction.transfer(List.of(aliceDeposit), List.of(output(BOB, ETH, 1))));

    JsonNode error = chain.error(SUBMIT_TRANSACTION, hex(unsigned));

    assertThat(error.get("code").asInt()).isEqualTo(-32010);
  }

  @Test
  void submitTransaction_rejectsInvalidSignature() {
    byte[] signed =
        RpcFixture.transferWithSignature(
            List.of(aliceDeposit),
            List.of(output(BOB, ETH, 100)),
            TxGen.signature(BigInteger.ONE, BigInteger.ONE, 29));

    assertRejected(chain.error(SUBMIT_TRANSACTION, hex(signed)), -32011, "invalid_signature");
  }

  @Test
  void submitTransaction_rejectsHighSSignature() {
    List<UtxoPos> inputs = List.of(aliceDeposit);
    List<Output> outputs = List.of(output(BOB, ETH, 100));
    byte[] signed =
        RpcFixture.transferWithSignature(
            inputs, outputs, RpcFixture.highS(chain.sign(inputs, outputs, ALICE)));

    assertRejected(chain.error(SUBMIT_TRANSACTION, hex(signed)), -32011, "high_s_signature");
  }

  @Test
  void submitTransaction_rejectsDoubleSpend() {
    chain.result(SUBMIT_TRANSACTION, hex(aliceToBob(60)));

    JsonNode error = chain.error(SUBMIT_TRANSACTION, hex(aliceToBob(50)));

    assertRejected(error, -32012, "double_spend");
    assertThat(error.get("message").asText()).contains(aliceDeposit.toString());
  }

  @Test
  void submitTransaction_rejectsUnknownUtxo() {
    byte[] signed =
        chain.transfer(
            List.of(new UtxoPos(5000, 0, 0)), List.of(output(BOB, ETH, 1)), List.of(ALICE));

    JsonNode error = chain.error(SUBMIT_TRANSACTION, hex(signed));

    assertRejected(error, -32012, "utxo_not_found");
    assertThat(error.get("message").asText()).startsWith("utxo_not_found: ");
  }

  @Test
  void submitTransaction_rejectsSpendOfExitingOutput() {
    chain.store.markExiting(aliceDeposit);

    assertRejected(chain.error(SUBMIT_TRANSACTION, hex(aliceToBob(60))), -32012, "utxo_exiting");
  }

  @Test
  void submitTransaction_rejectsSpendBySomeoneElse() {
    byte[] signed =
        chain.transfer(List.of(aliceDeposit), List.of(output(CAROL, ETH, 100)), List.of(CAROL));

    assertRejected(chain.error(SUBMIT_TRANSACTION, hex(signed)), -32012, "unauthorized_spend");
  }

  @Test
  void submitTransaction_rejectsOutputsAboveInputs() {
    byte[] signed =
        chain.transfer(
            List.of(aliceDeposit),
            List.of(output(BOB, ETH, 60), output(ALICE, ETH, 41)),
            List.of(ALICE));

    assertRejected(chain.error(SUBMIT_TRANSACTION, hex(signed)), -32012, "amounts_do_not_add_up");
  }

  @Test
  void submitTransaction_rejectsDeposit() {
    byte[] deposit =
        TxCodec.encodeSigned(
            new SignedTransaction(PaymentTransaction.deposit(output(ALICE, ETH, 5)), List.of()));

    assertRejected(chain.error(SUBMIT_TRANSACTION, hex(deposit)), -32012, "deposit_not_allowed");
  }

  @Test
  void submitTransaction_rejectsMissingNonHexAndWrongTypeParams() {
    assertInvalidParams(chain.error(SUBMIT_TRANSACTION), "param 0 (signedTx) is missing");
    assertInvalidParams(chain.error(SUBMIT_TRANSACTION, "0xzz"), "param 0 (signedTx) is not hex");
    assertInvalidParams(
        chain.error(SUBMIT_TRANSACTION, "0xabc"), "param 0 (signedTx) has an odd number");
    assertInvalidParams(
        chain.error(SUBMIT_TRANSACTION, 12), "param 0 (signedTx) must be a hex string, got an");
    assertInvalidParams(
        chain.error(SUBMIT_TRANSACTION, "0x00", "0x00"), "expected at most 1 params, got 2");
  }

  @Test
  void submitTransactions_appliesInOrderAndReportsEachRejection() {
    byte[] first = aliceToBob(60);
    UtxoPos bobsOutput = new UtxoPos(1000, 0, 0);
    byte[] spendsFirst =
        chain.transfer(List.of(bobsOutput), List.of(output(CAROL, ETH, 60)), List.of(BOB));

    JsonNode results =
        chain.result(
            SUBMIT_TRANSACTIONS, List.of(hex(first), hex(aliceToBob(10)), hex(spendsFirst)));

    assertThat(results).hasSize(3);
    assertThat(results.get(0).get("txIndex").asInt()).isZero();
    JsonNode rejected = results.get(1);
    assertThat(rejected.size()).isOne();
    assertThat(rejected.get("error").get("code").asInt()).isEqualTo(-32012);
    assertThat(rejected.get("error").get("message").asText()).startsWith("double_spend: ");
    assertThat(rejected.get("error").get("data").toString())
        .isEqualTo("{\"reason\":\"double_spend\"}");
    assertThat(results.get(2).get("blknum").asLong()).isEqualTo(1000);
    assertThat(results.get(2).get("txIndex").asInt()).isOne();
  }

  @Test
  void submitTransactions_acceptsEmptyList() {
    assertThat(chain.result(SUBMIT_TRANSACTIONS, List.of())).isEmpty();
  }

  @Test
  void submitTransactions_rejectsBadParams() {
    assertInvalidParams(chain.error(SUBMIT_TRANSACTIONS), "param 0 (signedTxs) is missing");
    assertInvalidParams(
        chain.error(SUBMIT_TRANSACTIONS, "0x00"),
        "param 0 (signedTxs) must be an array of hex strings, got a string");
    assertInvalidParams(
        chain.error(SUBMIT_TRANSACTIONS, List.of("0x00", "nothex")),
        "param 0 (signedTxs) item 1 is not hex");
  }

  @ParameterizedTest
  @EnumSource(Rejection.class)
  void everyRejection_mapsToItsDocumentedCode(Rejection reason) {
    TransactionSubmitter rejecting = rejectingWith(reason);
    RpcFixture rejectingChain = new RpcFixture(rejecting);

    JsonNode error = rejectingChain.error(SUBMIT_TRANSACTION, "0x00");
    JsonNode entry =
        rejectingChain.result(SUBMIT_TRANSACTIONS, List.of("0x00")).get(0).get("error");

    for (JsonNode each : List.of(error, entry)) {
      assertRejected(each, documentedCode(reason), reason.code());
      assertThat(each.get("message").asText()).isEqualTo(reason.code() + ": some detail");
    }
  }

  /** The table of docs/json-rpc.md, written out independently of the implementation's switch. */
  private static int documentedCode(Rejection reason) {
    String code = reason.code();
    Set<String> malformed =
        Set.of(
            "wrong_tx_type",
            "wrong_output_type",
            "invalid_utxo_pos",
            "too_many_inputs",
            "too_many_outputs",
            "no_outputs",
            "duplicate_inputs",
            "zero_owner",
            "zero_amount",
            "nonzero_tx_data",
            "signature_count_mismatch");
    Set<String> ledger =
        Set.of(
            "deposit_not_allowed",
            "utxo_not_found",
            "double_spend",
            "utxo_exiting",
            "unauthorized_spend",
            "amounts_do_not_add_up",
            "fee_claim_not_allowed",
            "fees_not_covered",
            "overpaying_fees",
            "multiple_potential_currency_fees",
            "fee_claim_not_last",
            "duplicate_fee_claim",
            "fee_claim_exceeds_fees",
            "invalid_fee_claim_nonce",
            "chain_full");
    if (code.startsWith("rlp_") || code.startsWith("malformed_") || malformed.contains(code)) {
      return -32010;
    }
    if (Set.of("invalid_signature", "high_s_signature").contains(code)) {
      return -32011;
    }
    if (ledger.contains(code)) {
      return -32012;
    }
    if (code.equals("operator_halted")) {
      return -32016;
    }
    assertThat(code)
        .as("undocumented rejection")
        .isIn("operator_unavailable", "operator_busy", "block_too_large");
    return -32013;
  }

  private static TransactionSubmitter rejectingWith(Rejection reason) {
    return new TransactionSubmitter() {
      @Override
      public SubmitResult submit(byte[] signedTxBytes) {
        return new SubmitResult.Rejected(reason, "some detail");
      }

      @Override
      public List<SubmitResult> submitAll(List<byte[]> signedTxBytes) {
        return signedTxBytes.stream().map(this::submit).toList();
      }
    };
  }

  static void assertRejected(JsonNode error, int code, String reason) {
    assertThat(error.get("code").asInt()).as("code of %s", error).isEqualTo(code);
    assertThat(error.get("message").asText()).startsWith(reason + ": ");
    assertThat(error.get("data").toString()).isEqualTo("{\"reason\":\"" + reason + "\"}");
  }

  static void assertInvalidParams(JsonNode error, String messageStart) {
    assertThat(error.get("code").asInt()).as("code of %s", error).isEqualTo(-32602);
    assertThat(error.get("message").asText()).startsWith(messageStart);
  }
}
