package io.plasmanode.node.cli;

import static io.plasmanode.node.testing.Payments.eth;
import static io.plasmanode.node.testing.Waits.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.inflight.InFlightExitState;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hex;
import io.plasmanode.node.testing.FakeOperator;
import io.plasmanode.node.testing.InFlightScenario;
import io.plasmanode.node.testing.Payments;
import io.plasmanode.node.testing.PlasmaNetwork;
import io.plasmanode.node.testing.Scenario;
import io.plasmanode.node.testing.WatcherView;
import io.plasmanode.node.watcher.WatcherNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * {@code plasma exit inflight challenge} (its competitor from the watcher), {@code
 * challenge-piggyback} and {@code delete}, in-process against a real anvil with the Plasma contract
 * and a real watcher (no challenger key: Dave's CLI plays its part) validating the blocks a fake
 * operator commits: each call changes L1 as the game says, and each refusal sends nothing.
 */
class InFlightChallengeCommandsIT {
  private static final PrivateKey OPERATOR = TestKeys.CAROL;
  private static final PrivateKey ALICE = TestKeys.ALICE;
  private static final PrivateKey BOB = TestKeys.BOB;
  private static final PrivateKey DAVE = TestKeys.DAVE;
  private static final Duration EXIT_PERIOD = PlasmaNetwork.SHORT_EXIT_PERIOD;
  private static final BigInteger ONE_ETH = AnvilChain.ether(1);

  @RegisterExtension
  final PlasmaNetwork net =
      PlasmaNetwork.builder().operator(OPERATOR).exitPeriod(EXIT_PERIOD).fund(TestKeys.ALL).build();

  private AnvilChain l1;
  private FakeOperator fake;
  private Scenario users;
  private InFlightScenario game;
  private WatcherNode watcher;
  private WatcherView view;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void start() {
    l1 = net.l1();
    fake = net.startFakeOperator();
    users = net.scenario();
    game = new InFlightScenario(users);
    watcher = net.startWatcher(fake.endpoint(), w -> w);
    view = net.view(watcher);
  }

  private void commit(long blknum, SignedTransaction... txs) {
    fake.commitAndServe(blknum, List.of(txs));
    await("block " + blknum + " validated", () -> watcher.status().syncedHeight() >= blknum);
  }

  /** Waits until the watcher tracks {@code count} in-flight exits. */
  private void awaitTracked(int count) {
    await(
        count + " in-flight exits tracked",
        () -> view.rpc().call("watcher_getInFlightExits").size() >= count);
  }

  @Test
  void challenge_withoutACompetitor_showsTheWatchersOldest() throws Exception {
    UtxoPos deposit = users.deposit(ALICE, ONE_ETH);
    commit(1000, users.transfer(ALICE, deposit, eth(BOB, ONE_ETH)));
    SignedTransaction doubleSpend = users.transfer(ALICE, deposit, eth(ALICE, ONE_ETH));
    String hash = Scenario.inFlightExitId(doubleSpend).toString();
    String tx = signedHex(doubleSpend);
    assertThat(run(DAVE, "exit", "inflight", "challenge", "--tx", tx)).isEqualTo(1);
    assertThat(err.toString()).contains("has no active in-flight exit on L1");
    users.startInFlightExit(ALICE, doubleSpend);
    awaitTracked(1);

    JsonNode challenged = json(DAVE, "exit", "inflight", "challenge", "--tx", tx);

    assertThat(challenged.get("exitId").asText()).isEqualTo(hash);
    assertThat(challenged.get("competitorPos").asText()).isEqualTo("1000000000");
    InFlightExitState state = game.exit(doubleSpend);
    assertThat(state.canonical()).isFalse();
    assertThat(state.bondOwner()).isEqualTo(DAVE.address());
    long nonce = l1.nonce(DAVE.address());
    assertThat(run(DAVE, "exit", "inflight", "challenge", "--tx", tx)).isEqualTo(1);
    assertThat(err.toString()).contains("CompetitorNotOlder", "the watcher knows no older one");
    assertThat(l1.nonce(DAVE.address())).isEqualTo(nonce);
  }

  @Test
  void challengePiggyback_ofASpentInputAndASpentOutput_removesThemAndWinsTheirBonds()
      throws Exception {
    UtxoPos alices = users.deposit(ALICE, ONE_ETH);
    UtxoPos bobs = users.deposit(BOB, ONE_ETH);
    UtxoPos alicesSecond = users.deposit(ALICE, ONE_ETH);
    SignedTransaction bobsOther = users.transfer(BOB, bobs, eth(ALICE, ONE_ETH));
    SignedTransaction toBob = users.transfer(ALICE, alicesSecond, eth(BOB, ONE_ETH));
    commit(1000, bobsOther, toBob);
    SignedTransaction both =
        users
            .payments()
            .sign(
                Payments.transfer(
                    List.of(alices, bobs), List.of(eth(ALICE, ONE_ETH.multiply(BigInteger.TWO)))),
                List.of(ALICE, BOB));
    users.startInFlightExit(ALICE, both);
    users.piggybackInput(ALICE, both, 0);
    users.piggybackInput(BOB, both, 1);
    users.startInFlightExit(BOB, toBob);
    users.piggybackOutput(BOB, toBob, 0);
    commit(2000, users.transfer(BOB, new UtxoPos(1000, 1, 0), eth(ALICE, ONE_ETH)));
    awaitTracked(2);
    String bothTx = signedHex(both);
    String toBobHash = Scenario.inFlightExitId(toBob).toString();
    long nonce = l1.nonce(DAVE.address());

    assertThat(challengePiggyback(bothTx, "--input", "0")).isEqualTo(1);
    assertThat(err.toString()).contains("nothing to challenge", "input_unspent");
    assertThat(challengePiggyback(bothTx, "--output", "0")).isEqualTo(1);
    assertThat(err.toString()).contains("output 0 is not piggybacked now", "NotPiggybacked");
    assertThat(challengePiggyback(bothTx, "--output", "1")).isEqualTo(1);
    assertThat(err.toString()).contains("has 1 output(s)", "SlotNotFound");
    assertThat(l1.nonce(DAVE.address())).isEqualTo(nonce);

    JsonNode input =
        json(DAVE, "exit", "inflight", "challenge-piggyback", "--tx", bothTx, "--input", "1");
    assertThat(input.get("spendingTxHash").asText()).isEqualTo(hashOf(bobsOther));
    assertThat(game.exit(both).inputPiggybacked(1)).isFalse();
    assertThat(game.exit(both).inputPiggybacked(0)).as("Alice's honest input stays").isTrue();

    JsonNode output =
        json(
            DAVE,
            "exit",
            "inflight",
            "challenge-piggyback",
            "--tx",
            hashOf(toBob),
            "--output",
            "0");
    assertThat(output.get("exitId").asText()).isEqualTo(toBobHash);
    assertThat(game.exit(toBob).outputPiggybacked(0)).isFalse();
    assertThat(game.callsBy(DAVE.address()))
        .hasSize(2)
        .hasAtLeastOneElementOfType(L1Event.InFlightExitInputBlocked.class)
        .hasAtLeastOneElementOfType(L1Event.InFlightExitOutputBlocked.class);
    assertThat(challengePiggyback(hashOf(toBob), "--output", "0")).isEqualTo(1);
    assertThat(err.toString()).contains("not piggybacked now");
  }

  @Test
  void delete_onlyAnExitNobodyPiggybacked_onlyAfterPhaseOne() throws Exception {
    UtxoPos deposit = users.deposit(ALICE, ONE_ETH);
    UtxoPos other = users.deposit(ALICE, ONE_ETH);
    SignedTransaction lonely = users.transfer(ALICE, deposit, eth(BOB, ONE_ETH));
    SignedTransaction piggybacked = users.transfer(ALICE, other, eth(BOB, ONE_ETH));
    String tx = signedHex(lonely);
    assertThat(run(DAVE, "exit", "inflight", "delete", "--tx", tx)).isEqualTo(1);
    assertThat(err.toString()).contains("has no in-flight exit on L1: nothing to delete");
    users.startInFlightExit(ALICE, lonely);
    users.startInFlightExit(ALICE, piggybacked);
    users.piggybackOutput(BOB, piggybacked, 0);
    long nonce = l1.nonce(DAVE.address());

    assertThat(run(DAVE, "exit", "inflight", "delete", "--tx", tx)).isEqualTo(1);
    assertThat(err.toString()).contains("phase 1 of the exit ends", "PhaseOneNotOver");
    l1.advanceTime(EXIT_PERIOD.dividedBy(2).plusSeconds(1));
    assertThat(run(DAVE, "exit", "inflight", "delete", "--tx", signedHex(piggybacked)))
        .isEqualTo(1);
    assertThat(err.toString()).contains("has (or had) a piggyback", "HasPiggybacks");
    assertThat(l1.nonce(DAVE.address())).isEqualTo(nonce);
    BigInteger alicesBefore = l1.balance(ALICE.address());

    JsonNode deleted = json(DAVE, "exit", "inflight", "delete", "--tx", hashOf(lonely));

    assertThat(deleted.get("bondOwner").asText()).isEqualTo(ALICE.address().toHex());
    assertThat(game.exit(lonely).isActive()).isFalse();
    assertThat(l1.balance(ALICE.address()))
        .isEqualTo(alicesBefore.add(new BigInteger(deleted.get("bond").asText())));
    assertThat(game.events()).hasAtLeastOneElementOfType(L1Event.InFlightExitDeleted.class);
    assertThat(run(DAVE, "exit", "inflight", "delete", "--tx", tx)).isEqualTo(1);
    assertThat(err.toString()).contains("processed or deleted already");
  }

  private int challengePiggyback(String tx, String slot, String index) {
    return run(DAVE, "exit", "inflight", "challenge-piggyback", "--tx", tx, slot, index);
  }

  private static String signedHex(SignedTransaction tx) {
    return Hex.encode(TxCodec.encodeSigned(tx));
  }

  private static String hashOf(SignedTransaction tx) {
    return Keccak.keccak256(TxCodec.encode(tx.tx())).toHex();
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
            "PLASMA_WATCHER", "http://127.0.0.1:" + watcher.rpcPort());
    CommandLine cli = new CommandLine(new PlasmaCli(environment, net.dir()));
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    SecretsInOutput.assertNone(environment, out + err.toString());
    return exit;
  }
}
