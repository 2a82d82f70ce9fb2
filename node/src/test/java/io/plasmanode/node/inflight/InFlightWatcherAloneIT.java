package io.plasmanode.node.inflight;

import static io.plasmanode.node.inflight.InFlightPlay.proof;
import static io.plasmanode.node.inflight.InFlightPlay.txBytes;
import static io.plasmanode.node.inflight.InFlightPlay.unsigned;
import static io.plasmanode.node.testing.Payments.eth;
import static io.plasmanode.node.testing.Waits.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.contracts.l1.Bonds;
import io.plasmanode.contracts.l1.Web3jRootChain;
import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.inflight.InFlightExitStart;
import io.plasmanode.core.inflight.InFlightExitState;
import io.plasmanode.core.inflight.NonCanonicalChallenge;
import io.plasmanode.core.inflight.TxInclusion;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Bytes;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.exitgame.inflight.Slot;
import io.plasmanode.node.testing.FakeOperator;
import io.plasmanode.node.testing.Payments;
import io.plasmanode.node.testing.PlasmaNetwork;
import io.plasmanode.node.testing.Scenario;
import io.plasmanode.node.watcher.WatcherNode;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scenario 1 of issue 14 with an operator that plays the in-flight game against the users, and a
 * watcher that answers by itself, once, also across a restart: the operator exits in flight J (a
 * payment Alice and its accomplice Eve made together to Bob, included in published block 1000) and
 * challenges it with Eve's second spend of her input, hidden in the withheld block 2000; it also
 * exits in flight X2, Eve's double spend of an output she spent in block 1000, piggybacking its
 * input (Eve) and output (the operator). The watcher responds to J's challenge, challenges X2 as
 * non-canonical and its input piggyback as spent; Bob is paid, Eve gets only her own ether.
 */
class InFlightWatcherAloneIT {
  private static final Logger LOG = LoggerFactory.getLogger(InFlightWatcherAloneIT.class);
  private static final PrivateKey READER = InFlightScenariosIT.READER;
  private static final PrivateKey OPERATOR = TestKeys.CAROL;
  private static final PrivateKey ALICE = TestKeys.ALICE;
  private static final PrivateKey BOB = TestKeys.BOB;
  private static final PrivateKey CHALLENGER = TestKeys.DAVE;
  private static final PrivateKey EVE = PrivateKey.fromHex("0x" + "e7".repeat(32));
  private static final PrivateKey PROCESSOR = PrivateKey.fromHex("0x" + "f1".repeat(32));
  private static final Duration MEP = PlasmaNetwork.SHORT_EXIT_PERIOD;
  private static final BigInteger ONE_ETH = AnvilChain.ether(1);
  private static final BigInteger BOND = PlasmaNetwork.BOND;
  private static final BigInteger IFE_BOND = Bonds.inFlightExitBondOf(BOND);
  private static final BigInteger PIGGYBACK_BOND = Bonds.piggybackBondOf(BOND);
  private static final UtxoPos NOWHERE = new UtxoPos(999, 0, 0);

  @RegisterExtension
  final PlasmaNetwork net =
      PlasmaNetwork.builder()
          .operator(OPERATOR)
          .exitPeriod(MEP)
          .fund(List.of(ALICE, BOB, CHALLENGER, EVE, PROCESSOR))
          .build();

  private FakeOperator operator;
  private Scenario users;

  private WatcherNode startWatcher() {
    return net.startWatcher(
        operator.endpoint(),
        setup -> setup.withWithholdingTimeout(Duration.ofSeconds(1)).withChallenger(CHALLENGER));
  }

  private Web3jRootChain as(PrivateKey key) {
    return net.l1().as(key);
  }

