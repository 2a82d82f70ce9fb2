package io.plasmanode.node.rpc;

import static io.plasmanode.core.testing.TestKeys.ALICE;
import static io.plasmanode.core.testing.TestKeys.BOB;
import static io.plasmanode.core.testing.TestKeys.CAROL;
import static io.plasmanode.node.rpc.PlasmaRpcMethods.GET_BLOCK;
import static io.plasmanode.node.rpc.PlasmaRpcMethods.GET_EXIT_DATA;
import static io.plasmanode.node.rpc.PlasmaRpcMethods.GET_TRANSACTION;
import static io.plasmanode.node.rpc.PlasmaRpcMethods.STATUS;
import static io.plasmanode.node.rpc.PlasmaRpcMethods.SUBMIT_TRANSACTION;
import static io.plasmanode.node.rpc.RpcFixture.ETH;
import static io.plasmanode.node.rpc.RpcFixture.hex;
import static io.plasmanode.node.rpc.RpcFixture.output;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.core.merkle.MerkleProof;
import io.plasmanode.core.merkle.MerkleTree;
import io.plasmanode.core.testing.TxGen;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.types.Hex;
import io.plasmanode.p2p.rpc.JsonRpcClient;
import io.plasmanode.p2p.rpc.JsonRpcException;
import io.plasmanode.p2p.rpc.JsonRpcServer;
import io.plasmanode.p2p.rpc.JsonRpcServerConfig;
import io.plasmanode.storage.chain.StoredBlock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API behind the real Netty server on 127.0.0.1, called with the real client and raw HTTP. */
class PlasmaRpcIT {
  private static final String LOOPBACK = "127.0.0.1";

  private final RpcFixture chain = new RpcFixture();
  private final UtxoPos aliceDeposit = chain.deposit(ALICE, ETH, 100);
  private final JsonRpcServer server = new JsonRpcServer(chain.methods);
  private final HttpClient http = HttpClient.newHttpClient();
  private int port;
  private JsonRpcClient client;

  @BeforeEach
  void start() {
    port = server.start(JsonRpcServerConfig.defaults().withHost(LOOPBACK).withPort(0));
    client = new JsonRpcClient(URI.create("http://" + LOOPBACK + ":" + port + "/"));
  }

  @AfterEach
  void stop() {
    client.close();
    http.close();
    server.close();
  }

  private byte[] aliceToBob(long toBob) {
    return chain.transfer(
        List.of(aliceDeposit),
        List.of(output(BOB, ETH, toBob), output(ALICE, ETH, 100 - toBob)),
        List.of(ALICE));
  }

  @Test
  void submittedTransaction_isServedOnceItsBlockCloses() {
    JsonNode accepted = client.call(SUBMIT_TRANSACTION, hex(aliceToBob(60)));
    String txHash = accepted.get("txHash").asText();
    chain.closeBlock();

    JsonNode tx = client.call(GET_TRANSACTION, txHash);
    JsonNode block = client.call(GET_BLOCK, 1000, true);

    assertThat(accepted.get("blknum").asLong()).isEqualTo(1000);
    assertThat(tx.get("blknum").asLong()).isEqualTo(1000);
    assertThat(tx.get("txIndex").asInt()).isZero();
    assertThat(tx.get("outputs").get(0).get("amount").asText()).isEqualTo("60");
    assertThat(block.get("transactions").get(0).asText()).isEqualTo(hex(aliceToBob(60)));
  }

  @Test
  void malformedHex_isInvalidParams() {
    assertError(() -> client.call(SUBMIT_TRANSACTION, "0x12zz"), -32602, "param 0 (signedTx)");
    assertStillServing();
  }

  @Test
  void badRlp_isAMalformedTransaction() {
    assertError(() -> client.call(SUBMIT_TRANSACTION, "0x8105"), -32010, "rlp_non_canonical: ");
    assertStillServing();
  }

  @Test
  void badSignature_isRejected() {
    byte[] signed =
        RpcFixture.transferWithSignature(
            List.of(aliceDeposit),
            List.of(output(BOB, ETH, 100)),
            TxGen.signature(BigInteger.TWO, BigInteger.TWO, 30));

    JsonRpcException error =
        assertError(
            () -> client.call(SUBMIT_TRANSACTION, hex(signed)), -32011, "invalid_signature: ");
    assertThat(error.data().orElseThrow().get("reason").asText()).isEqualTo("invalid_signature");
    assertStillServing();
  }

  @Test
  void doubleSpend_isRejected() {
    client.call(SUBMIT_TRANSACTION, hex(aliceToBob(60)));

    JsonRpcException error =
        assertError(
            () -> client.call(SUBMIT_TRANSACTION, hex(aliceToBob(10))), -32012, "double_spend: ");
    assertThat(error.data().orElseThrow().toString()).isEqualTo("{\"reason\":\"double_spend\"}");
    assertStillServing();
  }

  @Test
  void unknownUtxo_isRejected() {
    byte[] signed =
        chain.transfer(
            List.of(new UtxoPos(7000, 3, 1)), List.of(output(CAROL, ETH, 1)), List.of(ALICE));

    assertError(() -> client.call(SUBMIT_TRANSACTION, hex(signed)), -32012, "utxo_not_found: ");
    assertStillServing();
  }

