package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.merkle.MerkleTree;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.types.Hex;
import io.plasmanode.node.rpc.RpcResults.OutputResult;
import io.plasmanode.node.rpc.RpcResults.TransactionResult;
import io.plasmanode.node.wallet.SentTransactionStore;
import io.plasmanode.p2p.rpc.JsonRpcException;
import io.plasmanode.p2p.rpc.JsonRpcMethods;
import io.plasmanode.p2p.rpc.JsonRpcServer;
import io.plasmanode.p2p.rpc.JsonRpcServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.utils.Numeric;
import picocli.CommandLine;

/**
 * The wallet's record of sent transactions through the CLI, against a stand-in operator and watcher
 * on 127.0.0.1: {@code transfer} records before it submits and records the answer; it refuses to
 * re-spend the inputs of an earlier transaction that may be included (W9); {@code tx list}, {@code
 * tx show} and {@code tx resend}.
 */
class SentTransactionsCliIT {
  private static final PrivateKey ALICE = TestKeys.ALICE;
  private static final Address BOB = TestKeys.BOB.address();
  private static final Address CONTRACT = Address.fromHex("0x" + "c0".repeat(20));
  private static final UtxoPos BIG = new UtxoPos(1000, 0, 1);
  private static final UtxoPos SMALL = new UtxoPos(7, 0, 0);

  /** How the stand-in operator answers a submission. */
  private enum Answer {
    ACCEPT,
    REJECT,
    MALFORMED,
    INTERNAL_ERROR
  }

  @TempDir Path home;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final List<String> submitted = new CopyOnWriteArrayList<>();
  private final List<String> storeAtSubmission = new CopyOnWriteArrayList<>();
  private final Map<Hash32, TransactionResult> included = new ConcurrentHashMap<>();
  private final Map<UtxoPos, Map<String, Object>> watcherExitData = new ConcurrentHashMap<>();
  private final AtomicReference<Answer> answer = new AtomicReference<>(Answer.ACCEPT);
  private final AtomicReference<JsonRpcException> rejection = new AtomicReference<>();
  private final AtomicLong height = new AtomicLong(1000);
  private final List<Long> withheld = new CopyOnWriteArrayList<>();
  private JsonRpcServer operator;
  private JsonRpcServer watcher;
  private String operatorUrl;
  private String watcherUrl;

  @BeforeEach
  void start() {
    operator = new JsonRpcServer(operatorMethods());
    operatorUrl = "http://127.0.0.1:" + operator.start(JsonRpcServerConfig.defaults());
    watcher =
        new JsonRpcServer(
            JsonRpcMethods.builder()
                .add(
                    "watcher_getExitData",
                    params -> {
                      UtxoPos pos = UtxoPos.fromLong(params.get(0).asLong()).orElseThrow();
                      Map<String, Object> data = watcherExitData.get(pos);
                      if (data == null) {
                        throw new JsonRpcException(
                            -32014, "no output at " + pos, Map.of("reason", "unknown_output"));
                      }
                      return data;
                    })
                .add("watcher_status", params -> watcherStatus())
                .build());
    watcherUrl = "http://127.0.0.1:" + watcher.start(JsonRpcServerConfig.defaults());
  }

  @AfterEach
  void stop() {
    operator.close();
    watcher.close();
  }

  private Path storeFile() {
    return home.resolve(SentTransactionStore.FILE_NAME);
  }

