package io.plasmanode.node.watcher;

import static io.plasmanode.node.testing.Payments.eth;
import static io.plasmanode.node.testing.Waits.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.inflight.InFlightExitState;
import io.plasmanode.core.l1.ExitState;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.node.testing.FakeOperator;
import io.plasmanode.node.testing.InFlightScenario;
import io.plasmanode.node.testing.PlasmaNetwork;
import io.plasmanode.node.testing.Scenario;
import io.plasmanode.node.testing.WatcherView;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.utils.Numeric;

/**
 * A watcher with a challenger key plays the in-flight exit game alone on a real anvil, against
 * blocks a fake operator commits: it challenges a non-canonical exit in phase 1 (its outputs are
 * never paid), answers a false canonicity challenge, challenges an input piggyback spent elsewhere
 * and an output piggyback spent after inclusion, and sends each call once across a restart.
 */
class InFlightWatcherIT {
  private static final PrivateKey OPERATOR = TestKeys.CAROL;
  private static final PrivateKey ALICE = TestKeys.ALICE;
  private static final PrivateKey BOB = TestKeys.BOB;
  private static final PrivateKey CHALLENGER = TestKeys.DAVE;
  private static final Duration EXIT_PERIOD = PlasmaNetwork.SHORT_EXIT_PERIOD;
  private static final BigInteger ONE_ETH = AnvilChain.ether(1);

  @RegisterExtension
  final PlasmaNetwork net =
      PlasmaNetwork.builder().operator(OPERATOR).exitPeriod(EXIT_PERIOD).fund(TestKeys.ALL).build();

  private FakeOperator fake;
  private Scenario users;
  private InFlightScenario game;
  private WatcherNode watcher;

  @BeforeEach
  void start() {
    fake = net.startFakeOperator();
    users = net.scenario();
    game = new InFlightScenario(users);
  }

  private WatcherNode startWatcher() {
    return net.startWatcher(fake.endpoint(), w -> w.withChallenger(CHALLENGER));
  }

  private void commit(long blknum, SignedTransaction... txs) {
    fake.commitAndServe(blknum, List.of(txs));
    await("block " + blknum + " validated", () -> watcher.status().syncedHeight() >= blknum);
  }

  @Test
  void exitOfATxWhoseInputWasSpentInABlock_isChallengedInPhaseOne_andItsOutputsNeverPaid() {
    watcher = startWatcher();
    UtxoPos deposit = users.deposit(ALICE, ONE_ETH);
    commit(1000, users.transfer(ALICE, deposit, eth(BOB, ONE_ETH)));
    SignedTransaction doubleSpend = users.transfer(ALICE, deposit, eth(ALICE, ONE_ETH));

    users.startInFlightExit(ALICE, doubleSpend);
    users.piggybackOutput(ALICE, doubleSpend, 0);
    game.awaitExit("challenged as non-canonical", doubleSpend, exit -> !exit.canonical());

    InFlightExitState challenged = game.exit(doubleSpend);
    assertThat(challenged.bondOwner()).isEqualTo(CHALLENGER.address());
    assertThat(challenged.oldestCompetitor().orElseThrow().txPos())
        .contains(new UtxoPos(1000, 0, 0));
    assertThat(eventTypes())
        .contains("non_canonical_ife")
        .doesNotContain("unchallenged_non_canonical_ife");
    net.l1().advanceTime(EXIT_PERIOD.multipliedBy(3));
    game.process(BOB, doubleSpend, 1);
    assertThat(game.exit(doubleSpend).status()).isEqualTo(InFlightExitState.Status.FINALIZED);
    assertThat(game.outputPaid(doubleSpend, 0)).isFalse();
  }

  @Test
  void falseCanonicityChallengeOfAnIncludedTx_isAnsweredByTheWatcher() {
    watcher = startWatcher();
    UtxoPos deposit = users.deposit(ALICE, ONE_ETH);
    SignedTransaction paid = users.transfer(ALICE, deposit, eth(BOB, ONE_ETH));
    commit(1000, paid);
    users.startInFlightExit(BOB, paid);
    users.piggybackOutput(BOB, paid, 0);

    SignedTransaction neverIncluded = users.transfer(ALICE, deposit, eth(ALICE, ONE_ETH));
    game.challengeWithInFlightCompetitor(ALICE, paid, 0, neverIncluded, 0);
    game.awaitExit("canonical again", paid, InFlightExitState::canonical);

    InFlightExitState answered = game.exit(paid);
    assertThat(answered.bondOwner()).isEqualTo(CHALLENGER.address());
    assertThat(answered.oldestCompetitor().orElseThrow().txPos()).contains(new UtxoPos(1000, 0, 0));
    assertThat(game.callsBy(CHALLENGER.address()))
        .singleElement()
        .isInstanceOf(L1Event.InFlightExitChallengeResponded.class);
    assertThat(eventTypes()).contains("invalid_ife_challenge");
  }