  @Test
  void operatorPlaysTheGame_watcherRespondsAndChallengesAlone_once_acrossARestart() {
    LOG.info("Scenario: the operator plays the in-flight game against the watcher");
    operator = net.startFakeOperator();
    WatcherNode watcher = startWatcher();
    users = net.scenario();
    InFlightPlay play = new InFlightPlay(net, operator, watcher);
    UtxoPos alices = users.deposit(ALICE, ONE_ETH);
    UtxoPos eves = users.deposit(EVE, ONE_ETH);
    UtxoPos evesOther = users.deposit(EVE, ONE_ETH);
    SignedTransaction j =
        users
            .payments()
            .sign(
                Payments.transfer(List.of(alices, eves), List.of(eth(BOB, ONE_ETH.shiftLeft(1)))),
                List.of(ALICE, EVE));
    SignedTransaction x1 = users.transfer(EVE, evesOther, eth(EVE, ONE_ETH));
    List<SignedTransaction> published = List.of(j, x1);
    operator.commitAndServe(1000, published);
    await("block 1000 validated", () -> watcher.status().syncedHeight() == 1000);
    SignedTransaction c = users.transfer(EVE, eves, eth(EVE, ONE_ETH));
    SignedTransaction bogus = users.transfer(EVE, NOWHERE, eth(EVE, ONE_ETH));
    List<SignedTransaction> withheld = List.of(c, bogus);
    operator.commit(withheld);
    users.exitFromBlock(EVE, new UtxoPos(1000, 1, 0), unsigned(published));
    users.exitFromBlock(EVE, new UtxoPos(2000, 1, 0), unsigned(withheld));
    await("halted by block_withholding", () -> watcher.status().halted());

    // J: exited by the operator, Eve's input piggybacked, challenged with C from the withheld
    // block.
    InFlightExitId jid = InFlightExitId.of(txBytes(j));
    as(OPERATOR).startInFlightExit(start(j, List.of(eth(ALICE, ONE_ETH), eth(EVE, ONE_ETH))));
    as(EVE).piggybackInFlightExitOnInput(txBytes(j), 1);
    as(OPERATOR)
        .challengeInFlightExitNotCanonical(
            new NonCanonicalChallenge(
                Bytes.of(txBytes(j)),
                1,
                Bytes.of(txBytes(c)),
                0,
                Optional.of(TxInclusion.of(new UtxoPos(2000, 0, 0), proof(withheld, 0))),
                c.signatures().getFirst()));
    // X2: Eve's double spend of the output X1 spent, exited with both piggybacks.
    SignedTransaction x2 = users.transfer(EVE, evesOther, eth(OPERATOR, ONE_ETH));
    InFlightExitId x2id = InFlightExitId.of(txBytes(x2));
    as(OPERATOR).startInFlightExit(start(x2, List.of(eth(EVE, ONE_ETH))));
    as(EVE).piggybackInFlightExitOnInput(txBytes(x2), 0);
    as(OPERATOR).piggybackInFlightExitOnOutput(txBytes(x2), 0);

    await(
        "the watcher responded to J's challenge and challenged X2 and its input piggyback",
        () -> answered(play, jid, x2id));
    assertThat(play.everRaised())
        .contains("block_withholding", "invalid_ife_challenge", "non_canonical_ife")
        .contains("invalid_piggyback");
    InFlightExitState jExit = play.exit(jid);
    assertThat(jExit.oldestCompetitor().orElseThrow().txPos()).contains(new UtxoPos(1000, 0, 0));
    InFlightExitState x2Exit = play.exit(x2id);
    assertThat(x2Exit.oldestCompetitor().orElseThrow().txPos()).contains(new UtxoPos(1000, 1, 0));
    assertThat(x2Exit.outputPiggybacked(0)).isTrue();

    // Alice and Bob piggyback what the watcher advises on J, canonical again.
    Hash32 jHash = Keccak.keccak256(txBytes(j));
    play.awaitAdvice(jid, BOB, List.of(Slot.output(0)));
    play.awaitAdvice(jid, ALICE, List.of(Slot.input(0)));
    play.piggybackAsAdvised(jid, jHash, BOB);
    play.piggybackAsAdvised(jid, jHash, ALICE);

    // Once: three L1 txs, and none more from a restarted watcher that reads the game again.
    assertThat(net.l1().nonce(CHALLENGER.address())).isEqualTo(3);
    LOG.info("Scenario: the watcher answered; restarting it");
    watcher.close();
    WatcherNode restarted = startWatcher();
    long head = as(READER).l1Height();
    net.l1().mine();
    await("the restarted watcher read L1", () -> restarted.status().l1HeightSeen() > head);
    LOG.info("Scenario: restarted watcher read L1");
    await("halted again", () -> restarted.status().halted());
    net.l1().mine();
    await(
        "the restarted watcher stepped again", () -> restarted.status().l1HeightSeen() > head + 1);
    assertThat(net.l1().nonce(CHALLENGER.address())).as("nothing sent twice").isEqualTo(3);
    assertThat(byChallenger(play)).hasSize(3);

    LOG.info("Scenario: the restarted watcher sent nothing; processing the exits");
    settle(play, jid, x2id);
  }

