package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.inflight.InFlightExitState;
import io.plasmanode.core.merkle.MerkleTree;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.types.Hex;
import io.plasmanode.node.testing.Payments;
import io.plasmanode.node.testing.PlasmaNetwork;
import io.plasmanode.node.testing.Scenario;
import io.plasmanode.node.wallet.OperatorAnswer;
import io.plasmanode.node.wallet.SentTransactionStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * {@code plasma exit inflight start}, {@code exit piggyback}, {@code exit inflight respond} and the
 * in-flight part of {@code exit list}, in-process against a real anvil with the Plasma contract and
 * a stand-in watcher: Alice's transaction that no operator included is exited in flight from her
 * wallet's record (a deposit input rebuilt from L1, a child-block input from the watcher), Bob
 * piggybacks the output she paid him knowing only its hash, both are paid; and every refusal.
 */
class InFlightExitCommandsIT {
  private static final PrivateKey OPERATOR = TestKeys.CAROL;
  private static final PrivateKey ALICE = TestKeys.ALICE;
  private static final PrivateKey BOB = TestKeys.BOB;
  private static final PrivateKey DAVE = TestKeys.DAVE;
  private static final Duration EXIT_PERIOD = Duration.ofDays(7);
  private static final BigInteger ONE_ETH = AnvilChain.ether(1);

  @RegisterExtension
  final PlasmaNetwork net =
      PlasmaNetwork.builder().operator(OPERATOR).exitPeriod(EXIT_PERIOD).fund(TestKeys.ALL).build();

  private Path home;
  private AnvilChain l1;
  private Scenario users;
  private ExitTestWatcher watcher;
  private Eip712Domain domain;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void start() {
    home = net.dir();
    l1 = net.l1();
    users = net.scenario();
    watcher = net.closeLater(new ExitTestWatcher());
    domain = new Eip712Domain(l1.contract(), l1.client().chainId());
  }

  /**
   * Alice's in-flight transaction: a deposit of 1 ETH and her 2 ETH output of block 1000 pay Bob
   * 2.5 ETH and her 0.5 ETH; recorded in her wallet as sent without an answer.
   */
  private SignedTransaction alicesInFlightTx() {
    UtxoPos deposit = users.deposit(ALICE, ONE_ETH);
    UtxoPos second = users.deposit(ALICE, ONE_ETH.multiply(BigInteger.TWO));
    SignedTransaction first =
        users.transfer(ALICE, second, Payments.eth(ALICE, ONE_ETH.multiply(BigInteger.TWO)));
    UtxoPos childInput = new UtxoPos(1000, 0, 0);
    commitBlock(List.of(first), childInput);
    SignedTransaction inFlight =
        users.transfer(
            ALICE,
            List.of(deposit, childInput),
            Payments.eth(BOB, ONE_ETH.multiply(BigInteger.TWO).add(half())),
            Payments.eth(ALICE, half()));
    record(inFlight, Optional.empty());
    return inFlight;
  }

  private static BigInteger half() {
    return ONE_ETH.divide(BigInteger.TWO);
  }

  /** The operator commits a block of {@code txs}; the watcher serves {@code served}'s data. */
  private void commitBlock(List<SignedTransaction> txs, UtxoPos served) {
    List<byte[]> block = txs.stream().map(tx -> TxCodec.encode(tx.tx())).toList();
    l1.as(OPERATOR).submitBlock(MerkleTree.of(block).root());
    watcher.addExitData(served, block);
  }

  private void record(SignedTransaction tx, Optional<UtxoPos> acceptedAt) {
    SentTransactionStore store = SentTransactionStore.in(home);
    store.recordSigned(tx, ALICE.address(), domain, Instant.now(), false);
    store.recordAnswer(
        hash(tx),
        acceptedAt
            .<OperatorAnswer>map(
                pos -> new OperatorAnswer.Accepted(pos.blknum(), pos.txindex(), Instant.now()))
            .orElse(new OperatorAnswer.NoAnswer("timeout", Instant.now())));
  }

