package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.core.crypto.BouncyCastleSignerRecovery;
import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.eip712.SignatureChecker;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.types.Hex;
import io.plasmanode.node.rpc.RpcResults.BlockResult;
import io.plasmanode.node.rpc.RpcResults.Committed;
import io.plasmanode.node.rpc.RpcResults.OutputResult;
import io.plasmanode.node.rpc.RpcResults.PendingCommit;
import io.plasmanode.node.rpc.RpcResults.TransactionResult;
import io.plasmanode.p2p.rpc.JsonRpcException;
import io.plasmanode.p2p.rpc.JsonRpcMethods;
import io.plasmanode.p2p.rpc.JsonRpcServer;
import io.plasmanode.p2p.rpc.JsonRpcServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.utils.Numeric;
import picocli.CommandLine;

/**
 * {@code plasma transfer}, {@code utxos}, {@code balance} in-process against a JSON-RPC server on
 * 127.0.0.1 that plays the operator: the submitted transaction decodes, pays the right outputs and
 * its signature recovers to the sender in the domain {@code plasma_status} announced.
 */
class PlasmaCliTransferIT {
  private static final BigInteger ETHER = BigInteger.TEN.pow(18);
  private static final PrivateKey ALICE = TestKeys.ALICE;
  private static final Address BOB = TestKeys.BOB.address();
  private static final Address CONTRACT = Address.fromHex("0x" + "c0".repeat(20));
  private static final long CHAIN_ID = 31337;

  @TempDir Path home;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final List<String> submitted = new CopyOnWriteArrayList<>();
  private final AtomicReference<JsonRpcException> rejection = new AtomicReference<>();
  private final AtomicInteger lookupsBeforeClosed = new AtomicInteger(2);
  private final AtomicInteger lookupsBeforeCommitted = new AtomicInteger(2);
  private final List<String> alarms = new CopyOnWriteArrayList<>();
  private final AtomicReference<Object> fees = new AtomicReference<>(Map.of());
  private static final String L1_TX = "0x" + "ab".repeat(32);
  private JsonRpcServer server;
  private String rpcUrl;

  @BeforeEach
  void startOperator() {
    server = new JsonRpcServer(methods());
    int port = server.start(JsonRpcServerConfig.defaults().withHost("127.0.0.1").withPort(0));
    rpcUrl = "http://127.0.0.1:" + port;
  }

  @AfterEach
  void stopOperator() {
    server.close();
  }

  @Test
  void transfer_submitsATransactionSignedByTheSenderWithChangeBack() throws Exception {
    int exit = run("transfer", "--to", BOB.toHex(), "--amount", "1eth", "--json");

    assertThat(exit).as(err.toString()).isZero();
    assertThat(submitted).hasSize(1);
    SignedTransaction signed = TxCodec.decodeSigned(Hex.decode(submitted.get(0))).get();
    assertThat(signed.tx().inputs()).containsExactly(new UtxoPos(1000, 0, 1), new UtxoPos(7, 0, 0));
    assertThat(signed.tx().outputs())
        .containsExactly(
            new Output(BOB, Address.ZERO, ETHER),
            new Output(ALICE.address(), Address.ZERO, new BigInteger("300000000000000000")));
    SignatureChecker checker =
        new SignatureChecker(
            new Eip712Domain(CONTRACT, CHAIN_ID), new BouncyCastleSignerRecovery());
    assertThat(checker.recoverSigners(signed).get())
        .containsExactly(ALICE.address(), ALICE.address());
    JsonNode result = CliCommand.JSON.readTree(out.toString());
    assertThat(result.get("txHash").asText())
        .isEqualTo(Keccak.keccak256(TxCodec.encode(signed.tx())).toHex());
    assertThat(result.get("blknum").asLong()).isEqualTo(2000);
    assertThat(result.get("txIndex").asInt()).isEqualTo(3);
  }

  @Test
  void transfer_saysItIsNotFinalUntilItsBlockIsCommitted() {
    int exit = run("transfer", "--to", BOB.toHex(), "--amount", "0.1eth");
    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("not final until block 2000 is committed on L1 (--wait waits for it)")
        .doesNotContain("is final");
  }

