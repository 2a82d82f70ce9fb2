package io.plasmanode.node.inflight;

import static io.plasmanode.node.inflight.InFlightPlay.assertReverts;
import static io.plasmanode.node.inflight.InFlightPlay.proof;
import static io.plasmanode.node.inflight.InFlightPlay.txBytes;
import static io.plasmanode.node.inflight.InFlightPlay.unsigned;
import static io.plasmanode.node.testing.Payments.eth;
import static io.plasmanode.node.testing.Waits.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.contracts.l1.Bonds;
import io.plasmanode.contracts.l1.L1Exception;
import io.plasmanode.contracts.l1.Web3jRootChain;
import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.inflight.InFlightExitState;
import io.plasmanode.core.inflight.InputSpentChallenge;
import io.plasmanode.core.inflight.NonCanonicalChallenge;
import io.plasmanode.core.inflight.OutputKey;
import io.plasmanode.core.inflight.OutputSpentChallenge;
import io.plasmanode.core.inflight.TxInclusion;
import io.plasmanode.core.l1.ExitId;
import io.plasmanode.core.l1.ExitState;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Bytes;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.types.Hex;
import io.plasmanode.exitgame.inflight.Slot;
import io.plasmanode.node.cli.UserCli;
import io.plasmanode.node.testing.FakeOperator;
import io.plasmanode.node.testing.Payments;
import io.plasmanode.node.testing.PlasmaNetwork;
import io.plasmanode.node.testing.Scenario;
import io.plasmanode.node.watcher.WatcherNode;
import io.plasmanode.p2p.rpc.JsonRpcClient;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 14's three scenarios end to end: the real contract on anvil, a real watcher (LevelDB, Netty
 * JSON-RPC) with a challenger key, a byzantine operator ({@link FakeOperator}: commits what the
 * test decides, serves what it decides) and users acting through the {@code plasma} command line
 * (their wallet's record of what they sent, {@code exit inflight start}, {@code exit piggyback} on
 * the slots the watcher's {@code piggyback_available} names). L1 time is warped, never waited for.
 */
class InFlightScenariosIT {
  static final PrivateKey READER = TestKeys.ALICE;
  static final Address ETH = Payments.ETH;
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

  /** An input no block ever created: what the operator's bogus tx "spends". */
  private static final UtxoPos NOWHERE = new UtxoPos(999, 0, 0);

  @RegisterExtension
  final PlasmaNetwork net =
      PlasmaNetwork.builder()
          .operator(OPERATOR)
          .exitPeriod(MEP)
          .fund(List.of(ALICE, BOB, CHALLENGER, EVE, PROCESSOR))
          .build();

  private FakeOperator operator;
  private WatcherNode watcher;
  private Scenario users;
  private InFlightPlay play;

  private void start() {
    operator = net.startFakeOperator();
    watcher =
        net.startWatcher(
            operator.endpoint(),
            setup ->
                setup.withWithholdingTimeout(Duration.ofSeconds(1)).withChallenger(CHALLENGER));
    users = net.scenario();
    play = new InFlightPlay(net, operator, watcher);
  }

  private Web3jRootChain as(PrivateKey key) {
    return net.l1().as(key);
  }

  /** Alice deposits 1 ETH and sends T (all of it to Bob) with {@code plasma transfer}. */
  private SignedTransaction alicePaysBob(UserCli alice) {
    UtxoPos deposit = users.deposit(ALICE, ONE_ETH);
    return alicePaysBob(alice, deposit);
  }

  /** Alice sends T, her 1 ETH at {@code input} to Bob, with {@code plasma transfer}. */
  private SignedTransaction alicePaysBob(UserCli alice, UtxoPos input) {
    operator.listUtxo(input, eth(ALICE, ONE_ETH));
    JsonNode sent = alice.json("transfer", "--to", BOB.address().toHex(), "--amount", "1eth");
    SignedTransaction t = operator.received().getLast();
    assertThat(Hash32.fromHex(sent.get("txHash").asText())).isEqualTo(hash(t));
    assertThat(t.tx().inputs()).containsExactly(input);
    assertThat(t.tx().outputs()).containsExactly(eth(BOB, ONE_ETH));
    return t;
  }

  private static Hash32 hash(SignedTransaction signed) {
    return Keccak.keccak256(txBytes(signed));
  }

  private static InFlightExitId idOf(SignedTransaction signed) {
    return InFlightExitId.of(txBytes(signed));
  }

  /** Every exit of ether whose time has come, from the processor's key. */
  private void processAll() {
    as(PROCESSOR).processExits(ETH, 0, 20);
    assertThat(as(PROCESSOR).exitQueueSize(ETH)).as("the ether queue is empty").isZero();
  }

  // ---------------------------------------------------------------- scenario 1

  /**
   * Issue 14, scenario 1: Alice signs T (her 1 ETH to Bob) and sends it; the operator commits N =
   * [T, bogus] (bogus gives Eve 1 ETH from nothing), withholds N and starts Eve's exit at once.
   * Alice starts T's in-flight exit; Alice and Bob piggyback what the watcher advises; every
   * counter the operator has reverts; Bob is paid the 1 ETH, Eve's payout finds nothing.
   */
  @Test
  void withheldBlock_bobIsPaidInFlight_eveGetsNothingOfAlicesEther() {
    start();
    UserCli alice = play.cli(ALICE);
    // Alice's 1 ETH is in published block 1000: her exit asks the watcher for its proof.
    UtxoPos deposit = users.deposit(ALICE, ONE_ETH);
    operator.commitAndServe(1000, List.of(users.transfer(ALICE, deposit, eth(ALICE, ONE_ETH))));
    await("block 1000 validated", () -> watcher.status().syncedHeight() == 1000);
    UtxoPos alices = new UtxoPos(1000, 0, 0);
    SignedTransaction t = alicePaysBob(alice, alices);
    SignedTransaction bogus = users.transfer(EVE, NOWHERE, eth(EVE, ONE_ETH));
    List<SignedTransaction> n = List.of(t, bogus);
    operator.commit(n);
    UtxoPos evesOutput = new UtxoPos(2000, 1, 0);
    users.exitFromBlock(EVE, evesOutput, unsigned(n));
    await(
        "block_withholding of block 2000, halted",
        () -> play.eventTypes().contains("block_withholding") && watcher.status().halted());

    // Alice exits the tx she sent, from her wallet's record; both follow the watcher's advice.
    InFlightExitId id = idOf(t);
    JsonNode started = alice.json("exit", "inflight", "start", "--tx", hash(t).toHex());
    assertThat(started.get("exitId").asText()).isEqualTo(id.toString());
    play.awaitAdvice(id, ALICE, List.of(Slot.input(0)));
    play.awaitAdvice(id, BOB, List.of(Slot.output(0)));
    assertThat(play.piggybackAsAdvised(id, hash(t), ALICE)).containsExactly(Slot.input(0));
    assertThat(play.piggybackAsAdvised(id, hash(t), BOB)).containsExactly(Slot.output(0));
    await("piggyback_available ended", () -> play.eventTypes(id).isEmpty());
    assertThat(play.everRaised()).contains("piggyback_available");

    operatorCounters(t, n, alices);
    InFlightExitState exit = play.exit(id);
    assertThat(exit.canonical()).isTrue();
    assertThat(exit.bondOwner()).isEqualTo(ALICE.address());
    assertThat(exit.inputPiggybacked(0)).isTrue();
    assertThat(exit.outputPiggybacked(0)).isTrue();
    assertThat(play.eventTypes())
        .as("the watcher found nothing to challenge or answer")
        .containsOnly("block_withholding");
    assertThat(net.l1().nonce(CHALLENGER.address())).as("the watcher sent nothing").isZero();

    ExitState eves = users.exit(evesOutput);
    play.warpTo(latest(exit.exitableAt().orElseThrow(), eves.exitableAt()).plusSeconds(1));
    assertThat(as(READER).topExit(ETH).orElseThrow().exitId())
        .as("T's exit has the priority of its input, older than block 2000")
        .isEqualTo(new ExitId.InFlight(id));
    BigInteger aliceBefore = users.l1Balance(ALICE);
    BigInteger bobBefore = users.l1Balance(BOB);
    BigInteger eveBefore = users.l1Balance(EVE);
    as(PROCESSOR).processExits(ETH, new ExitId.InFlight(id), 1);
    assertThat(users.l1Balance(BOB)).isEqualTo(bobBefore.add(ONE_ETH).add(PIGGYBACK_BOND));
    assertThat(users.l1Balance(ALICE))
        .as("Alice: her input's piggyback bond back, and the exit bond")
        .isEqualTo(aliceBefore.add(PIGGYBACK_BOND).add(IFE_BOND));
    assertThat(play.contractBalance()).as("only Eve's exit bond is left").isEqualTo(BOND);

    as(PROCESSOR).processExits(ETH, ExitId.of(evesOutput), 1);
    assertThat(users.l1Balance(EVE))
        .as("Eve: her own exit bond back, nothing of Alice's ether")
        .isEqualTo(eveBefore.add(BOND));
    assertThat(play.withdrawable(EVE)).as("the unbacked amount is dropped, not credited").isZero();
    assertThat(play.contractBalance()).isZero();
    assertThat(as(READER).outputFinalizedBy(OutputKey.of(hash(t), 0)))
        .contains(new ExitId.InFlight(id));
    assertThat(as(READER).outputFinalizedBy(BigInteger.valueOf(alices.toLong())))
        .contains(new ExitId.InFlight(id));
  }

  /**
   * What the operator, who knows N, can do against T's exit: a competitor it signed, a response, a
   * standard exit of Bob's output, "spends" of Alice's input and Bob's output it signed. Each
   * reverts; nothing changes on L1.
   */
  private void operatorCounters(SignedTransaction t, List<SignedTransaction> n, UtxoPos input) {
    Bytes tx = Bytes.of(txBytes(t));
    SignedTransaction forged = users.transfer(OPERATOR, input, eth(EVE, ONE_ETH));
    Bytes forgedTx = Bytes.of(txBytes(forged));
    assertReverts(
        "WitnessNotInputOwner",
        () ->
            as(OPERATOR)
                .challengeInFlightExitNotCanonical(
                    new NonCanonicalChallenge(
                        tx, 0, forgedTx, 0, Optional.empty(), forged.signatures().getFirst())));
    assertReverts(
        "WitnessNotInputOwner",
        () ->
            as(OPERATOR)
                .challengeInFlightExitInputSpent(
                    new InputSpentChallenge(tx, 0, forgedTx, 0, forged.signatures().getFirst())));
    assertReverts(
        "SameTx",
        () ->
            as(OPERATOR)
                .challengeInFlightExitInputSpent(
                    new InputSpentChallenge(tx, 0, tx, 0, t.signatures().getFirst())));
    TxInclusion included = TxInclusion.of(new UtxoPos(2000, 0, 0), proof(n, 0));
    assertReverts(
        "NotChallenged", () -> as(OPERATOR).respondToNonCanonicalChallenge(tx.toArray(), included));
    UtxoPos bobs = new UtxoPos(2000, 0, 0);
    assertReverts(
        "NotOutputOwner", () -> as(OPERATOR).startStandardExit(bobs, tx.toArray(), proof(n, 0)));
    SignedTransaction forgedSpend = users.transfer(OPERATOR, bobs, eth(EVE, ONE_ETH));
    assertReverts(
        "SignerNotExitOwner",
        () ->
            as(OPERATOR)
                .challengeInFlightExitOutputSpent(
                    new OutputSpentChallenge(
                        tx,
                        included,
                        0,
                        Bytes.of(txBytes(forgedSpend)),
                        0,
                        forgedSpend.signatures().getFirst())));
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /**
   * An unbacked payout (a byzantine output's exit the contract cannot cover) is dropped, not
   * credited, so it never becomes a claim on ether that comes in later: Bob's later deposit stays
   * in the contract for his exit (before the fix, Eve's credit withdrew it).
   */
  @Test
  void unbackedCredit_neverTakesEtherOfALaterValidClaim() {
    start();
    SignedTransaction bogus = users.transfer(EVE, NOWHERE, eth(EVE, ONE_ETH));
    operator.commit(List.of(bogus));
    UtxoPos evesOutput = new UtxoPos(1000, 0, 0);
    users.exitFromBlock(EVE, evesOutput, unsigned(List.of(bogus)));
    play.warpTo(users.exit(evesOutput).exitableAt());
    processAll();
    assertThat(play.withdrawable(EVE)).as("nothing credited").isZero();
    assertThat(play.contractBalance()).as("Eve's bond went back to her").isZero();

    UtxoPos bobs = users.deposit(BOB, ONE_ETH);
    try {
      as(EVE).withdraw(ETH, ONE_ETH);
    } catch (L1Exception refused) {
      // what happens: Eve has no credit to withdraw
    }
    assertThat(play.contractBalance())
        .as("Bob's deposit %s is still in the contract for his exit", bobs)
        .isGreaterThanOrEqualTo(ONE_ETH);
  }

  // ---------------------------------------------------------------- scenario 2

  /**
   * Issue 14, scenario 2: N = [bogus, T] is published; Eve exits bogus at once; Bob starts T's
   * in-flight exit (from the published block) and piggybacks his output so that both exits mature
   * at the same second: T's exit has its input's priority, Bob is paid first, and Eve's payout
   * finds nothing of Alice's ether.
   */
  @Test
  void publishedInvalidBlock_bobIsPaidBeforeEveAtTheSameMaturity() {
    start();
    SignedTransaction t = alicePaysBob(play.cli(ALICE));
    SignedTransaction bogus = users.transfer(EVE, NOWHERE, eth(EVE, ONE_ETH));
    List<SignedTransaction> n = List.of(bogus, t);
    operator.commitAndServe(1000, n);
    Instant committedAt = as(READER).block(1000).orElseThrow().timestamp();
    UtxoPos evesOutput = new UtxoPos(1000, 0, 0);
    users.exitFromBlock(EVE, evesOutput, unsigned(n));
    await(
        "invalid_block 1000, halted",
        () -> play.eventTypes().contains("invalid_block") && watcher.status().halted());

    // Bob takes T from the published block and exits it in flight late in his phase 1.
    String signedT = servedTx(1000, 1);
    assertThat(signedT).isEqualTo(Hex.encode(Payments.encode(t)));
    InFlightExitId id = idOf(t);
    UserCli bob = play.cli(BOB);
    play.nextBlockAt(committedAt.plus(MEP.dividedBy(2)).plusSeconds(1));
    bob.json("exit", "inflight", "start", "--tx", signedT);
    play.awaitAdvice(id, BOB, List.of(Slot.output(0)));
    play.awaitAdvice(id, ALICE, List.of(Slot.input(0)));
    play.nextBlockAt(committedAt.plus(MEP));
    assertThat(play.piggybackAsAdvised(id, hash(t), BOB)).containsExactly(Slot.output(0));
    assertThat(play.everRaised()).contains("invalid_block", "piggyback_available");

    ExitState eves = users.exit(evesOutput);
    InFlightExitState exit = play.exit(id);
    assertThat(exit.exitableAt()).as("both mature together").contains(eves.exitableAt());
    assertThat(exit.youngestInputPos()).isEqualTo(t.tx().inputs().getFirst());
    play.warpTo(eves.exitableAt());
    assertThat(as(READER).topExit(ETH).orElseThrow().exitId()).isEqualTo(new ExitId.InFlight(id));
    BigInteger bobBefore = users.l1Balance(BOB);
    BigInteger eveBefore = users.l1Balance(EVE);
    as(PROCESSOR).processExits(ETH, new ExitId.InFlight(id), 1);
    assertThat(users.l1Balance(BOB))
        .as("Bob: 1 ETH, his piggyback bond and the exit bond")
        .isEqualTo(bobBefore.add(ONE_ETH).add(PIGGYBACK_BOND).add(IFE_BOND));
    assertThat(play.contractBalance()).as("only Eve's exit bond is left").isEqualTo(BOND);
    as(PROCESSOR).processExits(ETH, ExitId.of(evesOutput), 1);
    assertThat(users.l1Balance(EVE))
        .as("Eve: her own exit bond back")
        .isEqualTo(eveBefore.add(BOND));
    assertThat(play.withdrawable(EVE)).as("the unbacked amount is dropped, not credited").isZero();
    assertThat(play.contractBalance()).isZero();
  }

  /** The signed tx {@code txindex} of block {@code blknum} as the operator serves it. */
  private String servedTx(long blknum, int txindex) {
    try (JsonRpcClient rpc = new JsonRpcClient(operator.endpoint())) {
      JsonNode block = rpc.call("plasma_getBlock", blknum, true);
      return block.get("transactions").get(txindex).asText();
    }
  }

  // ---------------------------------------------------------------- scenario 3

  /**
   * Issue 14, scenario 3: the operator never includes T and cancels Alice's standard exit of her
   * input with T's signature (Alice sent it T). Alice exits T in flight from her wallet; Alice and
   * Bob piggyback as advised; T is canonical, Bob is paid, and every bond goes where the contract
   * says: Alice's exit bond to the operator, the in-flight exit bond back to Alice.
   */
  @Test
  void censoredThenChallenged_theEtherEndsWithBob_nothingFrozen() {
    start();
    UserCli alice = play.cli(ALICE);
    SignedTransaction t = alicePaysBob(alice);
    UtxoPos deposit = t.tx().inputs().getFirst();
    users.exitDeposit(ALICE, deposit, ONE_ETH);
    BigInteger operatorBefore = users.l1Balance(OPERATOR);
    Hash32 challenge = users.challenge(OPERATOR, deposit, t);
    assertThat(users.exit(deposit).status()).isEqualTo(ExitState.Status.CHALLENGED);
    assertThat(users.l1Balance(OPERATOR))
        .as("the operator took Alice's exit bond")
        .isEqualTo(operatorBefore.add(BOND).subtract(net.l1().fee(challenge)));

    InFlightExitId id = idOf(t);
    alice.json("exit", "inflight", "start", "--tx", hash(t).toHex());
    play.awaitAdvice(id, ALICE, List.of(Slot.input(0)));
    play.awaitAdvice(id, BOB, List.of(Slot.output(0)));
    play.piggybackAsAdvised(id, hash(t), ALICE);
    play.piggybackAsAdvised(id, hash(t), BOB);
    await("piggyback_available ended", () -> play.eventTypes(id).isEmpty());
    assertThat(play.everRaised()).containsOnly("piggyback_available");
    assertThat(play.eventTypes()).as("nothing byzantine the watcher can see").isEmpty();

    play.warpTo(play.exit(id).exitableAt().orElseThrow());
    BigInteger aliceBefore = users.l1Balance(ALICE);
    BigInteger bobBefore = users.l1Balance(BOB);
    processAll();
    assertThat(users.l1Balance(BOB)).isEqualTo(bobBefore.add(ONE_ETH).add(PIGGYBACK_BOND));
    assertThat(users.l1Balance(ALICE)).isEqualTo(aliceBefore.add(PIGGYBACK_BOND).add(IFE_BOND));
    assertThat(play.contractBalance()).as("nothing frozen in the contract").isZero();
    assertThat(play.withdrawable(ALICE)).isZero();
    assertThat(play.withdrawable(BOB)).isZero();
    assertThat(play.exit(id).status()).isEqualTo(InFlightExitState.Status.FINALIZED);
    assertThat(play.events(L1Event.InFlightExitProcessed.class))
        .singleElement()
        .satisfies(processed -> assertThat(processed.canonical()).isTrue());
  }
}