  private static Hash32 hash(SignedTransaction tx) {
    return Keccak.keccak256(TxCodec.encode(tx.tx()));
  }

  @Test
  void startPiggybackListProcess_paysTheOutputsToTheirOwners() throws Exception {
    SignedTransaction tx = alicesInFlightTx();
    String hash = hash(tx).toHex();
    InFlightExitId exitId = InFlightExitId.ofTxHash(hash(tx));
    BigInteger bond = l1.as(DAVE).inFlightExitBond();

    JsonNode started = json(ALICE, "exit", "inflight", "start", "--tx", hash.substring(0, 12));

    assertThat(started.get("exitId").asText()).isEqualTo(exitId.toString());
    assertThat(started.get("bond").asText()).isEqualTo(bond.toString());
    assertThat(started.get("actions").toString())
        .contains("--input 0", "--input 1", "--output 1")
        .doesNotContain("--output 0");
    InFlightExitState state = l1.as(DAVE).inFlightExit(exitId).orElseThrow();
    assertThat(state.isActive()).isTrue();
    assertThat(state.inputs())
        .extracting(InFlightExitState.Input::utxoPos)
        .containsExactlyElementsOf(tx.tx().inputs());

    JsonNode bobs = json(BOB, "exit", "piggyback", "--tx", hash, "--output", "0");
    assertThat(bobs.get("amount").asText())
        .isEqualTo(ONE_ETH.multiply(BigInteger.TWO).add(half()).toString());
    json(ALICE, "exit", "piggyback", "--tx", hash, "--output", "1");
    assertThat(l1.as(DAVE).inFlightExit(exitId).orElseThrow().outputPiggybacked(0)).isTrue();

    JsonNode listed = json(ALICE, "exit", "list", "--mine");
    JsonNode row = listed.get(listed.size() - 1);
    assertThat(row.get("kind").asText()).isEqualTo("inflight");
    assertThat(row.get("status").asText()).isEqualTo("active");
    assertThat(row.get("piggybacked").toString()).contains("output 0", "output 1");
    assertThat(row.get("inPhaseOne").asBoolean()).isTrue();
    assertThat(row.get("actions").toString()).contains("piggyback input 0");
    assertThat(run(ALICE, "exit", "list", "--mine")).isZero();
    assertThat(out.toString()).contains("in flight " + exitId, "phase 1 (piggybacks) until");

    l1.advanceTime(EXIT_PERIOD.multipliedBy(2).plusSeconds(1));
    BigInteger bobBefore = l1.balance(BOB.address());
    JsonNode processed = json(DAVE, "exit", "process", "--token", "ETH");
    assertThat(processed.get("inFlight").toString())
        .contains(exitId.toString(), "\"canonical\":true", "output 0", "output 1");
    assertThat(processed.get("processed").asInt()).as("the in-flight exit counts").isEqualTo(1);
    assertThat(processed.get("paid").asInt()).as("it paid two piggybacks").isEqualTo(1);
    BigInteger piggybackBond = new BigInteger(bobs.get("bond").asText());
    assertThat(l1.balance(BOB.address()))
        .isEqualTo(bobBefore.add(ONE_ETH.multiply(BigInteger.TWO).add(half())).add(piggybackBond));
    assertListedFinalized_withWhatWasPiggybackedAndPaid(exitId);
  }

  /** After its finalization, the contract forgets the piggybacks; the list shows L1's events. */
  private void assertListedFinalized_withWhatWasPiggybackedAndPaid(InFlightExitId exitId)
      throws Exception {
    JsonNode listed = json(ALICE, "exit", "list", "--mine");
    JsonNode row = listed.get(listed.size() - 1);
    assertThat(row.get("status").asText()).isEqualTo("finalized");
    assertThat(row.get("piggybacked").toString()).isEqualTo("[\"output 0\",\"output 1\"]");
    assertThat(row.get("paid").toString()).isEqualTo("[\"output 0\",\"output 1\"]");
    out.getBuffer().setLength(0);
    assertThat(run(ALICE, "exit", "list", "--mine")).isZero();
    assertThat(out.toString())
        .contains(
            "in flight " + exitId,
            "piggybacked output 0, output 1; paid output 0 (2.5 ETH to " + BOB.address() + ")",
            ", output 1 (0.5 ETH to " + ALICE.address() + ")");
  }