  @Test
  void transferWithWait_pollsUntilTheBlockIsCommittedOnL1() throws Exception {
    int exit = run("transfer", "--to", BOB.toHex(), "--amount", "0.1eth", "--wait");
    assertThat(exit).as(err.toString()).isZero();
    assertThat(lookupsBeforeClosed.get()).isNegative();
    assertThat(lookupsBeforeCommitted.get()).isNegative();
    assertThat(out.toString())
        .contains("change:")
        .contains("block 2000 committed on L1 (tx " + L1_TX + "): the transfer is final");

    run("transfer", "--to", BOB.toHex(), "--amount", "0.1eth", "--wait", "--json");
    JsonNode json = CliCommand.JSON.readTree(out.toString());
    assertThat(json.get("committed").asBoolean()).isTrue();
    assertThat(json.get("l1TxHash").asText()).isEqualTo(L1_TX);
  }

  @Test
  void transferWithWait_failsWhenTheClosedBlockIsNotCommittedInTime() {
    lookupsBeforeCommitted.set(Integer.MAX_VALUE);
    alarms.add("block 2000 on L1 has root 0xabc that this operator did not produce");

    int exit =
        run("transfer", "--to", BOB.toHex(), "--amount", "0.1eth", "--wait", "--wait-timeout", "1");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .contains("is in block 2000, which closed but is not yet committed on L1 after 1 s")
        .contains("the transfer is not final until the block's root is on L1")
        .contains("the operator reports: block 2000 on L1 has root 0xabc")
        .contains("plasma block 2000");
    assertThat(out.toString()).doesNotContain("final");
  }

  @Test
  void status_saysThatClosedBlocksAreNotFinalUntilCommitted() {
    int exit = run("status");
    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("height:             1000 (closed; blocks after 0 are not final until committed")
        .contains("lastCommittedBlock: 0 (no block committed on L1 yet)");
  }

  @Test
  void rejectedTransfer_printsTheReasonAndExits1() {
    rejection.set(
        new JsonRpcException(
            -32012,
            "utxo_not_found: input 0 (1000000011) is not an unspent output",
            Map.of("reason", "utxo_not_found")));
    int exit = run("transfer", "--to", BOB.toHex(), "--amount", "1eth");
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .contains("plasma: rejected: utxo_not_found: input 0")
        .doesNotContain("Exception");
  }

  @Test
  void haltedOperator_isReportedAsARejectionWithItsReason() {
    rejection.set(
        new JsonRpcException(
            -32016,
            "operator_halted: the operator halted block production: block 2000 on L1 has root"
                + " 0xabc that this operator did not produce",
            Map.of("reason", "operator_halted")));
    int exit = run("transfer", "--to", BOB.toHex(), "--amount", "1eth");
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .contains("plasma: rejected: operator_halted: the operator halted block production")
        .contains("did not produce");
  }

  @Test
  void insufficientBalance_isReportedWithoutSubmitting() {
    int exit = run("transfer", "--to", BOB.toHex(), "--amount", "5eth");
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("plasma: insufficient balance");
    assertThat(submitted).isEmpty();
  }

  @Test
  void unreachableOperator_saysSo() {
    server.close();
    int exit = run("transfer", "--to", BOB.toHex(), "--amount", "1eth");
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("is the operator running? see --rpc");
  }

  @Test
  void transfer_paysTheFeeTheOperatorAsksForOutOfTheChange() throws Exception {
    fees.set(ethFee("1000000000000"));

    int exit = run("transfer", "--to", BOB.toHex(), "--amount", "0.1eth", "--json");

    assertThat(exit).as(err.toString()).isZero();
    PaymentTransaction tx = TxCodec.decodeSigned(Hex.decode(submitted.getLast())).get().tx();
    assertThat(tx.inputs()).containsExactly(new UtxoPos(1000, 0, 1));
    assertThat(tx.outputs())
        .containsExactly(
            new Output(BOB, Address.ZERO, new BigInteger("100000000000000000")),
            new Output(ALICE.address(), Address.ZERO, new BigInteger("699999000000000000")));
    JsonNode fee = CliCommand.JSON.readTree(out.toString()).get("fee");
    assertThat(fee.get("token").asText()).isEqualTo(Address.ZERO.toHex());
    assertThat(fee.get("amount").asText()).isEqualTo("1000000000000");

    assertThat(run("transfer", "--to", BOB.toHex(), "--amount", "0.1eth"))
        .as(err.toString())
        .isZero();
    assertThat(out.toString())
        .contains("change:  0.399999 ETH (399999000000000000 wei)")
        .contains("fee:     0.000001 ETH (1000000000000 wei)");
  }