  /** Matures and processes every exit; checks where the ether and the bonds went. */
  private void settle(InFlightPlay play, InFlightExitId jid, InFlightExitId x2id) {
    List<Instant> maturities = new ArrayList<>();
    maturities.add(play.exit(jid).exitableAt().orElseThrow());
    maturities.add(play.exit(x2id).exitableAt().orElseThrow());
    maturities.add(users.exit(new UtxoPos(1000, 1, 0)).exitableAt());
    maturities.add(users.exit(new UtxoPos(2000, 1, 0)).exitableAt());
    play.warpTo(maturities.stream().max(Instant::compareTo).orElseThrow());
    LOG.info("Scenario: warped");
    BigInteger alice = users.l1Balance(ALICE);
    BigInteger bob = users.l1Balance(BOB);
    BigInteger eve = users.l1Balance(EVE);
    BigInteger challenger = users.l1Balance(CHALLENGER);
    BigInteger theOperator = users.l1Balance(OPERATOR);
    as(PROCESSOR).processExits(InFlightScenariosIT.ETH, 0, 20);
    assertThat(as(READER).exitQueueSize(InFlightScenariosIT.ETH)).isZero();
    assertThat(users.l1Balance(BOB)).isEqualTo(bob.add(ONE_ETH.shiftLeft(1)).add(PIGGYBACK_BOND));
    assertThat(users.l1Balance(ALICE)).isEqualTo(alice.add(PIGGYBACK_BOND));
    assertThat(users.l1Balance(EVE))
        .as(
            "Eve: X1's output and its bond, her piggyback bond on J back, bogus's bond back;"
                + " nothing of X2 or bogus")
        .isEqualTo(eve.add(ONE_ETH).add(BOND.shiftLeft(1)).add(PIGGYBACK_BOND));
    assertThat(play.withdrawable(EVE)).as("bogus: dropped, not credited").isZero();
    assertThat(users.l1Balance(CHALLENGER))
        .as("the watcher: both in-flight exit bonds")
        .isEqualTo(challenger.add(IFE_BOND.shiftLeft(1)));
    assertThat(users.l1Balance(OPERATOR)).isEqualTo(theOperator.add(PIGGYBACK_BOND));
    assertThat(play.contractBalance()).as("nothing left").isZero();
    LOG.info("Scenario: settled");
  }

  /** The start of {@code signed}'s exit; its inputs are the deposits of {@code spent}. */
  private static InFlightExitStart start(SignedTransaction signed, List<Output> spent) {
    List<InFlightExitStart.Input> inputs = new ArrayList<>();
    for (int i = 0; i < spent.size(); i++) {
      inputs.add(
          new InFlightExitStart.Input(
              Bytes.of(Payments.depositTx(spent.get(i))),
              signed.tx().inputs().get(i),
              Bytes.of(Payments.depositProof(spent.get(i))),
              signed.signatures().get(i)));
    }
    return new InFlightExitStart(Bytes.of(txBytes(signed)), inputs);
  }

  /**
   * J canonical again with the watcher its bond owner; X2 non-canonical, its input unpiggybacked.
   */
  private static boolean answered(InFlightPlay play, InFlightExitId jid, InFlightExitId x2id) {
    InFlightExitState j = play.exit(jid);
    InFlightExitState x2 = play.exit(x2id);
    return j.canonical()
        && j.bondOwner().equals(CHALLENGER.address())
        && !x2.canonical()
        && x2.bondOwner().equals(CHALLENGER.address())
        && !x2.inputPiggybacked(0);
  }

  /** The game's L1 events the watcher's key caused. */
  private static List<L1Event> byChallenger(InFlightPlay play) {
    List<L1Event> found = new ArrayList<>();
    play.events(L1Event.InFlightExitChallengeResponded.class).stream()
        .filter(e -> e.responder().equals(CHALLENGER.address()))
        .forEach(found::add);
    play.events(L1Event.InFlightExitChallenged.class).stream()
        .filter(e -> e.challenger().equals(CHALLENGER.address()))
        .forEach(found::add);
    play.events(L1Event.InFlightExitInputBlocked.class).stream()
        .filter(e -> e.challenger().equals(CHALLENGER.address()))
        .forEach(found::add);
    play.events(L1Event.InFlightExitOutputBlocked.class).stream()
        .filter(e -> e.challenger().equals(CHALLENGER.address()))
        .forEach(found::add);
    return found;
  }
}