  @Test
  void invalidParams_nameTheParameter() {
    assertError(() -> client.call(GET_BLOCK, 1234), -32602, "param 0 (blknum) is not a child");
    assertError(() -> client.call(GET_EXIT_DATA), -32602, "param 0 (utxoPos) is missing");
    assertStillServing();
  }

  @Test
  void unknownMethod_isMethodNotFound() {
    assertError(() -> client.call("plasma_nope"), -32601, "Method not found: plasma_nope");
    assertStillServing();
  }

  @Test
  void unparsableBody_isAParseError() throws Exception {
    JsonNode response = post("{\"jsonrpc\": \"2.0\", \"method\": ");

    assertThat(response.get("error").get("code").asInt()).isEqualTo(-32700);
    assertStillServing();
  }

  @Test
  void batch_isAnsweredUpToTheLimitAndRefusedBeyondIt() throws Exception {
    String request = "{\"jsonrpc\": \"2.0\", \"id\": %d, \"method\": \"plasma_status\"}";
    StringBuilder hundred = new StringBuilder("[");
    StringBuilder hundredAndOne = new StringBuilder("[");
    for (int id = 0; id < 101; id++) {
      if (id < 100) {
        hundred.append(id == 0 ? "" : ",").append(request.formatted(id));
      }
      hundredAndOne.append(id == 0 ? "" : ",").append(request.formatted(id));
    }

    JsonNode answered = post(hundred.append("]").toString());
    JsonNode refused = post(hundredAndOne.append("]").toString());

    assertThat(answered).hasSize(100);
    assertThat(answered.get(99).get("result").get("openBlock").asLong()).isEqualTo(1000);
    assertThat(refused.get("error").get("code").asInt()).isEqualTo(-32600);
    assertThat(refused.get("error").get("message").asText())
        .isEqualTo("Batch of 101 exceeds the limit of 100");
    assertStillServing();
  }

  @Test
  void oversizedBody_getsHttp413() throws IOException {
    String request = "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"plasma_status\"}";
    String padding = " ".repeat(JsonRpcServerConfig.DEFAULT_MAX_BODY_BYTES + 1 - request.length());
    String body = request + padding;

    String response =
        exchange(
            "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: "
                + body.length()
                + "\r\n\r\n"
                + body);

    assertThat(response).startsWith("HTTP/1.1 413");
    assertStillServing();
  }

  @Test
  void exitDataOfChildBlockOutput_verifiesAgainstTheStoredRoot() {
    client.call(SUBMIT_TRANSACTION, hex(aliceToBob(60)));
    client.call(
        SUBMIT_TRANSACTION,
        hex(
            chain.transfer(
                List.of(new UtxoPos(1000, 0, 1)),
                List.of(output(CAROL, ETH, 40)),
                List.of(ALICE))));
    chain.closeBlock();
    StoredBlock stored = chain.store.block(1000).orElseThrow();

    JsonNode exit = client.call(GET_EXIT_DATA, "1000000010");

    byte[] txBytes = Hex.decode(exit.get("txBytes").asText());
    MerkleProof proof = MerkleProof.fromBytes(Hex.decode(exit.get("proof").asText())).orElseThrow();
    assertThat(proof.verify(MerkleTree.leafHash(txBytes), 1, stored.root())).isTrue();
    assertThat(TxCodec.decode(txBytes).get().outputs()).containsExactly(output(CAROL, ETH, 40));
  }

  @Test
  void exitDataOfDepositOutput_verifiesAgainstTheDepositRoot() {
    JsonNode exit = client.call(GET_EXIT_DATA, aliceDeposit.toLong());

    byte[] depositTx = TxCodec.encode(PaymentTransaction.deposit(output(ALICE, ETH, 100)));
    Hash32 depositRoot = MerkleTree.of(List.of(depositTx)).root();
    byte[] txBytes = Hex.decode(exit.get("txBytes").asText());
    MerkleProof proof = MerkleProof.fromBytes(Hex.decode(exit.get("proof").asText())).orElseThrow();
    assertThat(txBytes).isEqualTo(depositTx);
    assertThat(proof.verify(MerkleTree.leafHash(txBytes), 0, depositRoot)).isTrue();
  }

  @Test
  void exitDataOfUnknownOutput_isOutputNotFound() {
    assertError(
        () -> client.call(GET_EXIT_DATA, "3000000000"),
        -32014,
        "no output at 3000000000: child block 3000 is not closed");
    assertStillServing();
  }

  private void assertStillServing() {
    JsonNode status = client.call(STATUS);
    assertThat(status.get("contract").asText()).isEqualTo(RpcFixture.CONTRACT.toHex());
    assertThat(client.call(PlasmaRpcMethods.GET_BALANCE, ALICE.address().toHex())).isNotEmpty();
  }

  private static JsonRpcException assertError(ThrowingCallable call, int code, String start) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(JsonRpcException.class);
    JsonRpcException error = (JsonRpcException) thrown;
    assertThat(error.code()).as("code of %s", error).isEqualTo(code);
    assertThat(error.getMessage()).startsWith(start);
    return error;
  }

  private JsonNode post(String body) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://" + LOOPBACK + ":" + port + "/"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    return RpcFixture.JSON.readTree(response.body());
  }

  /** Sends raw bytes on a fresh connection and returns all the server writes until it closes. */
  private String exchange(String raw) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(LOOPBACK, port), 2_000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(raw.getBytes(US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), US_ASCII);
    }
  }
}