  @Test
  void start_refusesWhatTheContractWouldRefuse() throws Exception {
    SignedTransaction tx = alicesInFlightTx();
    long nonce = l1.nonce(ALICE.address());

    assertThat(run(ALICE, "exit", "inflight", "start", "--tx", "nothex")).isEqualTo(1);
    assertThat(err.toString()).contains("is neither a transaction hash");
    assertThat(run(ALICE, "exit", "inflight", "start", "--tx", "0x" + "ab".repeat(32)))
        .isEqualTo(1);
    assertThat(err.toString()).contains("no transaction 0x" + "ab".repeat(32) + " in the wallet");
    assertThat(run(ALICE, "exit", "inflight", "start", "--tx", "0x" + "ab".repeat(40)))
        .isEqualTo(1);
    assertThat(err.toString()).contains("--tx is not a signed transaction");

    SignedTransaction deposit =
        new SignedTransaction(PaymentTransaction.deposit(Payments.eth(ALICE, 5)), List.of());
    assertThat(start(ALICE, deposit)).isEqualTo(1);
    assertThat(err.toString()).contains("DepositCannotExitInFlight");

    UtxoPos withheld = new UtxoPos(2000, 0, 0);
    l1.as(OPERATOR).submitBlock(Hash32.fromHex("0x" + "11".repeat(32)));
    assertThat(start(ALICE, spend(ALICE, withheld))).isEqualTo(1);
    assertThat(err.toString())
        .contains("block 2000 is committed on L1, but the watcher", "withholding");
    assertThat(start(ALICE, spend(ALICE, new UtxoPos(9000, 0, 0)))).isEqualTo(1);
    assertThat(err.toString()).contains("block 9000 is not committed on L1");
    assertThat(start(ALICE, spend(ALICE, new UtxoPos(77, 0, 0)))).isEqualTo(1);
    assertThat(err.toString()).contains("input 0 (77000000) is no deposit");

    SignedTransaction otherChain =
        Payments.of(new Eip712Domain(l1.contract(), 1))
            .transfer(ALICE, tx.tx().inputs(), tx.tx().outputs().toArray(Output[]::new));
    assertThat(start(ALICE, otherChain)).isEqualTo(1);
    assertThat(err.toString()).contains("WitnessNotInputOwner", "another contract or chain");
    SignedTransaction tooMuch =
        users.transfer(
            ALICE, tx.tx().inputs(), Payments.eth(BOB, ONE_ETH.multiply(BigInteger.TEN)));
    assertThat(start(ALICE, tooMuch)).isEqualTo(1);
    assertThat(err.toString()).contains("OutputsExceedInputs");
    assertThat(l1.nonce(ALICE.address())).isEqualTo(nonce);

    assertThat(start(ALICE, tx)).as(err.toString()).isZero();
    assertThat(start(ALICE, tx)).isEqualTo(1);
    assertThat(err.toString()).contains("was started already");
  }

