package io.plasmanode.node.rpc;

import static io.plasmanode.core.testing.TestKeys.ALICE;
import static io.plasmanode.core.testing.TestKeys.BOB;
import static io.plasmanode.core.testing.TestKeys.CAROL;
import static io.plasmanode.node.rpc.PlasmaRpcMethods.GET_TRANSACTIONS;
import static io.plasmanode.node.rpc.PlasmaRpcMethods.SUBMIT_TRANSACTION;
import static io.plasmanode.node.rpc.RpcFixture.ETH;
import static io.plasmanode.node.rpc.RpcFixture.TOKEN;
import static io.plasmanode.node.rpc.RpcFixture.hex;
import static io.plasmanode.node.rpc.RpcFixture.output;
import static io.plasmanode.node.rpc.SubmitMethodsTest.assertInvalidParams;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.core.tx.UtxoPos;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryMethodTest {
  private static final String ALICE_HEX = ALICE.address().toHex();
  private static final String BOB_HEX = BOB.address().toHex();
  private static final String CAROL_HEX = CAROL.address().toHex();

  private final RpcFixture chain = new RpcFixture();
  private final UtxoPos aliceEth = chain.deposit(ALICE, ETH, 100);
  private final UtxoPos aliceToken = chain.deposit(ALICE, TOKEN, 7);

  /** Alice pays Bob 60 ETH and 7 TOKEN (40 ETH change), in block 1000. */
  private String aliceToBob() {
    byte[] transfer =
        chain.transfer(
            List.of(aliceEth, aliceToken),
            List.of(output(BOB, ETH, 60), output(ALICE, ETH, 40), output(BOB, TOKEN, 7)),
            List.of(ALICE, ALICE));
    return chain.result(SUBMIT_TRANSACTION, hex(transfer)).get("txHash").asText();
  }

  @Test
  void getTransactions_answersEveryFieldOfTransactionsAndDeposits_newestFirst() throws Exception {
    String txHash = aliceToBob();
    chain.closeBlock();

    JsonNode page = chain.result(GET_TRANSACTIONS, ALICE_HEX);

    JsonNode expected =
        RpcFixture.JSON.readTree(
            """
            {"transactions": [
              {"txHash": "%1$s", "blknum": 1000, "txIndex": 0, "deposit": false,
               "timestamp": %2$d,
               "sent": [{"token": "%3$s", "amount": "100"}, {"token": "%4$s", "amount": "7"}],
               "received": [{"token": "%3$s", "amount": "40"}],
               "counterparties": ["%5$s"]},
              {"txHash": null, "blknum": 2, "txIndex": 0, "deposit": true, "timestamp": null,
               "sent": [], "received": [{"token": "%4$s", "amount": "7"}], "counterparties": []},
              {"txHash": null, "blknum": 1, "txIndex": 0, "deposit": true, "timestamp": null,
               "sent": [], "received": [{"token": "%3$s", "amount": "100"}], "counterparties": []}
             ],
             "nextCursor": null}
            """
                .formatted(
                    txHash,
                    RpcFixture.CLOSED_AT.getEpochSecond(),
                    ETH.toHex(),
                    TOKEN.toHex(),
                    BOB_HEX));
    assertThat(page).isEqualTo(expected);
  }

  @Test
  void getTransactions_ofTheReceiver_listsWhatItReceivedFromWhom() {
    aliceToBob();
    chain.closeBlock();

    JsonNode items = chain.result(GET_TRANSACTIONS, BOB_HEX).get("transactions");

    assertThat(items).hasSize(1);
    assertThat(items.get(0).get("sent")).isEmpty();
    assertThat(items.get(0).get("received").findValuesAsText("amount")).containsExactly("60", "7");
    assertThat(items.get(0).get("counterparties").get(0).asText()).isEqualTo(ALICE_HEX);
  }

  @Test
  void getTransactions_pagesWithTheCursorUntilItIsNull() {
    for (int i = 0; i < 4; i++) {
      chain.deposit(CAROL, ETH, 1 + i);
    }

    List<Long> blknums = new ArrayList<>();
    JsonNode page = chain.result(GET_TRANSACTIONS, CAROL_HEX, null, 3);
    blknums.addAll(
        page.get("transactions").findValues("blknum").stream().map(JsonNode::asLong).toList());
    String cursor = page.get("nextCursor").asText();
    page = chain.result(GET_TRANSACTIONS, CAROL_HEX, cursor, 3);
    blknums.addAll(
        page.get("transactions").findValues("blknum").stream().map(JsonNode::asLong).toList());

    assertThat(blknums).containsExactly(6L, 5L, 4L, 3L);
    assertThat(page.get("nextCursor").isNull()).isTrue();
  }

  @Test
  void getTransactions_ofAnAddressWithoutHistory_isAnEmptyLastPage() {
    JsonNode page = chain.result(GET_TRANSACTIONS, CAROL_HEX);

    assertThat(page.get("transactions")).isEmpty();
    assertThat(page.get("nextCursor").isNull()).isTrue();
  }

  @Test
  void getTransactions_rejectsBadParamsNamingTheReason() {
    assertInvalidParams(chain.error(GET_TRANSACTIONS), "param 0 (address) is missing");
    assertInvalidParams(
        chain.error(GET_TRANSACTIONS, "0x1234"), "param 0 (address) must be 20 bytes, got 2");
    assertInvalidParams(
        chain.error(GET_TRANSACTIONS, ALICE_HEX, "nonsense"),
        "param 1 (cursor) is not a cursor of this method");
    assertInvalidParams(
        chain.error(GET_TRANSACTIONS, ALICE_HEX, "0.0"),
        "param 1 (cursor) is not a cursor of this method");
    assertInvalidParams(
        chain.error(GET_TRANSACTIONS, ALICE_HEX, "1000.65536"),
        "param 1 (cursor) is not a cursor of this method");
    assertInvalidParams(
        chain.error(GET_TRANSACTIONS, ALICE_HEX, 1000),
        "param 1 (cursor) must be a string or null");
    assertInvalidParams(
        chain.error(GET_TRANSACTIONS, ALICE_HEX, null, 0), "param 2 (limit) must be 1..200, got 0");
    assertInvalidParams(
        chain.error(GET_TRANSACTIONS, ALICE_HEX, null, 201),
        "param 2 (limit) must be 1..200, got 201");
    assertInvalidParams(
        chain.error(GET_TRANSACTIONS, ALICE_HEX, null, "50"),
        "param 2 (limit) must be a JSON integer, got a string");
    assertInvalidParams(
        chain.error(GET_TRANSACTIONS, ALICE_HEX, null, 50, 1), "expected at most 3 params, got 4");
  }

  @Test
  void getTransactions_withoutLimit_answersFiftyItems_andAtMostTwoHundred() {
    for (int i = 0; i < 201; i++) {
      chain.deposit(CAROL, ETH, 1);
    }

    assertThat(chain.result(GET_TRANSACTIONS, CAROL_HEX).get("transactions")).hasSize(50);
    assertThat(chain.result(GET_TRANSACTIONS, CAROL_HEX, null, 200).get("transactions"))
        .hasSize(200);
  }
}