  @Test
  void transferFromAnOperatorWithoutFees_paysNone() {
    int exit = run("transfer", "--to", BOB.toHex(), "--amount", "1eth");

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString()).contains("fee:     none (the operator charges no fee for it)");
  }

  @Test
  void feeTokenTheOperatorDoesNotAccept_isRefusedNamingThoseItDoes() {
    fees.set(ethFee("1000000000000"));
    String token = "0x" + "aa".repeat(20);

    int exit = run("transfer", "--to", BOB.toHex(), "--amount", "1eth", "--fee-token", token);

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .contains("plasma: the operator does not accept fees in token " + token)
        .contains("it accepts: 0.000001 ETH (ETH, --fee-token " + Address.ZERO.toHex() + ")");
    assertThat(submitted).isEmpty();
  }

  @Test
  void balanceCoveringTheAmountButNotTheFee_isRefusedWithoutSubmitting() {
    fees.set(ethFee("1000000000000"));

    int exit = run("transfer", "--to", BOB.toHex(), "--amount", "1.3eth");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .contains("plasma: insufficient balance")
        .contains("has 1.3 ETH spendable, the transfer needs 1.300001 ETH (1.3 ETH plus a fee of");
    assertThat(submitted).isEmpty();
  }

  @Test
  void malformedFeesAnswer_isReportedWithoutSubmitting() {
    fees.set(Map.of("1", Map.of(Address.ZERO.toHex(), Map.of("amount", 5))));

    int exit = run("transfer", "--to", BOB.toHex(), "--amount", "1eth");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .contains("the operator's answer to plasma_getFees is malformed")
        .contains("\"amount\" must be a string");
    assertThat(submitted).isEmpty();
  }

  @Test
  void merge_joinsTheSpendableOutputsIntoOne_withoutAFee() {
    fees.set(ethFee("1000000000000"));

    int exit = run("merge");

    assertThat(exit).as(err.toString()).isZero();
    assertThat(submitted).hasSize(1);
    PaymentTransaction tx = TxCodec.decodeSigned(Hex.decode(submitted.getLast())).get().tx();
    assertThat(tx.inputs()).containsExactly(new UtxoPos(7, 0, 0), new UtxoPos(1000, 0, 1));
    assertThat(tx.outputs())
        .containsExactly(
            new Output(ALICE.address(), Address.ZERO, new BigInteger("1300000000000000000")));
    assertThat(out.toString()).contains("merged 2 outputs into 1 in 1 transaction (no fee");

    assertThat(run("merge", "--json")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("\"merged\" : [ ]");
    assertThat(submitted).hasSize(1);
  }

  @Test
  void mergeWithNothingToMerge_saysSoAndSendsNothing() {
    String token = "0x" + "aa".repeat(20);

    int exit = run("merge", "--token", token);

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("nothing to merge: " + ALICE.address() + " has 0 spendable outputs of token");
    assertThat(submitted).isEmpty();
  }

  private static Map<String, Object> ethFee(String wei) {
    return Map.of(
        "1",
        Map.of(
            Address.ZERO.toHex(),
            Map.of("amount", wei, "subunit_to_unit", "1000000000000000000", "symbol", "ETH")));
  }

  @Test
  void utxosAndBalance_showTheKeysAccount() {
    assertThat(run("utxos")).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("1000000001")
        .contains("0.8 ETH")
        .contains("7000000")
        .contains("1000000010           0.9 ETH (900000000000000000 wei)  (exiting)");
    assertThat(run("balance")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("1.3 ETH");
  }

  private int run(String... args) {
    Map<String, String> environment =
        Map.of("PLASMA_PRIVATE_KEY", Numeric.toHexString(ALICE.toArray()), "PLASMA_RPC", rpcUrl);
    CommandLine cli = new CommandLine(new PlasmaCli(environment, home));
    out.getBuffer().setLength(0);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    SecretsInOutput.assertNone(environment, out + err.toString());
    return exit;
  }

  private JsonRpcMethods methods() {
    return JsonRpcMethods.builder()
        .add(
            "plasma_status",
            params ->
                Map.of(
                    "height",
                    1000,
                    "lastCommittedBlock",
                    0,
                    "contract",
                    CONTRACT.toHex(),
                    "chainId",
                    CHAIN_ID,
                    "alarms",
                    List.copyOf(alarms)))
        .add(
            "plasma_getUtxos",
            params -> {
              assertThat(params.get(0).asText()).isEqualTo(ALICE.address().toHex());
              return Stream.of(
                      utxo(new UtxoPos(7, 0, 0), ALICE.address(), "500000000000000000", "unspent"),
                      utxo(
                          new UtxoPos(1000, 0, 1),
                          ALICE.address(),
                          "800000000000000000",
                          "unspent"),
                      utxo(
                          new UtxoPos(1000, 1, 0),
                          ALICE.address(),
                          "900000000000000000",
                          "exiting"))
                  .filter(utxo -> !spentBySubmitted().contains(utxo.get("utxoPos")))
                  .toList();
            })
        .add("plasma_getFees", params -> fees.get())
        .add(
            "plasma_getBalance",
            params ->
                List.of(Map.of("token", Address.ZERO.toHex(), "amount", "1300000000000000000")))
        .add(
            "plasma_submitTransaction",
            params -> {
              JsonRpcException rejected = rejection.get();
              if (rejected != null) {
                throw rejected;
              }
              String hex = params.get(0).asText();
              submitted.add(hex);
              SignedTransaction signed = TxCodec.decodeSigned(Hex.decode(hex)).get();
              return Map.of(
                  "txHash", Keccak.keccak256(TxCodec.encode(signed.tx())).toHex(),
                  "blknum", 2000,
                  "txIndex", 3);
            })
        .add(
            "plasma_getTransaction",
            params ->
                lookupsBeforeClosed.getAndDecrement() > 0
                    ? null
                    : transaction(Hash32.fromHex(params.get(0).asText())))
        .add(
            "plasma_getBlock",
            params ->
                new BlockResult(
                    params.get(0).asLong(),
                    Hash32.ZERO,
                    0,
                    4,
                    List.of(),
                    lookupsBeforeCommitted.getAndDecrement() > 0
                        ? new PendingCommit("pending")
                        : new Committed("committed", Hash32.fromHex(L1_TX))))
        .build();
  }

  /** The positions the accepted transactions spent: the operator no longer lists them. */
  private Set<String> spentBySubmitted() {
    return submitted.stream()
        .flatMap(hex -> TxCodec.decodeSigned(Hex.decode(hex)).get().tx().inputs().stream())
        .map(UtxoPos::toString)
        .collect(Collectors.toSet());
  }

  /** The last submitted transaction, closed as the 4th of block 2000. */
  private TransactionResult transaction(Hash32 txHash) {
    byte[] signed = Hex.decode(submitted.getLast());
    PaymentTransaction tx = TxCodec.decodeSigned(signed).get().tx();
    return new TransactionResult(
        txHash,
        2000,
        3,
        Hex.encode(TxCodec.encode(tx)),
        Hex.encode(signed),
        tx.inputs(),
        tx.outputs().stream()
            .map(o -> new OutputResult(o.owner(), o.token(), o.amount()))
            .toList());
  }

  private static Map<String, Object> utxo(
      UtxoPos pos, Address owner, String amount, String status) {
    return Map.of(
        "utxoPos", pos.toString(),
        "blknum", pos.blknum(),
        "txIndex", pos.txindex(),
        "oindex", pos.oindex(),
        "owner", owner.toHex(),
        "token", Address.ZERO.toHex(),
        "amount", amount,
        "status", status);
  }
}
