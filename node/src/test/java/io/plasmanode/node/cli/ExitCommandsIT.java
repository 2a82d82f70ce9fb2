package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.l1.ExitState;
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
import io.plasmanode.node.testing.Payments;
import io.plasmanode.node.testing.PlasmaNetwork;
import io.plasmanode.node.testing.Scenario;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * {@code plasma exit} in-process against a real anvil with the Plasma contract and a stand-in
 * watcher: deposit -> exit start -> list -> process (exact L1 balances) -> list; a challenge of the
 * exit of a spent output; and the refusals people meet (someone else's output, an exit started
 * twice, nothing matured).
 */
class ExitCommandsIT {
  private static final PrivateKey OPERATOR = TestKeys.CAROL;
  private static final PrivateKey ALICE = TestKeys.ALICE;
  private static final PrivateKey BOB = TestKeys.BOB;
  private static final PrivateKey DAVE = TestKeys.DAVE;
  private static final Address CAROL = TestKeys.CAROL.address();
  private static final Duration EXIT_PERIOD = Duration.ofDays(7);
  private static final BigInteger BOND = AnvilChain.ether(1).divide(BigInteger.TEN);
  private static final BigInteger ONE_ETH = AnvilChain.ether(1);

  @RegisterExtension
  final PlasmaNetwork net =
      PlasmaNetwork.builder().operator(OPERATOR).exitPeriod(EXIT_PERIOD).fund(TestKeys.ALL).build();

  private Path home;
  private AnvilChain l1;
  private Scenario users;
  private ExitTestWatcher watcher;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void start() {
    home = net.dir();
    l1 = net.l1();
    users = net.scenario();
    watcher = net.closeLater(new ExitTestWatcher());
  }

