package io.plasmanode.node.watcher;

import static io.plasmanode.node.testing.Payments.eth;
import static io.plasmanode.node.testing.Waits.await;
import static io.plasmanode.node.testing.WatcherView.eventTypes;
import static io.plasmanode.node.testing.WatcherView.pastEventTypes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.l1.ExitState;
import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hex;
import io.plasmanode.node.testing.FakeOperator;
import io.plasmanode.node.testing.OperatorSetup;
import io.plasmanode.node.testing.PlasmaNetwork;
import io.plasmanode.node.testing.Scenario;
import io.plasmanode.node.testing.WatcherSetup;
import io.plasmanode.node.testing.WatcherView;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.kv.LevelDbKeyValueStore;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The thefts of issue 18 ("a watcher halted by a false alarm goes blind") as ITs on a real anvil
 * with a short exit period as on a devnet (100 s): events end with their cause, a halted watcher
 * still challenges with spends from later blocks, and a challenged exit's output is an ordinary
 * unspent output again.
 */
class WatcherHaltIT {
  private static final PrivateKey OPERATOR = TestKeys.CAROL;
  private static final PrivateKey ALICE = TestKeys.ALICE;
  private static final PrivateKey BOB = TestKeys.BOB;
  private static final PrivateKey DAVE = TestKeys.DAVE;
  private static final UtxoPos DEPOSIT_1 = new UtxoPos(1, 0, 0);
  private static final UtxoPos DEPOSIT_2 = new UtxoPos(2, 0, 0);
  private static final Duration LONG = Duration.ofMinutes(10);
  private static final Duration EXIT_PERIOD = PlasmaNetwork.SHORT_EXIT_PERIOD;
  private static final BigInteger ONE_ETH = AnvilChain.ether(1);

  @RegisterExtension
  final PlasmaNetwork net =
      PlasmaNetwork.builder().operator(OPERATOR).exitPeriod(EXIT_PERIOD).fund(TestKeys.ALL).build();

  private WatcherNode watcher;

  /** A watcher with the default timings for the contract's exit period (as the CLI picks them). */
  private WatcherNode startWatcher(URI operatorRpc, Duration withholding, boolean challenging) {
    return net.startWatcher(
        operatorRpc,
        setup -> {
          WatcherSetup defaults =
              setup
                  .withWithholdingTimeout(withholding)
                  .withSafetyMargin(WatcherTimings.defaultSafetyMargin(EXIT_PERIOD))
                  .withChallengeRetryAfter(WatcherTimings.defaultChallengeRetry(EXIT_PERIOD));
          return challenging ? defaults.withChallenger(DAVE) : defaults;
        });
  }

  @Test
  void invalidExitChallengedInTime_raisesNoUnchallengedExitNorHalt_andEndsWhenChallenged() {
    URI operatorRpc = PlasmaNetwork.rpcUrl(net.startOperator(setup -> OperatorSetup.quick()));
    Scenario users = net.scenario(operatorRpc);
    watcher = startWatcher(operatorRpc, LONG, true);
    users.deposit(BOB, ONE_ETH);
    users.operator().submitWhenAccepted(users.transfer(BOB, DEPOSIT_1, eth(ALICE, ONE_ETH)));
    await("block 1000 validated", () -> watcher.status().syncedHeight() == 1000);

    users.exitDeposit(BOB, DEPOSIT_1, ONE_ETH);
    List<String> raised = new ArrayList<>();
    boolean[] halted = {false};
    await(
        "the challenge on L1 and invalid_exit ended",
        () -> {
          raised.addAll(eventTypes(watcher));
          halted[0] |= watcher.status().halted();
          return users.exit(DEPOSIT_1).status() == ExitState.Status.CHALLENGED
              && eventTypes(watcher).isEmpty()
              && !pastEventTypes(watcher).isEmpty();
        });

    assertThat(raised).doesNotContain("unchallenged_exit");
    assertThat(halted[0]).isFalse();
    assertThat(pastEventTypes(watcher)).containsExactly("invalid_exit");
    try (WatcherView view = WatcherView.of(watcher)) {
      JsonNode past = view.status().get("pastEvents").get(0);
      assertThat(past.get("active").asBoolean()).isFalse();
      assertThat(past.get("endedAt").asLong()).isPositive();
    }

    watcher.close();
    watcher = startWatcher(operatorRpc, LONG, true);
    long head = net.l1().as(DAVE).l1Height();
    await("L1 read again after the restart", () -> watcher.status().l1HeightSeen() >= head);
    assertThat(eventTypes(watcher)).isEmpty();
    assertThat(pastEventTypes(watcher)).containsExactly("invalid_exit");
    assertThat(watcher.status().halted()).isFalse();
    assertThat(net.l1().nonce(DAVE.address())).isEqualTo(1);
  }