  @Test
  void inputPiggybackSpentElsewhere_andOutputPiggybackSpentAfterInclusion_areBothChallenged() {
    watcher = startWatcher();
    UtxoPos alices = users.deposit(ALICE, ONE_ETH);
    UtxoPos bobs = users.deposit(BOB, ONE_ETH);
    UtxoPos alicesSecond = users.deposit(ALICE, ONE_ETH);
    SignedTransaction bobsOther = users.transfer(BOB, bobs, eth(ALICE, ONE_ETH));
    SignedTransaction toAlice = users.transfer(ALICE, alicesSecond, eth(BOB, ONE_ETH));
    commit(1000, bobsOther, toAlice);

    SignedTransaction both =
        users
            .payments()
            .sign(
                io.plasmanode.node.testing.Payments.transfer(
                    List.of(alices, bobs), List.of(eth(ALICE, ONE_ETH.multiply(BigInteger.TWO)))),
                List.of(ALICE, BOB));
    users.startInFlightExit(ALICE, both);
    users.piggybackInput(ALICE, both, 0);
    users.piggybackInput(BOB, both, 1);
    users.startInFlightExit(BOB, toAlice);
    users.piggybackOutput(BOB, toAlice, 0);
    commit(2000, users.transfer(BOB, new UtxoPos(1000, 1, 0), eth(ALICE, ONE_ETH)));

    game.awaitExit("Bob's input piggyback blocked", both, exit -> !exit.inputPiggybacked(1));
    game.awaitExit("Bob's output piggyback blocked", toAlice, exit -> !exit.outputPiggybacked(0));
    assertThat(game.exit(both).inputPiggybacked(0)).as("Alice's honest input stays").isTrue();
    assertThat(game.callsBy(CHALLENGER.address()))
        .filteredOn(event -> !(event instanceof L1Event.InFlightExitChallenged))
        .hasSize(2);
    assertThat(eventTypes()).contains("invalid_piggyback");
  }

  @Test
  void standardExitOfAnInputOfAnInFlightTx_isChallengedWithThatSignedTx() {
    watcher = startWatcher();
    UtxoPos deposit = users.deposit(ALICE, ONE_ETH);
    SignedTransaction inFlight = users.transfer(ALICE, deposit, eth(BOB, ONE_ETH));
    users.startInFlightExit(BOB, inFlight);
    game.awaitExit("started", inFlight, InFlightExitState::isActive);
    await("the in-flight exit tracked", () -> trackedExits() == 1);

    users.exitDeposit(ALICE, deposit, ONE_ETH);
    await(
        "the standard exit challenged",
        () -> users.exit(deposit).status() == ExitState.Status.CHALLENGED);
    L1Event.ExitChallenged challenged =
        net.l1().as(ALICE).events(0, net.l1().as(ALICE).l1Height()).stream()
            .filter(L1Event.ExitChallenged.class::isInstance)
            .map(L1Event.ExitChallenged.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(challenged.spendingTxHash())
        .isEqualTo(Keccak.keccak256(TxCodec.encode(inFlight.tx())));
  }

  @Test
  void restartInTheMiddleOfASend_sendsNothingTwice() {
    watcher = startWatcher();
    UtxoPos deposit = users.deposit(ALICE, ONE_ETH);
    commit(1000, users.transfer(ALICE, deposit, eth(BOB, ONE_ETH)));
    watcher.close();
    SignedTransaction doubleSpend = users.transfer(ALICE, deposit, eth(ALICE, ONE_ETH));
    users.startInFlightExit(ALICE, doubleSpend);
    AnvilChain l1 = net.l1();
    l1.setAutomine(false);

    watcher = startWatcher();
    await("the challenge sent", () -> pendingNonce(CHALLENGER) == 1);
    watcher.close();
    watcher = startWatcher();
    long head = l1.as(CHALLENGER).l1Height();
    await("the restarted watcher followed L1", () -> watcher.status().l1HeightSeen() >= head);
    assertThat(pendingNonce(CHALLENGER))
        .as("no second call while the first is pending")
        .isEqualTo(1);
    l1.mine();
    game.awaitExit("challenged", doubleSpend, exit -> !exit.canonical());
    l1.setAutomine(true);
    List<Long> nonces = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      l1.mine();
      nonces.add(pendingNonce(CHALLENGER));
    }

    assertThat(nonces).containsOnly(1L);
    assertThat(l1.nonce(CHALLENGER.address())).isEqualTo(1);
    assertThat(game.callsBy(CHALLENGER.address())).hasSize(1);
  }

  private int trackedExits() {
    try (WatcherView view = WatcherView.of(watcher)) {
      return view.rpc().call("watcher_getInFlightExits").size();
    }
  }

  private List<String> eventTypes() {
    try (WatcherView view = WatcherView.of(watcher)) {
      List<String> types = new ArrayList<>();
      JsonNode status = view.status();
      status.get("byzantineEvents").forEach(event -> types.add(event.get("type").asText()));
      status.get("pastEvents").forEach(event -> types.add(event.get("type").asText()));
      return types;
    }
  }

  private long pendingNonce(PrivateKey key) {
    return Numeric.decodeQuantity(
            net.l1().call("eth_getTransactionCount", key.address().toHex(), "pending").asText())
        .longValueExact();
  }
}
