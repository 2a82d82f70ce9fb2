package io.plasmanode.node.rpc;

import static io.plasmanode.core.testing.TestKeys.ALICE;
import static io.plasmanode.core.testing.TestKeys.BOB;
import static io.plasmanode.core.testing.TestKeys.CAROL;
import static io.plasmanode.node.rpc.PlasmaRpcMethods.GET_BALANCE;
import static io.plasmanode.node.rpc.PlasmaRpcMethods.GET_BLOCK;
import static io.plasmanode.node.rpc.PlasmaRpcMethods.GET_TRANSACTION;
import static io.plasmanode.node.rpc.PlasmaRpcMethods.GET_UTXOS;
import static io.plasmanode.node.rpc.PlasmaRpcMethods.STATUS;
import static io.plasmanode.node.rpc.PlasmaRpcMethods.SUBMIT_TRANSACTION;
import static io.plasmanode.node.rpc.RpcFixture.ETH;
import static io.plasmanode.node.rpc.RpcFixture.TOKEN;
import static io.plasmanode.node.rpc.RpcFixture.hex;
import static io.plasmanode.node.rpc.RpcFixture.output;
import static io.plasmanode.node.rpc.SubmitMethodsTest.assertInvalidParams;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.node.api.ClosedBlockTiming;
import io.plasmanode.storage.chain.StoredBlock;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueryMethodsTest {
  private static final String ALICE_HEX = ALICE.address().toHex();
  private static final String BOB_HEX = BOB.address().toHex();

  private final RpcFixture chain = new RpcFixture();
  private final UtxoPos aliceEth = chain.deposit(ALICE, ETH, 100);
  private final UtxoPos aliceToken = chain.deposit(ALICE, TOKEN, 7);
  private final byte[] transfer =
      chain.transfer(
          List.of(aliceEth, aliceToken),
          List.of(output(BOB, ETH, 60), output(ALICE, ETH, 40), output(BOB, TOKEN, 7)),
          List.of(ALICE, ALICE));
  private final String txHash =
      chain.result(SUBMIT_TRANSACTION, hex(transfer)).get("txHash").asText();

  @Test
  void getTransaction_returnsEveryFieldOnceTheBlockIsClosed() throws Exception {
    assertThat(chain.result(GET_TRANSACTION, txHash).isNull()).as("open block").isTrue();
    chain.closeBlock();

    JsonNode tx = chain.result(GET_TRANSACTION, txHash);

    byte[] unsigned = TxCodec.encode(TxCodec.decodeSigned(transfer).get().tx());
    JsonNode expected =
        RpcFixture.JSON.readTree(
            """
            {"txHash": "%s", "blknum": 1000, "txIndex": 0, "txBytes": "%s", "signedTxBytes": "%s",
             "inputs": ["1000000", "2000000"],
             "outputs": [
               {"owner": "%s", "token": "%s", "amount": "60"},
               {"owner": "%s", "token": "%s", "amount": "40"},
               {"owner": "%s", "token": "%s", "amount": "7"}]}
            """
                .formatted(
                    txHash,
                    hex(unsigned),
                    hex(transfer),
                    BOB_HEX,
                    ETH.toHex(),
                    ALICE_HEX,
                    ETH.toHex(),
                    BOB_HEX,
                    TOKEN.toHex()));
    assertThat(tx).isEqualTo(expected);
  }

  @Test
  void getTransaction_returnsNullForUnknownHash() {
    chain.closeBlock();

    assertThat(chain.result(GET_TRANSACTION, Hash32.ZERO.toHex()).isNull()).isTrue();
  }

  @Test
  void getTransaction_rejectsBadHash() {
    assertInvalidParams(chain.error(GET_TRANSACTION), "param 0 (txHash) is missing");
    assertInvalidParams(
        chain.error(GET_TRANSACTION, "0x1234"), "param 0 (txHash) must be 32 bytes, got 2");
    assertInvalidParams(chain.error(GET_TRANSACTION, true), "param 0 (txHash) must be a hex");
  }

  @Test
  void getBlock_listsHashesOrSignedTransactionsAndTheCommitStatus() throws Exception {
    StoredBlock block = chain.closeBlock();

    JsonNode byHash = chain.result(GET_BLOCK, 1000);
    JsonNode full = chain.result(GET_BLOCK, 1000, true);

    String expected =
        """
        {"blknum": 1000, "root": "%s", "timestamp": 1735787045, "txCount": 1,
         "transactions": ["%s"], "commit": {"status": "pending"}}
        """;
    assertThat(byHash)
        .isEqualTo(RpcFixture.JSON.readTree(expected.formatted(block.root().toHex(), txHash)));
    assertThat(full)
        .isEqualTo(
            RpcFixture.JSON.readTree(expected.formatted(block.root().toHex(), hex(transfer))));
    assertThat(chain.result(GET_BLOCK, 1000, false)).isEqualTo(byHash);
  }

  @Test
  void getBlock_showsTheL1TransactionOnceCommitted() {
    chain.closeBlock();
    Hash32 l1TxHash = Hash32.fromHex("0x" + "ab".repeat(32));
    chain.store.markCommitted(1000, l1TxHash);

    JsonNode commit = chain.result(GET_BLOCK, 1000).get("commit");

    assertThat(commit.toString())
        .isEqualTo("{\"status\":\"committed\",\"l1TxHash\":\"" + l1TxHash.toHex() + "\"}");
  }

  @Test
  void getBlock_returnsNullForABlockNotClosed() {
    chain.closeBlock();

    assertThat(chain.result(GET_BLOCK, 2000).isNull()).isTrue();
  }

  @Test
  void getBlock_rejectsWhatIsNotAChildBlockNumber() {
    assertInvalidParams(chain.error(GET_BLOCK), "param 0 (blknum) is missing");
    assertInvalidParams(
        chain.error(GET_BLOCK, 1500), "param 0 (blknum) is not a child block number");
    assertInvalidParams(chain.error(GET_BLOCK, 0), "param 0 (blknum) is not a child block number");
    assertInvalidParams(chain.error(GET_BLOCK, -1000), "param 0 (blknum) must not be negative");
    assertInvalidParams(
        chain.error(GET_BLOCK, "1000"), "param 0 (blknum) must be a JSON integer, got a string");
    assertInvalidParams(
        chain.error(GET_BLOCK, 1000.5),
        "param 0 (blknum) must be a JSON integer, got a fractional");
    assertInvalidParams(
        chain.error(GET_BLOCK, new BigInteger("100000000000000000000000")),
        "param 0 (blknum) is too large");
    assertInvalidParams(
        chain.error(GET_BLOCK, 1000, "yes"), "param 1 (full) must be true or false, got a string");
    assertInvalidParams(chain.error(GET_BLOCK, 1000, true, 1), "expected at most 2 params, got 3");
  }

  @Test
  void getUtxos_listsUnspentOutputsByPosition() throws Exception {
    chain.closeBlock();

    JsonNode bobs = chain.result(GET_UTXOS, BOB_HEX);

    String utxo =
        """
        {"utxoPos": "%s", "blknum": 1000, "txIndex": 0, "oindex": %d, "owner": "%s",
         "token": "%s", "amount": "%s", "status": "unspent"}
        """;
    assertThat(bobs)
        .isEqualTo(
            RpcFixture.JSON.readTree(
                "["
                    + utxo.formatted("1000000000", 0, BOB_HEX, ETH.toHex(), "60")
                    + ","
                    + utxo.formatted("1000000002", 2, BOB_HEX, TOKEN.toHex(), "7")
                    + "]"));
  }

  @Test
  void getUtxos_dropsOutputsThatAreExiting() {
    chain.closeBlock();
    chain.store.markExiting(new UtxoPos(1000, 0, 0));

    JsonNode bobs = chain.result(GET_UTXOS, BOB_HEX);

    assertThat(bobs).hasSize(1);
    assertThat(bobs.get(0).get("utxoPos").asText()).isEqualTo("1000000002");
  }

  @Test
  void getUtxos_isEmptyForAnAddressWithoutOutputs() {
    assertThat(chain.result(GET_UTXOS, CAROL.address().toHex())).isEmpty();
  }

  @Test
  void getUtxos_rejectsBadAddress() {
    assertInvalidParams(chain.error(GET_UTXOS), "param 0 (address) is missing");
    assertInvalidParams(
        chain.error(GET_UTXOS, "0x" + "ab".repeat(19)),
        "param 0 (address) must be 20 bytes, got 19");
    assertInvalidParams(
        chain.error(GET_UTXOS, "0xg" + "0".repeat(39)), "param 0 (address) is not hex");
  }

  @Test
  void addresses_inMixedCaseNeedTheirEip55Checksum() {
    chain.deposit(CAROL, ETH, 5);
    String checksummed = CAROL.address().toChecksumHex();
    String typo = flipCaseOfOneLetter(checksummed);
    assertInvalidParams(
        chain.error(GET_UTXOS, typo), "param 0 (address) has a wrong EIP-55 checksum");
    assertInvalidParams(
        chain.error(GET_BALANCE, typo), "param 0 (address) has a wrong EIP-55 checksum");
    assertThat(chain.result(GET_UTXOS, checksummed)).hasSize(1);
    assertThat(chain.result(GET_UTXOS, CAROL.address().toHex())).hasSize(1);
    assertThat(chain.result(GET_BALANCE, "0x" + checksummed.substring(2).toUpperCase(Locale.ROOT)))
        .hasSize(1);
  }

  /** {@code address} with the case of its last letter flipped: a wrong checksum. */
  static String flipCaseOfOneLetter(String address) {
    for (int i = address.length() - 1; i >= 2; i--) {
      char c = address.charAt(i);
      if (Character.isLetter(c)) {
        char flipped =
            Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
        return address.substring(0, i) + flipped + address.substring(i + 1);
      }
    }
    throw new IllegalArgumentException("no letter in " + address);
  }

  @Test
  void getBalance_sumsPerTokenInAddressOrder() {
    chain.deposit(BOB, ETH, 5);
    chain.closeBlock();

    JsonNode balances = chain.result(GET_BALANCE, BOB_HEX);

    assertThat(balances.toString())
        .isEqualTo(
            "[{\"token\":\"%s\",\"amount\":\"65\"},{\"token\":\"%s\",\"amount\":\"7\"}]"
                .formatted(ETH.toHex(), TOKEN.toHex()));
    assertThat(chain.result(GET_BALANCE, CAROL.address().toHex())).isEmpty();
  }

  @Test
  void getBalance_writesLargeAmountsAsDecimalStrings() {
    chain.store.applyDeposit(
        new Utxo(new UtxoPos(900, 0, 0), new Output(CAROL.address(), ETH, Output.MAX_AMOUNT)), 9);

    JsonNode balance = chain.result(GET_BALANCE, CAROL.address().toHex()).get(0);

    assertThat(balance.get("amount").isTextual()).isTrue();
    assertThat(balance.get("amount").asText()).isEqualTo(Output.MAX_AMOUNT.toString());
  }

  @Test
  void getBalance_rejectsBadAddress() {
    JsonNode named =
        chain.dispatch(
            """
            {"jsonrpc": "2.0", "id": 1, "method": "plasma_getBalance",
             "params": {"address": "%s"}}
            """
                .formatted(ALICE_HEX));
    assertInvalidParams(
        named.get("error"), "params must be a JSON array (positional), got an object");
    assertInvalidParams(chain.error(GET_BALANCE, 42), "param 0 (address) must be a hex string");
  }

  @Test
  void status_reportsTheOperator() throws Exception {
    JsonNode status = chain.result(STATUS);

    assertThat(status)
        .isEqualTo(
            RpcFixture.JSON.readTree(
                """
                {"height": 0, "lastCommittedBlock": 0, "l1HeightSeen": -1, "l1Head": -1,
                 "mempoolSize": 1, "openBlock": 1000, "contract": "%s", "chainId": 1337,
                 "alarms": [], "lastClosedBlock": null,
                 "fees": {"claimer": null, "collected": [], "claimerBalance": []}}
                """
                    .formatted(RpcFixture.CONTRACT.toHex())));
  }

  @Test
  void status_tellsTheLastClosedBlockWithItsCloseTimeAndBuildTime() {
    chain.lastClosedBlock =
        Optional.of(
            new ClosedBlockTiming(3000, 812, Instant.parse("2025-01-02T03:04:05.678Z"), 41));

    JsonNode last = chain.result(STATUS).get("lastClosedBlock");

    assertThat(last.get("blknum").asLong()).isEqualTo(3000);
    assertThat(last.get("txCount").asInt()).isEqualTo(812);
    assertThat(last.get("closedAtMillis").asLong())
        .isEqualTo(Instant.parse("2025-01-02T03:04:05.678Z").toEpochMilli());
    assertThat(last.get("buildMs").asLong()).isEqualTo(41);
  }

  @Test
  void status_rejectsParams() {
    assertInvalidParams(chain.error(STATUS, 1), "expected at most 0 params, got 1");
  }
}