  @Test
  void depositExitListProcess_paysAmountPlusBondAndListsTheExitAsFinalized() throws Exception {
    UtxoPos deposit = deposit(ALICE, ONE_ETH);
    BigInteger aliceBefore = l1.balance(ALICE.address());

    JsonNode started = json(ALICE, "exit", "start", "--utxo", deposit.toString());
    Hash32 startTx = Hash32.fromHex(started.get("l1TxHash").asText());
    assertThat(started.get("exitId").asText()).isEqualTo("1000000");
    assertThat(started.get("bond").asText()).isEqualTo(BOND.toString());
    ExitState onL1 = l1.as(DAVE).exit(deposit);
    assertThat(onL1.status()).isEqualTo(ExitState.Status.ACTIVE);
    assertThat(started.get("exitableAt").asLong()).isEqualTo(onL1.exitableAt().getEpochSecond());
    assertThat(l1.balance(ALICE.address()))
        .isEqualTo(aliceBefore.subtract(BOND).subtract(l1.fee(startTx)));

    JsonNode listed = json(DAVE, "exit", "list", "--owner", ALICE.address().toHex());
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).get("status").asText()).isEqualTo("active");
    assertThat(listed.get(0).get("amount").asText()).isEqualTo(ONE_ETH.toString());
    assertThat(listed.get(0).get("processable").asBoolean()).isFalse();

    l1.advanceTime(EXIT_PERIOD.plusSeconds(1));
    BigInteger aliceAfterStart = l1.balance(ALICE.address());
    BigInteger daveBefore = l1.balance(DAVE.address());
    JsonNode processed = json(DAVE, "exit", "process", "--token", "ETH");
    Hash32 processTx = Hash32.fromHex(processed.get("l1TxHash").asText());
    assertThat(processed.get("processed").asInt()).isEqualTo(1);
    assertThat(processed.get("paid").asInt()).isEqualTo(1);
    assertThat(l1.balance(ALICE.address())).isEqualTo(aliceAfterStart.add(ONE_ETH).add(BOND));
    assertThat(l1.balance(DAVE.address())).isEqualTo(daveBefore.subtract(l1.fee(processTx)));

    JsonNode after = json(DAVE, "exit", "list", "--mine");
    assertThat(after).isEmpty();
    JsonNode all = json(ALICE, "exit", "list", "--mine");
    assertThat(all.get(0).get("status").asText()).isEqualTo("finalized");
  }

  @Test
  void exitStartAndProcess_printPlainWords() {
    UtxoPos deposit = deposit(ALICE, ONE_ETH);
    assertThat(run(ALICE, "exit", "start", "--utxo", deposit.toString()))
        .as(err.toString())
        .isZero();
    assertThat(out.toString())
        .containsPattern(
            "exit 1000000 started; it can be processed after \\d{4}-\\d\\d-\\d\\d"
                + " \\d\\d:\\d\\d:\\d\\d UTC \\(in 7 days\\)")
        .contains("amount: 1 ETH (1000000000000000000 wei)", "bond:   0.1 ETH");

    out.getBuffer().setLength(0);
    assertThat(run(DAVE, "exit", "list")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("  1000000  ", "active", "can be processed after");

    out.getBuffer().setLength(0);
    assertThat(run(DAVE, "exit", "process", "--token", "eth")).as(err.toString()).isZero();
    assertThat(out.toString())
        .startsWith("nothing to process yet: the next exit in the ETH exit queue, 1000000,")
        .contains("(in 7 days)");

    l1.advanceTime(EXIT_PERIOD);
    out.getBuffer().setLength(0);
    assertThat(run(DAVE, "exit", "process", "--token", "ETH")).as(err.toString()).isZero();
    assertThat(out.toString())
        .startsWith("processed 1 exit of the ETH queue: 1 paid, 0 not paid")
        .contains("  1000000  ", "paid 1 ETH", "bond 0.1 ETH", ALICE.address().toHex());
  }

  @Test
  void exitOfASpentOutput_isChallengedAndTheChallengerWinsTheBond() throws Exception {
    UtxoPos bobsDeposit = deposit(BOB, ONE_ETH);
    PaymentTransaction spend =
        PaymentTransaction.transfer(
            List.of(bobsDeposit), List.of(new Output(CAROL, Address.ZERO, ONE_ETH)));
    SignedTransaction signed = users.payments().sign(spend, List.of(BOB));
    List<byte[]> block = List.of(TxCodec.encode(spend));
    l1.as(OPERATOR).submitBlock(MerkleTree.of(block).root());
    watcher.addChallengeData(bobsDeposit, signed, 0);
    watcher.addExitData(new UtxoPos(1000, 0, 0), block);

    assertThat(run(BOB, "exit", "start", "--utxo", bobsDeposit.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("saw output " + bobsDeposit + " spent", "not started");
    err.getBuffer().setLength(0);
    JsonNode bobsExit = json(BOB, "exit", "start", "--utxo", bobsDeposit.toString(), "--force");
    assertThat(bobsExit.get("exitId").asText()).isEqualTo(bobsDeposit.toString());
    assertThat(err.toString()).contains("STARTING THE EXIT ANYWAY (--force)");

    BigInteger daveBefore = l1.balance(DAVE.address());
    JsonNode challenged = json(DAVE, "exit", "challenge", "--exit-id", bobsDeposit.toString());
    Hash32 challengeTx = Hash32.fromHex(challenged.get("l1TxHash").asText());
    assertThat(challenged.get("bondPaid").asBoolean()).isTrue();
    assertThat(l1.balance(DAVE.address()))
        .isEqualTo(daveBefore.add(BOND).subtract(l1.fee(challengeTx)));
    assertThat(l1.as(DAVE).exit(bobsDeposit).status()).isEqualTo(ExitState.Status.CHALLENGED);

    out.getBuffer().setLength(0);
    assertThat(run(DAVE, "exit", "challenge", "--exit-id", bobsDeposit.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("plasma: exit 1000000 was already challenged");

    JsonNode carolsExit = json(TestKeys.CAROL, "exit", "start", "--utxo", "1000000000");
    assertThat(carolsExit.get("amount").asText()).isEqualTo(ONE_ETH.toString());
    err.getBuffer().setLength(0);
    assertThat(run(DAVE, "exit", "challenge", "--exit-id", "1000000000")).isEqualTo(1);
    assertThat(err.toString()).contains("plasma: nothing to challenge: the watcher at");
  }

  @Test
  void exitStart_ofAnOutputAWatcherSawSpentByAForgedSpend_goesOnWithAWarning() throws Exception {
    UtxoPos alicesDeposit = deposit(ALICE, ONE_ETH);
    PaymentTransaction spend =
        PaymentTransaction.transfer(
            List.of(alicesDeposit), List.of(new Output(CAROL, Address.ZERO, ONE_ETH)));
    // Signed by the operator, not by Alice: what a byzantine operator commits to scare her away.
    SignedTransaction forged = users.payments().sign(spend, List.of(OPERATOR));
    watcher.addChallengeData(alicesDeposit, forged, 0);

    JsonNode started = json(ALICE, "exit", "start", "--utxo", alicesDeposit.toString());

    assertThat(started.get("exitId").asText()).isEqualTo(alicesDeposit.toString());
    assertThat(err.toString())
        .contains("warning: the watcher at", "its owner did not sign", "ignoring it")
        .doesNotContain("not started");
    assertThat(l1.as(ALICE).exit(alicesDeposit).status()).isEqualTo(ExitState.Status.ACTIVE);
  }

  @Test
  void refusals_areReportedInPlainWordsWithExitCode1() {
    UtxoPos bobsDeposit = deposit(BOB, ONE_ETH);
    long aliceNonce = l1.nonce(ALICE.address());

    assertThat(run(ALICE, "exit", "start", "--utxo", bobsDeposit.toString())).isEqualTo(1);
    assertThat(err.toString())
        .contains("plasma: NotOutputOwner: the output belongs to " + BOB.address().toHex())
        .doesNotContain("Exception");
    assertThat(l1.nonce(ALICE.address())).isEqualTo(aliceNonce);

    assertThat(run(BOB, "exit", "start", "--utxo", bobsDeposit.toString(), "--from", "operator"))
        .as(err.toString())
        .isZero();
    err.getBuffer().setLength(0);
    assertThat(run(BOB, "exit", "start", "--utxo", bobsDeposit.toString())).isEqualTo(1);
    assertThat(err.toString())
        .contains(
            "plasma: the contract refused: ExitAlreadyStarted (the output is already exiting");

    err.getBuffer().setLength(0);
    assertThat(run(BOB, "exit", "start", "--utxo", "7000000")).isEqualTo(1);
    assertThat(err.toString()).contains("plasma: the watcher at", "knows no such output");
  }

  @Test
  void processWithAnEmptyQueueAndWithdrawWithoutCredit_sayNothingToDo() {
    assertThat(run(DAVE, "exit", "process", "--token", "ETH")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("nothing to process: the ETH exit queue is empty");
    out.getBuffer().setLength(0);
    assertThat(run(DAVE, "exit", "withdraw")).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("nothing to withdraw: no ETH is credited to " + DAVE.address().toHex());
  }

  /**
   * A byzantine operator's block pays Alice 1000 ETH no deposit backs. Her exit of it is neither
   * paid nor credited (only her bond comes back), so it is no claim on ETH deposited later: Bob
   * deposits 1 ETH after her exit matured, she has nothing to withdraw, and Bob's exit pays him in
   * full.
   */
  @Test
  void unbackedExit_isNotCredited_andCannotTakeALaterDeposit() throws Exception {
    BigInteger unbacked = AnvilChain.ether(1000);
    PaymentTransaction mint =
        PaymentTransaction.transfer(
            List.of(new UtxoPos(7, 0, 0)),
            List.of(new Output(ALICE.address(), Address.ZERO, unbacked)));
    List<byte[]> block = List.of(TxCodec.encode(mint));
    l1.as(OPERATOR).submitBlock(MerkleTree.of(block).root());
    UtxoPos minted = new UtxoPos(1000, 0, 0);
    watcher.addExitData(minted, block);
    json(ALICE, "exit", "start", "--utxo", minted.toString());
    l1.advanceTime(EXIT_PERIOD.multipliedBy(2).plusSeconds(1));
    BigInteger aliceBefore = l1.balance(ALICE.address());
    JsonNode processed = json(DAVE, "exit", "process", "--token", "ETH");
    assertThat(processed.get("paid").asInt()).isZero();
    assertThat(processed.get("notPaid").asInt()).isEqualTo(1);
    assertThat(l1.balance(ALICE.address())).isEqualTo(aliceBefore.add(BOND));
    assertThat(l1.as(ALICE).withdrawable(ALICE.address(), Address.ZERO)).isZero();

    UtxoPos bobsDeposit = deposit(BOB, ONE_ETH);
    assertThat(run(ALICE, "exit", "withdraw")).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("nothing to withdraw: no ETH is credited to " + ALICE.address().toHex());
    json(BOB, "exit", "start", "--utxo", bobsDeposit.toString());
    l1.advanceTime(EXIT_PERIOD.plusSeconds(1));
    BigInteger bobBefore = l1.balance(BOB.address());
    assertThat(json(DAVE, "exit", "process", "--token", "ETH").get("paid").asInt()).isEqualTo(1);
    assertThat(l1.balance(BOB.address())).isEqualTo(bobBefore.add(ONE_ETH).add(BOND));
  }

  /** {@code owner} deposits {@code amount}; the stand-in watcher serves its exit data. */
  private UtxoPos deposit(PrivateKey owner, BigInteger amount) {
    UtxoPos position = users.deposit(owner, amount);
    watcher.addExitData(position, List.of(Payments.depositTx(Payments.eth(owner, amount))));
    return position;
  }

  private JsonNode json(PrivateKey key, String... args) throws Exception {
    out.getBuffer().setLength(0);
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
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    SecretsInOutput.assertNone(environment, out + err.toString());
    return exit;
  }
}