  @Test
  void afterAHalt_anExitOfAnOutputSpentInALaterCommittedBlock_isStillChallenged() {
    Duration withholding = Duration.ofSeconds(2);
    FakeOperator fake = net.startFakeOperator();
    Scenario users = net.scenario();
    watcher = startWatcher(fake.endpoint(), withholding, true);
    users.deposit(ALICE, ONE_ETH);
    users.deposit(BOB, ONE_ETH);
    SignedTransaction toBob = users.transfer(ALICE, DEPOSIT_1, eth(BOB, ONE_ETH));
    fake.commitAndServe(1000, List.of(toBob));
    await("block 1000 validated", () -> watcher.status().syncedHeight() == 1000);
    UtxoPos bobs = new UtxoPos(1000, 0, 0);

    SignedTransaction first = users.transfer(BOB, DEPOSIT_2, eth(ALICE, ONE_ETH));
    SignedTransaction again = users.transfer(BOB, DEPOSIT_2, eth(DAVE, ONE_ETH));
    fake.commitAndServe(2000, List.of(first, again));
    await("halted by invalid_block", () -> watcher.status().halted());
    SignedTransaction later = users.transfer(BOB, bobs, eth(DAVE, ONE_ETH));
    fake.commitAndServe(3000, List.of(later));
    Instant committed = Instant.now();

    try (WatcherView view = WatcherView.of(watcher)) {
      await("the spend of block 3000 read", () -> view.challengeData(bobs).isPresent());
      assertThat(view.challengeData(bobs).get().get("spendingTxBytes").asText())
          .isEqualTo(Hex.encode(TxCodec.encode(later.tx())));
      users.startExit(BOB, bobs, view.exitData(bobs));
    }
    await("the exit challenged", () -> users.exit(bobs).status() == ExitState.Status.CHALLENGED);
    await(
        "twice the withholding timeout after block 3000",
        () -> Instant.now().isAfter(committed.plus(withholding.multipliedBy(2))));
    await("invalid_exit ended", () -> pastEventTypes(watcher).contains("invalid_exit"));
    assertThat(eventTypes(watcher)).containsExactly("invalid_block");
    assertThat(pastEventTypes(watcher)).containsExactly("invalid_exit");
    assertThat(watcher.status().halted()).isTrue();
    assertThat(watcher.status().syncedHeight()).isEqualTo(1000);

    // An output created past the halt (Dave's, in block 3000), spent in block 4000 and exited
    // with exit data built from block 3000 itself: challenged too.
    UtxoPos daves = new UtxoPos(3000, 0, 0);
    fake.commitAndServe(4000, List.of(users.transfer(DAVE, daves, eth(ALICE, ONE_ETH))));
    users.exitFromBlock(DAVE, daves, List.of(TxCodec.encode(later.tx())));
    await(
        "the exit of an output created past the halt challenged",
        () -> users.exit(daves).status() == ExitState.Status.CHALLENGED);
    await("its invalid_exit ended", () -> pastEventTypes(watcher).size() == 2);
    assertThat(eventTypes(watcher)).containsExactly("invalid_block");
  }

  @Test
  void exitChallengedWithASpendNeverIncluded_leavesAnOrdinaryUnspentOutput_neverExitable() {
    FakeOperator fake = net.startFakeOperator();
    Scenario users = net.scenario();
    watcher = startWatcher(fake.endpoint(), LONG, false);
    users.deposit(ALICE, ONE_ETH);
    users.exitDeposit(ALICE, DEPOSIT_1, ONE_ETH);
    await("the exit tracked", () -> watcher.status().exitsTracked() == 1);
    // A half-finished swap: Alice signed a spend that was never included.
    SignedTransaction unincluded = users.transfer(ALICE, DEPOSIT_1, eth(BOB, ONE_ETH));
    users.challenge(DAVE, DEPOSIT_1, unincluded);
    long head = net.l1().as(DAVE).l1Height();
    await("the challenge seen", () -> watcher.status().l1HeightSeen() >= head);

    try (WatcherView view = WatcherView.of(watcher)) {
      assertThat(view.exitable(ALICE)).isEmpty();
      assertThat(view.utxos(ALICE))
          .as("listed as the operator lists it, for the wallet's balance and utxos")
          .containsExactly(DEPOSIT_1);
      assertThat(view.challengeData(DEPOSIT_1)).isEmpty();
    }
    assertThat(eventTypes(watcher)).isEmpty();
    watcher.close();
    Path watcherDb = net.dir().resolve("watcher").resolve("watcher");
    try (LevelDbKeyValueStore kv = LevelDbKeyValueStore.open(watcherDb)) {
      ChainStore chain = new ChainStore(kv);
      assertThat(chain.status(DEPOSIT_1)).isInstanceOf(UtxoStatus.Unspent.class);
      assertThat(chain.utxosOf(ALICE.address())).extracting(u -> u.pos()).contains(DEPOSIT_1);
    }
  }
}