  @Test
  void piggyback_refusesWhatTheContractWouldRefuse() throws Exception {
    SignedTransaction tx = alicesInFlightTx();
    String hash = hash(tx).toHex();

    assertThat(run(BOB, "exit", "piggyback", "--tx", hash, "--output", "0")).isEqualTo(1);
    assertThat(err.toString()).contains("has no in-flight exit on L1", "exit inflight start");
    json(ALICE, "exit", "inflight", "start", "--tx", hash);
    assertThat(run(BOB, "exit", "piggyback", "--tx", hash)).isEqualTo(2);
    assertThat(run(BOB, "exit", "piggyback", "--tx", hash, "--input", "0", "--output", "0"))
        .isEqualTo(2);
    long nonce = l1.nonce(BOB.address());

    assertThat(run(BOB, "exit", "piggyback", "--tx", hash, "--output", "1")).isEqualTo(1);
    assertThat(err.toString()).contains("output 1 belongs to " + ALICE.address(), "NotSlotOwner");
    assertThat(run(BOB, "exit", "piggyback", "--tx", hash, "--input", "0")).isEqualTo(1);
    assertThat(err.toString()).contains("input 0 belongs to " + ALICE.address());
    assertThat(run(BOB, "exit", "piggyback", "--tx", hash, "--output", "2")).isEqualTo(1);
    assertThat(err.toString()).contains("has 2 output(s)", "SlotNotFound");
    assertThat(l1.nonce(BOB.address())).isEqualTo(nonce);

    json(BOB, "exit", "piggyback", "--tx", hash, "--output", "0");
    assertThat(run(BOB, "exit", "piggyback", "--tx", hash, "--output", "0")).isEqualTo(1);
    assertThat(err.toString()).contains("output 0 is piggybacked already");

    l1.advanceTime(EXIT_PERIOD.dividedBy(2).plusSeconds(1));
    assertThat(run(ALICE, "exit", "piggyback", "--tx", hash, "--output", "1")).isEqualTo(1);
    assertThat(err.toString()).contains("phase 1 of the exit ended", "PhaseOneOver");
  }

  @Test
  void respond_provesAChallengedTransactionIncludedAndWinsTheBond() throws Exception {
    UtxoPos deposit = users.deposit(ALICE, ONE_ETH);
    SignedTransaction tx = users.transfer(ALICE, deposit, Payments.eth(BOB, ONE_ETH));
    UtxoPos txPos = new UtxoPos(1000, 0, 0);
    commitBlock(List.of(tx), txPos);
    record(tx, Optional.of(txPos));
    String hash = hash(tx).toHex();
    json(ALICE, "exit", "inflight", "start", "--tx", hash);
    assertThat(run(ALICE, "exit", "inflight", "respond", "--tx", hash)).isEqualTo(1);
    assertThat(err.toString()).contains("canonical: there is no challenge", "NotChallenged");
    SignedTransaction competitor = users.transfer(ALICE, deposit, Payments.eth(DAVE, ONE_ETH));
    long daveNonce = l1.nonce(DAVE.address());
    assertThat(challenge(hash, tx)).isEqualTo(1);
    assertThat(err.toString()).contains("the exit's own transaction (SameTx)");
    assertThat(challenge(hash, spend(ALICE, users.deposit(ALICE, ONE_ETH)))).isEqualTo(1);
    assertThat(err.toString()).contains("spends none of the exit's inputs");
    assertThat(challenge(hash, spend(DAVE, deposit))).isEqualTo(1);
    assertThat(err.toString()).contains("is not from " + ALICE.address(), "would refuse it");
    assertThat(l1.nonce(DAVE.address())).isEqualTo(daveNonce);

    assertThat(challenge(hash, competitor)).as(err.toString()).isZero();
    assertThat(out.toString()).contains("competitor " + hash(competitor), "in flight");
    assertThat(challenge(hash, users.transfer(ALICE, deposit, Payments.eth(DAVE, half()))))
        .isEqualTo(1);
    assertThat(err.toString()).contains("CompetitorNotOlder");
    InFlightExitId exitId = InFlightExitId.ofTxHash(hash(tx));
    assertThat(l1.as(DAVE).inFlightExit(exitId).orElseThrow().canonical()).isFalse();
    assertThat(json(ALICE, "exit", "list", "--mine").get(0).get("status").asText())
        .isEqualTo("challenged");

    assertThat(run(ALICE, "exit", "inflight", "respond", "--tx", hash, "--tx-pos", "1000000001"))
        .isEqualTo(2);
    assertThat(run(ALICE, "exit", "inflight", "respond", "--tx", hash, "--tx-pos", "1000000010"))
        .isEqualTo(1);
    assertThat(err.toString()).contains("plasma: the watcher at", "knows no such output");

    JsonNode responded = json(ALICE, "exit", "inflight", "respond", "--tx", hash);

    assertThat(responded.get("txPos").asText()).isEqualTo(txPos.toString());
    InFlightExitState state = l1.as(DAVE).inFlightExit(exitId).orElseThrow();
    assertThat(state.canonical()).isTrue();
    assertThat(state.bondOwner()).isEqualTo(ALICE.address());
    l1.advanceTime(EXIT_PERIOD.dividedBy(2).plusSeconds(1));
    assertThat(challenge(hash, competitor)).isEqualTo(1);
    assertThat(err.toString()).contains("canonicity challenges are accepted only", "PhaseOneOver");
  }