  @Test
  void transfer_recordsTheSignedTransactionOnDiskBeforeSubmittingItThenTheAnswer()
      throws Exception {
    assertThat(run("transfer", "--to", BOB.toHex(), "--amount", "100", "--json"))
        .as(err.toString())
        .isZero();

    String txHash = CliCommand.JSON.readTree(out.toString()).get("txHash").asText();
    assertThat(storeAtSubmission).singleElement().asString().contains(txHash, submitted.getFirst());
    List<String> lines = Files.readAllLines(storeFile());
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).contains("\"type\":\"signed\"", submitted.getFirst());
    assertThat(lines.get(1)).contains("\"outcome\":\"accepted\"", "\"blknum\":2000");
  }

  @Test
  void transfer_withWalletDir_recordsThere() {
    Path elsewhere = home.resolve("elsewhere");
    assertThat(
            run("transfer", "--to", BOB.toHex(), "--amount", "100", "--wallet-dir", "" + elsewhere))
        .as(err.toString())
        .isZero();
    assertThat(elsewhere.resolve(SentTransactionStore.FILE_NAME)).exists();
    assertThat(storeFile()).doesNotExist();
  }

  @Test
  void unansweredTransfer_isKeptAndItsInputsAreNotSpentAgain() throws Exception {
    answer.set(Answer.MALFORMED);
    assertThat(run("transfer", "--to", BOB.toHex(), "--amount", "100")).isEqualTo(1);
    assertThat(err.toString())
        .contains("no answer from the operator", "plasma tx resend", "Do not sign another spend");
    Hash32 first = hashOf(submitted.getFirst());
    answer.set(Answer.ACCEPT);
    err.getBuffer().setLength(0);

    // BIG is taken by the unanswered one; SMALL alone cannot pay 0.9 ETH
    assertThat(run("transfer", "--to", BOB.toHex(), "--amount", "0.9eth")).isEqualTo(1);

    assertThat(submitted).hasSize(1);
    assertThat(err.toString())
        .contains(
            "refusing to send",
            "Nothing was sent",
            first.toHex(),
            "spends " + BIG,
            "no answer from the operator was recorded",
            "plasma tx resend " + first.toHex(),
            "plasma exit inflight start --tx " + first.toHex(),
            "--force-respend");
  }

  @Test
  void anInternalErrorAnswer_isNoAnswer_soTheInputsStayHeld() throws Exception {
    answer.set(Answer.INTERNAL_ERROR);
    assertThat(run("transfer", "--to", BOB.toHex(), "--amount", "0.9eth")).isEqualTo(1);
    assertThat(err.toString())
        .contains("no answer from the operator", "error -32603: internal error: disk full");
    answer.set(Answer.ACCEPT);

    assertThat(run("transfer", "--to", BOB.toHex(), "--amount", "0.95eth")).isEqualTo(1);

    assertThat(err.toString()).contains("refusing to send");
    assertThat(json("tx", "list").get(0).get("status").asText()).isEqualTo("unanswered");
  }

  @Test
  void transfer_paysFromOtherOutputsWhenAnUnansweredOneHoldsSome() throws Exception {
    answer.set(Answer.MALFORMED);
    run("transfer", "--to", BOB.toHex(), "--amount", "100");
    answer.set(Answer.ACCEPT);

    assertThat(run("transfer", "--to", BOB.toHex(), "--amount", "100", "--json"))
        .as(err.toString())
        .isZero();

    assertThat(decode(submitted.getLast()).tx().inputs()).containsExactly(SMALL);
  }

  @Test
  void forceRespend_overridesAnUnansweredTransactionWithALoudWarning() throws Exception {
    answer.set(Answer.MALFORMED);
    run("transfer", "--to", BOB.toHex(), "--amount", "0.9eth");
    Hash32 first = hashOf(submitted.getFirst());
    answer.set(Answer.ACCEPT);

    assertThat(run("transfer", "--to", BOB.toHex(), "--amount", "0.95eth", "--force-respend"))
        .as(err.toString())
        .isZero();

    assertThat(submitted).hasSize(2);
    assertThat(err.toString()).contains("RE-SPENDING (--force-respend)", first.toHex());
    JsonNode list = json("tx", "list");
    assertThat(list).hasSize(2);
    assertThat(list.get(1).get("forcedRespend").asBoolean()).isTrue();
  }

  @Test
  void forceRespend_neverOverridesAnAcceptedTransaction() {
    run("transfer", "--to", BOB.toHex(), "--amount", "0.9eth");
    // a lying operator lists the spent outputs again
    err.getBuffer().setLength(0);

    assertThat(run("transfer", "--to", BOB.toHex(), "--amount", "0.95eth", "--force-respend"))
        .isEqualTo(1);

    assertThat(submitted).hasSize(1);
    assertThat(err.toString())
        .contains(
            "accepted by the operator into block 2000 at index 0",
            "--force-respend cannot override a transaction the operator accepted");
  }

  @Test
  void rejectedTransfer_isRecordedAndFreesItsInputs() throws Exception {
    answer.set(Answer.REJECT);
    rejection.set(
        new JsonRpcException(
            -32013, "operator_busy: try again", Map.of("reason", "operator_busy")));
    assertThat(run("transfer", "--to", BOB.toHex(), "--amount", "0.9eth")).isEqualTo(1);
    answer.set(Answer.ACCEPT);

    assertThat(run("transfer", "--to", BOB.toHex(), "--amount", "0.8eth"))
        .as(err.toString())
        .isZero();

    JsonNode list = json("tx", "list");
    assertThat(list.get(0).get("status").asText()).isEqualTo("rejected");
    assertThat(list.get(0).get("answers").get(0).get("reason").asText()).isEqualTo("operator_busy");
    assertThat(list.get(0).get("now").get("state").asText()).isEqualTo("rejected");
    assertThat(list.get(1).get("status").asText()).isEqualTo("accepted");
  }

  @Test
  void txList_saysWhatTheOperatorKnowsNow_includedPendingMissingUnknown() throws Exception {
    run("transfer", "--to", BOB.toHex(), "--amount", "0.9eth");
    Hash32 pending = hashOf(submitted.getLast());
    answer.set(Answer.MALFORMED);
    run("transfer", "--to", BOB.toHex(), "--amount", "100");
    answer.set(Answer.ACCEPT);

    JsonNode list = json("tx", "list");
    assertThat(list.get(0).get("now").get("state").asText()).isEqualTo("pending");
    assertThat(list.get(1).get("now").get("state").asText()).isEqualTo("unknown");

    height.set(2000);
    assertThat(json("tx", "list").get(0).get("now").get("state").asText()).isEqualTo("missing");
    include(submitted.getFirst(), 2000, 0);
    JsonNode now = json("tx", "list").get(0).get("now");
    assertThat(now.get("state").asText()).isEqualTo("included");
    assertThat(now.get("blknum").asLong()).isEqualTo(2000);
    assertThat(now.get("source").asText()).isEqualTo("operator");
    assertThat(pending.toHex()).isEqualTo(json("tx", "list").get(0).get("txHash").asText());

    assertThat(run("tx", "list")).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains(pending.toHex(), "included (operator): in block 2000 at index 0")
        .contains("unanswered (no answer:");
  }

  @Test
  void txList_ofABlockPastTheOperatorsChain_isWithheldWhenTheWatcherSaysSo_elsePending()
      throws Exception {
    run("transfer", "--to", BOB.toHex(), "--amount", "0.9eth");

    JsonNode open = json("tx", "list").get(0).get("now");
    assertThat(open.get("state").asText()).isEqualTo("pending");
    assertThat(open.get("detail").asText())
        .contains(
            "the operator's chain ends at block 1000 and block 2000 is its open block",
            "the watcher at " + watcherUrl + " reports no withholding of block 2000");

    withheld.add(2000L);
    JsonNode now = json("tx", "list").get(0).get("now");
    assertThat(now.get("state").asText()).isEqualTo("withheld");
    assertThat(now.get("blknum").asLong()).isEqualTo(2000);
    assertThat(now.get("detail").asText())
        .contains("committed on L1 but is not served", "block_withholding", "exit it in flight");
    assertThat(run("tx", "show", hashOf(submitted.getFirst()).toHex())).isZero();
    assertThat(out.toString()).contains("next:     exit it in flight (plasma exit inflight start");

    JsonNode unasked = json("tx", "list", "--watcher", "http://127.0.0.1:1").get(0).get("now");
    assertThat(unasked.get("state").asText()).isEqualTo("pending");
    assertThat(unasked.get("detail").asText())
        .contains("whether block 2000 was committed on L1 and withheld is not known");
  }

  @Test
  void txList_withTheOperatorDown_asksTheWatcherByThePromisedPosition() throws Exception {
    run("transfer", "--to", BOB.toHex(), "--amount", "0.9eth");
    byte[] txBytes = TxCodec.encode(decode(submitted.getFirst()).tx());
    watcherExitData.put(
        new UtxoPos(2000, 0, 0),
        Map.of(
            "utxoPos", "2000000000",
            "txBytes", Hex.encode(txBytes),
            "proof", Hex.encode(MerkleTree.of(List.of(txBytes)).proof(0).toBytes())));
    operator.close();

    JsonNode now =
        json("tx", "list", "--rpc", "http://127.0.0.1:1", "--watcher", watcherUrl)
            .get(0)
            .get("now");

    assertThat(now.get("state").asText()).isEqualTo("included");
    assertThat(now.get("source").asText()).isEqualTo("watcher");
    assertThat(now.get("detail").asText()).contains("validated");
  }

  @Test
  void txList_ofAnotherAddressOrAll() throws Exception {
    run("transfer", "--to", BOB.toHex(), "--amount", "100");
    assertThat(json("tx", "list", "--address", BOB.toHex())).isEmpty();
    assertThat(json("tx", "list", "--all", "--address", BOB.toHex())).hasSize(1);
  }

  @Test
  void txList_withATornLastLine_warnsAndListsTheEarlierOnes() throws Exception {
    run("transfer", "--to", BOB.toHex(), "--amount", "100");
    Files.writeString(
        storeFile(), "{\"v\":1,\"type\":\"sig", java.nio.file.StandardOpenOption.APPEND);
    err.getBuffer().setLength(0);

    assertThat(json("tx", "list")).hasSize(1);
    assertThat(err.toString()).contains("warning: the last line (3)", "incomplete");
  }

  @Test
  void txShow_printsEverythingAndWhatToDo() throws Exception {
    answer.set(Answer.MALFORMED);
    run("transfer", "--to", BOB.toHex(), "--amount", "100");
    String hash = hashOf(submitted.getFirst()).toHex();

    assertThat(run("tx", "show", hash.substring(0, 12))).as(err.toString()).isZero();

    assertThat(out.toString())
        .contains("transaction " + hash, "inputs:   [" + BIG + "]", "to " + BOB)
        .contains("sent:     1 time(s)", "no answer:", "wallet:   unanswered")
        .contains("next:     plasma tx resend " + hash, "plasma exit inflight start --tx " + hash)
        .contains("signedTx: " + submitted.getFirst());
    assertThat(json("tx", "show", hash).get("signedTx").asText()).isEqualTo(submitted.getFirst());
  }

  @Test
  void txShow_refusesBadAndUnknownHashes() {
    run("transfer", "--to", BOB.toHex(), "--amount", "100");

    assertThat(run("tx", "show", "0xnothex")).isEqualTo(1);
    assertThat(err.toString()).contains("'0xnothex' is not a transaction hash");
    assertThat(run("tx", "show", "abc")).isEqualTo(1);
    assertThat(err.toString()).contains("at least the first 8");
    assertThat(run("tx", "show", "0x" + "f".repeat(64))).isEqualTo(1);
    assertThat(err.toString()).contains("the wallet has sent no transaction", "plasma tx list");
    assertThat(run("tx", "show")).isEqualTo(2);
  }

  @Test
  void txResend_submitsTheSameBytesAgainAndRecordsTheAnswer() throws Exception {
    answer.set(Answer.MALFORMED);
    run("transfer", "--to", BOB.toHex(), "--amount", "100");
    String hash = hashOf(submitted.getFirst()).toHex();
    answer.set(Answer.ACCEPT);

    assertThat(run("tx", "resend", hash)).as(err.toString()).isZero();

    assertThat(submitted).hasSize(2).containsOnly(submitted.getFirst());
    assertThat(out.toString()).contains("resent " + hash, "accepted into block 2000");
    JsonNode shown = json("tx", "show", hash);
    assertThat(shown.get("submissions").asInt()).isEqualTo(2);
    assertThat(shown.get("status").asText()).isEqualTo("accepted");
  }

  @Test
  void txResend_refusesATransactionThatCanNeverBeValid() throws Exception {
    answer.set(Answer.REJECT);
    rejection.set(
        new JsonRpcException(
            -32011, "invalid_signature: input 0", Map.of("reason", "invalid_signature")));
    run("transfer", "--to", BOB.toHex(), "--amount", "100");
    String hash = hashOf(submitted.isEmpty() ? "" : submitted.getFirst()).toHex();
    err.getBuffer().setLength(0);

    assertThat(run("tx", "resend", hash)).isEqualTo(1);

    assertThat(err.toString()).contains("can never be valid", "invalid_signature");
  }

  @Test
  void txResend_ofAnUnknownHash_failsClearly() {
    assertThat(run("tx", "resend", "0x" + "e".repeat(64))).isEqualTo(1);
    assertThat(err.toString()).contains("the wallet has sent no transaction");
  }

  private void include(String signedHex, long blknum, int txIndex) {
    SignedTransaction signed = decode(signedHex);
    PaymentTransaction tx = signed.tx();
    Hash32 hash = hashOf(signedHex);
    included.put(
        hash,
        new TransactionResult(
            hash,
            blknum,
            txIndex,
            Hex.encode(TxCodec.encode(tx)),
            signedHex,
            tx.inputs(),
            tx.outputs().stream()
                .map(o -> new OutputResult(o.owner(), o.token(), o.amount()))
                .toList()));
  }

  private static SignedTransaction decode(String signedHex) {
    return TxCodec.decodeSigned(Hex.decode(signedHex)).get();
  }

  private static Hash32 hashOf(String signedHex) {
    return Keccak.keccak256(TxCodec.encode(decode(signedHex).tx()));
  }

  private JsonNode json(String... args) {
    String[] withJson = java.util.Arrays.copyOf(args, args.length + 1);
    withJson[args.length] = "--json";
    assertThat(run(withJson)).as(err.toString()).isZero();
    try {
      return CliCommand.JSON.readTree(out.toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private int run(String... args) {
    Map<String, String> environment =
        Map.of(
            "PLASMA_PRIVATE_KEY", Numeric.toHexString(ALICE.toArray()),
            "PLASMA_RPC", operatorUrl,
            "PLASMA_WATCHER", watcherUrl);
    CommandLine cli = new CommandLine(new PlasmaCli(environment, home));
    out.getBuffer().setLength(0);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    SecretsInOutput.assertNone(environment, out + err.toString());
    return exit;
  }

  private JsonRpcMethods operatorMethods() {
    return JsonRpcMethods.builder()
        .add(
            "plasma_status",
            params ->
                Map.of(
                    "height",
                    height.get(),
                    "openBlock",
                    height.get() + 1000,
                    "lastCommittedBlock",
                    0,
                    "contract",
                    CONTRACT.toHex(),
                    "chainId",
                    31337,
                    "alarms",
                    List.of()))
        .add(
            "plasma_getUtxos",
            params -> List.of(utxo(SMALL, "500000000000000000"), utxo(BIG, "1000000000000000000")))
        .add("plasma_submitTransaction", params -> submit(params.get(0).asText()))
        .add(
            "plasma_getTransaction", params -> included.get(Hash32.fromHex(params.get(0).asText())))
        .build();
  }

  private Map<String, Object> watcherStatus() {
    List<Map<String, Object>> events =
        withheld.stream()
            .map(
                blknum ->
                    Map.<String, Object>of(
                        "type",
                        "block_withholding",
                        "action",
                        "exit",
                        "blknum",
                        blknum,
                        "detectedAt",
                        1,
                        "active",
                        true))
            .toList();
    return Map.of(
        "syncedHeight",
        height.get(),
        "l1Height",
        9,
        "l1HeightSeen",
        9,
        "peers",
        0,
        "exitsTracked",
        0,
        "halted",
        !events.isEmpty(),
        "byzantineEvents",
        events,
        "pastEvents",
        List.of(),
        "alarms",
        List.of());
  }

  private Object submit(String hex) {
    try {
      storeAtSubmission.add(Files.readString(storeFile()));
    } catch (java.io.IOException e) {
      storeAtSubmission.add("no store: " + e);
    }
    submitted.add(hex);
    return switch (answer.get()) {
      case ACCEPT ->
          Map.of("txHash", hashOf(hex).toHex(), "blknum", 2000, "txIndex", submitted.size() - 1);
      case REJECT -> throw rejection.get();
      case MALFORMED -> "not an answer";
      case INTERNAL_ERROR -> throw new JsonRpcException(-32603, "internal error: disk full");
    };
  }

  private static Map<String, Object> utxo(UtxoPos pos, String amount) {
    return Map.of(
        "utxoPos", pos.toString(),
        "blknum", pos.blknum(),
        "txIndex", pos.txindex(),
        "oindex", pos.oindex(),
        "owner", ALICE.address().toHex(),
        "token", Address.ZERO.toHex(),
        "amount", amount,
        "status", "unspent");
  }
}
