package io.plasmanode.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.TransactionSigner;
import io.plasmanode.core.fees.FeeSpec;
import io.plasmanode.core.fees.FeeTable;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hex;
import io.plasmanode.node.api.FeeStatus;
import io.plasmanode.node.fees.FeeSchedule;
import io.plasmanode.node.operator.BlockFees;
import io.plasmanode.node.operator.BlockProducer;
import io.plasmanode.node.operator.BlockProducerConfig;
import io.plasmanode.node.testing.OperatorStatusBuilder;
import io.plasmanode.p2p.rpc.JsonRpcDispatcher;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code plasma_getFees}, the fee refusals of the submit methods and the fees in the status. */
class FeesRpcTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PrivateKey ALICE = TestKeys.ALICE;
  private static final PrivateKey BOB = TestKeys.BOB;
  private static final Address ETH = Address.ZERO;
  private static final Address TOKEN =
      Address.fromHex("0x00000000000000000000000000000000000070c0");
  private static final long FEE = 1_000;
  private static final FeeTable TABLE =
      new FeeTable(
          Map.of(
              1,
              Map.of(
                  ETH, new FeeSpec(BigInteger.valueOf(FEE), BigInteger.TEN.pow(18), "ETH"),
                  TOKEN, new FeeSpec(BigInteger.TWO, BigInteger.TEN.pow(6), "TOK"))));

  private final ChainStore store = new ChainStore(new InMemoryKeyValueStore());
  private final FeeSchedule schedule = FeeSchedule.fixed(TABLE);
  private final BlockProducer producer =
      new BlockProducer(
          store,
          BlockProducerConfig.defaults(RpcFixture.DOMAIN)
              .withBlockInterval(Duration.ofHours(1))
              .withFees(BlockFees.of(TestKeys.DAVE.address(), schedule::accepted)),
          Clock.systemUTC());
  private final JsonRpcDispatcher dispatcher =
      new JsonRpcDispatcher(
          PlasmaRpcMethods.create(store, producer, this::status, schedule::current), 100);
  private final TransactionSigner signer = new TransactionSigner(RpcFixture.DOMAIN);
  private long nextDeposit = 1;

  @AfterEach
  void stop() {
    producer.close();
  }

  private io.plasmanode.node.api.OperatorStatus status() {
    return OperatorStatusBuilder.of(RpcFixture.CONTRACT, RpcFixture.CHAIN_ID)
        .fees(
            new FeeStatus(
                Optional.of(TestKeys.DAVE.address()),
                Map.of(ETH, BigInteger.valueOf(FEE), TOKEN, BigInteger.ZERO),
                store.balanceOf(TestKeys.DAVE.address())))
        .build();
  }

  private JsonNode call(String method, Object... params) {
    ObjectNode request = JSON.createObjectNode();
    request.put("jsonrpc", "2.0").put("id", 1).put("method", method);
    request.set("params", JSON.valueToTree(Arrays.asList(params)));
    byte[] answer =
        dispatcher.dispatch(request.toString().getBytes(StandardCharsets.UTF_8)).orElseThrow();
    try {
      return JSON.readTree(answer);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private UtxoPos deposit(PrivateKey owner, long amount) {
    UtxoPos pos = new UtxoPos(nextDeposit++, 0, 0);
    store.applyDeposit(
        new Utxo(pos, new Output(owner.address(), ETH, BigInteger.valueOf(amount))), 1);
    return pos;
  }

  private String pay(UtxoPos input, PrivateKey from, long toBob) {
    PaymentTransaction tx =
        PaymentTransaction.transfer(
            List.of(input), List.of(new Output(BOB.address(), ETH, BigInteger.valueOf(toBob))));
    return Hex.encode(TxCodec.encodeSigned(signer.sign(tx, List.of(from))));
  }

  @Test
  void getFees_answersTheCurrentTable() {
    JsonNode fees = call(PlasmaRpcMethods.GET_FEES).get("result");

    assertThat(fees.toString())
        .isEqualTo(
            "{\"1\":{\"0x0000000000000000000000000000000000000000\":{\"amount\":\"1000\","
                + "\"subunit_to_unit\":\"1000000000000000000\",\"symbol\":\"ETH\"},"
                + "\"0x00000000000000000000000000000000000070c0\":{\"amount\":\"2\","
                + "\"subunit_to_unit\":\"1000000\",\"symbol\":\"TOK\"}}}");
  }

  @Test
  void getFees_withTokens_listsOnlyThoseTokens() {
    JsonNode fees = call(PlasmaRpcMethods.GET_FEES, List.of(TOKEN.toHex())).get("result");
    JsonNode none =
        call(PlasmaRpcMethods.GET_FEES, List.of("0x00000000000000000000000000000000000000aa"))
            .get("result");

    assertThat(fees.get("1").properties()).hasSize(1);
    assertThat(fees.get("1").get(TOKEN.toHex()).get("amount").asText()).isEqualTo("2");
    assertThat(none.toString()).isEqualTo("{}");
  }

  @Test
  void getFees_refusesABadTokenList() {
    JsonNode notList = call(PlasmaRpcMethods.GET_FEES, "0x00").get("error");
    JsonNode shortToken = call(PlasmaRpcMethods.GET_FEES, List.of("0x00")).get("error");

    assertThat(notList.get("code").asInt()).isEqualTo(-32602);
    assertThat(notList.get("message").asText()).contains("param 0 (tokens) must be an array");
    assertThat(shortToken.get("message").asText())
        .isEqualTo("param 0 (tokens) item 0 must be 20 bytes, got 1");
  }

  @ParameterizedTest
  @CsvSource({
    "10000, fees_not_covered",
    "9100,  fees_not_covered",
    "8900,  overpaying_fees",
  })
  void submitTransaction_refusesAWrongFeeNamingTheReason(long toBob, String reason) {
    UtxoPos alices = deposit(ALICE, 10_000);

    JsonNode error =
        call(PlasmaRpcMethods.SUBMIT_TRANSACTION, pay(alices, ALICE, toBob)).get("error");

    assertThat(error.get("code").asInt()).isEqualTo(PlasmaRpcErrors.LEDGER_RULE);
    assertThat(error.get("message").asText()).startsWith(reason + ": ");
    assertThat(error.get("data").get("reason").asText()).isEqualTo(reason);
  }

  @Test
  void submitTransactions_answersEachFeeRefusalInItsEntry() {
    UtxoPos alices = deposit(ALICE, 10_000);
    UtxoPos bobs = deposit(BOB, 10_000);
    PaymentTransaction claim =
        PaymentTransaction.feeClaim(1000, ETH, ALICE.address(), BigInteger.TEN);
    String claimHex = Hex.encode(TxCodec.encodeSigned(new SignedTransaction(claim, List.of())));

    JsonNode entries =
        call(
                PlasmaRpcMethods.SUBMIT_TRANSACTIONS,
                List.of(pay(alices, ALICE, 10_000 - FEE), claimHex, pay(bobs, BOB, 10_000)))
            .get("result");

    assertThat(entries.get(0).get("blknum").asLong()).isEqualTo(1000);
    assertThat(entries.get(1).get("error").get("data").get("reason").asText())
        .isEqualTo("fee_claim_not_allowed");
    assertThat(entries.get(1).get("error").get("code").asInt())
        .isEqualTo(PlasmaRpcErrors.LEDGER_RULE);
    assertThat(entries.get(2).get("error").get("message").asText())
        .startsWith("fees_not_covered: ");
  }

  @Test
  void status_reportsTheFees() {
    JsonNode fees = call(PlasmaRpcMethods.STATUS).get("result").get("fees");

    assertThat(fees.get("claimer").asText()).isEqualTo(TestKeys.DAVE.address().toHex());
    assertThat(fees.get("collected").toString())
        .isEqualTo(
            "[{\"token\":\"0x0000000000000000000000000000000000000000\",\"amount\":\"1000\"}]");
    assertThat(fees.get("claimerBalance").toString()).isEqualTo("[]");
  }
}