  @Test
  void standardExitOfAnOutputASentTransactionSpends_isRefusedUnlessForced() throws Exception {
    SignedTransaction tx = alicesInFlightTx();
    UtxoPos deposit = tx.tx().inputs().getFirst();
    watcher.addExitData(deposit, List.of(Payments.depositTx(Payments.eth(ALICE, ONE_ETH))));
    long nonce = l1.nonce(ALICE.address());

    assertThat(run(ALICE, "exit", "start", "--utxo", deposit.toString())).isEqualTo(1);

    String hash = hash(tx).toHex();
    assertThat(err.toString())
        .contains("your wallet sent transaction " + hash, "spends output " + deposit)
        .contains("plasma exit inflight start --tx " + hash)
        .contains("plasma exit piggyback --tx " + hash + " --input 0", "not started");
    assertThat(l1.nonce(ALICE.address())).isEqualTo(nonce);
    err.getBuffer().setLength(0);
    assertThat(
            json(ALICE, "exit", "start", "--utxo", deposit.toString(), "--force")
                .get("exitId")
                .asText())
        .isEqualTo(deposit.toString());
    assertThat(err.toString()).contains("STARTING THE EXIT ANYWAY (--force)");
  }

  /** Dave challenges the exit of {@code hash} with {@code competitor}'s signed bytes. */
  private int challenge(String hash, SignedTransaction competitor) {
    err.getBuffer().setLength(0);
    return run(
        DAVE,
        "exit",
        "inflight",
        "challenge",
        "--tx",
        hash,
        "--competitor",
        Hex.encode(TxCodec.encodeSigned(competitor)));
  }

  /** Alice signs the spend of {@code input} (hers or not) to Bob. */
  private SignedTransaction spend(PrivateKey signer, UtxoPos input) {
    return users.transfer(signer, input, Payments.eth(BOB, 1));
  }

  private int start(PrivateKey key, SignedTransaction tx) {
    err.getBuffer().setLength(0);
    return run(key, "exit", "inflight", "start", "--tx", Hex.encode(TxCodec.encodeSigned(tx)));
  }

  private JsonNode json(PrivateKey key, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--json");
    int exit = run(key, all.toArray(String[]::new));
    assertThat(exit).as(err.toString()).isZero();
    return CliCommand.JSON.readTree(out.toString());
  }

  private int run(PrivateKey key, String... args) {
    Map<String, String> environment =
        Map.of(
            "PLASMA_PRIVATE_KEY", Hex.encode(key.toArray()),
            "PLASMA_L1", l1.rpcUrl(),
            "PLASMA_CONTRACT", l1.contract().toHex(),
            "PLASMA_WATCHER", watcher.endpoint().toString(),
            "PLASMA_RPC", watcher.endpoint().toString());
    CommandLine cli = new CommandLine(new PlasmaCli(environment, home));
    out.getBuffer().setLength(0);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    SecretsInOutput.assertNone(environment, out + err.toString());
    return exit;
  }
}
