package io.plasmanode.contracts.l1;

import static io.plasmanode.contracts.testing.AnvilChain.ether;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.contracts.anvil.AnvilProcess;
import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.eip712.TransactionSigner;
import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.inflight.InFlightExitStart;
import io.plasmanode.core.inflight.InFlightExitState;
import io.plasmanode.core.inflight.InputSpentChallenge;
import io.plasmanode.core.inflight.NonCanonicalChallenge;
import io.plasmanode.core.inflight.OutputKey;
import io.plasmanode.core.inflight.OutputSpentChallenge;
import io.plasmanode.core.inflight.TxInclusion;
import io.plasmanode.core.l1.ExitId;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.merkle.MerkleTree;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Bytes;
import io.plasmanode.core.types.Hash32;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The in-flight exit game through {@link Web3jRootChain} against the real contract on anvil: Java
 * transactions, proofs and EIP-712 signatures (core's signer); every send, read and event of the
 * game, and its named reverts as {@link L1Exception}s.
 */
class InFlightExitsIT {
  private static final Duration MIN_EXIT_PERIOD = Duration.ofSeconds(100);
  private static final BigInteger BOND = ether(1).divide(BigInteger.TEN);
  private static final PrivateKey OPERATOR = TestKeys.DAVE;
  private static final PrivateKey ALICE = TestKeys.ALICE;
  private static final PrivateKey BOB = TestKeys.BOB;
  private static final PrivateKey CAROL = TestKeys.CAROL;
  private static final PrivateKey DAVE = TestKeys.DAVE;
  private static final Address ETH = Address.ZERO;

  private static AnvilChain l1;
  private static TransactionSigner signer;

  @BeforeAll
  static void deploy() {
    l1 = AnvilChain.start(OPERATOR, MIN_EXIT_PERIOD, BOND);
    List.of(ALICE, BOB, CAROL).forEach(key -> l1.fund(key.address()));
    signer = new TransactionSigner(new Eip712Domain(l1.contract(), AnvilProcess.CHAIN_ID));
  }

  @AfterAll
  static void stop() {
    if (l1 != null) {
      l1.close();
    }
  }

  /** A child block the operator committed: its transactions' bytes and Merkle tree. */
  private record Block(long blknum, List<SignedTransaction> txs, MerkleTree tree) {
    Bytes txBytes(int txindex) {
      return Bytes.of(TxCodec.encode(txs.get(txindex).tx()));
    }

    Bytes proof(int txindex) {
      return Bytes.of(tree.proof(txindex).toBytes());
    }

    TxInclusion inclusion(int txindex) {
      return new TxInclusion(new UtxoPos(blknum, txindex, 0), proof(txindex));
    }
  }

  private static Block commit(SignedTransaction... txs) {
    long blknum = l1.as(OPERATOR).nextChildBlock();
    List<byte[]> bytes = new ArrayList<>();
    for (SignedTransaction tx : txs) {
      bytes.add(TxCodec.encode(tx.tx()));
    }
    MerkleTree tree = MerkleTree.of(bytes);
    l1.as(OPERATOR).submitBlock(tree.root());
    return new Block(blknum, List.of(txs), tree);
  }

  /** {@code owner} deposits {@code ether} and spends it to herself in a committed block. */
  private static UtxoPos fundedOutput(PrivateKey owner, String ether, List<Block> blocks) {
    Output output = out(owner, ether);
    Hash32 l1Tx =
        l1.as(owner).deposit(TxCodec.encode(PaymentTransaction.deposit(output)), output.amount());
    L1Event.Deposit deposit = onlyEvent(l1Tx, L1Event.Deposit.class);
    SignedTransaction move =
        sign(
            PaymentTransaction.transfer(
                List.of(new UtxoPos(deposit.blknum(), 0, 0)), List.of(output)),
            owner);
    Block block = commit(move);
    blocks.add(block);
    return new UtxoPos(block.blknum(), 0, 0);
  }

  private static InFlightExitStart start(SignedTransaction tx, List<Block> inputBlocks) {
    List<InFlightExitStart.Input> inputs = new ArrayList<>();
    for (int i = 0; i < tx.tx().inputs().size(); i++) {
      Block block = inputBlocks.get(i);
      UtxoPos pos = tx.tx().inputs().get(i);
      inputs.add(
          new InFlightExitStart.Input(
              block.txBytes(pos.txindex()),
              pos,
              block.proof(pos.txindex()),
              tx.signatures().get(i)));
    }
    return new InFlightExitStart(Bytes.of(TxCodec.encode(tx.tx())), inputs);
  }

  @Test
  void canonicalExit_startPiggybacksChallengesAndProcessing() {
    List<Block> blocks = new ArrayList<>();
    UtxoPos alices = fundedOutput(ALICE, "1", blocks);
    UtxoPos bobs = fundedOutput(BOB, "1", blocks);
    SignedTransaction tx =
        sign(
            PaymentTransaction.transfer(
                List.of(alices, bobs), List.of(out(CAROL, "1.5"), out(ALICE, "0.5"))),
            ALICE,
            BOB);
    byte[] txBytes = TxCodec.encode(tx.tx());
    Hash32 txHash = Keccak.keccak256(txBytes);
    InFlightExitId id = InFlightExitId.of(txBytes);
    assertThat(l1.as(DAVE).inFlightExitBond()).isEqualTo(Bonds.inFlightExitBondOf(BOND));
    assertThat(l1.as(DAVE).piggybackBond()).isEqualTo(Bonds.piggybackBondOf(BOND));

    // Alice starts it, with both input owners' signatures; the log holds the signed tx.
    InFlightExitStart start = start(tx, blocks);
    assertRevertsWith(
        () ->
            l1.as(ALICE)
                .startInFlightExit(
                    new InFlightExitStart(start.inFlightTx(), start.inputs().subList(0, 1))),
        "InputCountMismatch");
    L1Event.InFlightExitStarted started =
        onlyEvent(l1.as(ALICE).startInFlightExit(start), L1Event.InFlightExitStarted.class);
    assertThat(started.exitId()).isEqualTo(id);
    assertThat(started.initiator()).isEqualTo(ALICE.address());
    assertThat(started.txHash()).isEqualTo(txHash);
    assertThat(started.youngestInputPos()).isEqualTo(bobs);
    assertThat(started.inFlightTx()).isEqualTo(Bytes.of(txBytes));
    assertThat(started.witnesses()).isEqualTo(tx.signatures());
    assertRevertsWith(() -> l1.as(BOB).startInFlightExit(start), "InFlightExitAlreadyStarted");

    InFlightExitState state = l1.as(DAVE).inFlightExit(id).orElseThrow();
    assertThat(state.status()).isEqualTo(InFlightExitState.Status.ACTIVE);
    assertThat(state.txHash()).isEqualTo(txHash);
    assertThat(state.bondOwner()).isEqualTo(ALICE.address());
    assertThat(state.youngestInputPos()).isEqualTo(bobs);
    assertThat(state.canonical()).isTrue();
    assertThat(state.oldestCompetitor()).isEmpty();
    assertThat(state.exitableAt()).as("not queued before a piggyback").isEmpty();
    assertThat(state.inputs())
        .containsExactly(
            new InFlightExitState.Input(0, alices, ALICE.address(), ETH, ether(1)),
            new InFlightExitState.Input(1, bobs, BOB.address(), ETH, ether(1)));
    assertThat(state.outputs()).isEmpty();

    // Piggybacks: Alice on her input, Carol and Alice on their outputs.
    assertRevertsWith(() -> l1.as(BOB).piggybackInFlightExitOnOutput(txBytes, 0), "NotSlotOwner");
    L1Event.InFlightExitInputPiggybacked onInput =
        onlyEvent(
            l1.as(ALICE).piggybackInFlightExitOnInput(txBytes, 0),
            L1Event.InFlightExitInputPiggybacked.class);
    assertThat(onInput)
        .extracting(e -> e.exitId(), e -> e.owner(), e -> e.inputIndex())
        .containsExactly(id, ALICE.address(), 0);
    L1Event.InFlightExitOutputPiggybacked onOutput =
        onlyEvent(
            l1.as(CAROL).piggybackInFlightExitOnOutput(txBytes, 0),
            L1Event.InFlightExitOutputPiggybacked.class);
    assertThat(onOutput)
        .extracting(e -> e.exitId(), e -> e.owner(), e -> e.outputIndex())
        .containsExactly(id, CAROL.address(), 0);
    assertRevertsWith(
        () -> l1.as(CAROL).piggybackInFlightExitOnOutput(txBytes, 0), "AlreadyPiggybacked");
    l1.as(ALICE).piggybackInFlightExitOnOutput(txBytes, 1);
    state = l1.as(DAVE).inFlightExit(id).orElseThrow();
    assertThat(state.inputPiggybacked(0)).isTrue();
    assertThat(state.inputPiggybacked(1)).isFalse();
    assertThat(state.outputPiggybacked(0)).isTrue();
    assertThat(state.outputPiggybacked(1)).isTrue();
    assertThat(state.outputs())
        .containsExactly(
            new InFlightExitState.Output(0, CAROL.address(), ETH, wei("1.5")),
            new InFlightExitState.Output(1, ALICE.address(), ETH, wei("0.5")));
    assertThat(state.exitableAt()).isPresent();

    // Bob double-spends his input to Dave in flight; Dave challenges the exit's canonicity.
    SignedTransaction competitor =
        sign(PaymentTransaction.transfer(List.of(bobs), List.of(out(DAVE, "1"))), BOB);
    NonCanonicalChallenge challenge =
        new NonCanonicalChallenge(
            Bytes.of(txBytes),
            1,
            Bytes.of(TxCodec.encode(competitor.tx())),
            0,
            Optional.empty(),
            competitor.signatures().get(0));
    assertRevertsWith(
        () ->
            l1.as(DAVE)
                .challengeInFlightExitNotCanonical(
                    new NonCanonicalChallenge(
                        challenge.inFlightTx(),
                        0,
                        challenge.competingTx(),
                        0,
                        Optional.empty(),
                        challenge.competingTxWitness())),
        null);
    L1Event.InFlightExitChallenged challenged =
        onlyEvent(
            l1.as(DAVE).challengeInFlightExitNotCanonical(challenge),
            L1Event.InFlightExitChallenged.class);
    assertThat(challenged.challenger()).isEqualTo(DAVE.address());
    assertThat(challenged.inputIndex()).isEqualTo(1);
    assertThat(challenged.competitorHash())
        .isEqualTo(Keccak.keccak256(TxCodec.encode(competitor.tx())));
    assertThat(challenged.competitorPos()).isEmpty();
    state = l1.as(DAVE).inFlightExit(id).orElseThrow();
    assertThat(state.canonical()).isFalse();
    assertThat(state.bondOwner()).isEqualTo(DAVE.address());
    assertThat(state.oldestCompetitor())
        .contains(new InFlightExitState.Competitor(Optional.empty()));

    // The operator included the exit's tx after all: Alice responds with its inclusion.
    Block included = commit(tx);
    L1Event.InFlightExitChallengeResponded responded =
        onlyEvent(
            l1.as(ALICE).respondToNonCanonicalChallenge(txBytes, included.inclusion(0)),
            L1Event.InFlightExitChallengeResponded.class);
    assertThat(responded.responder()).isEqualTo(ALICE.address());
    assertThat(responded.txPos()).isEqualTo(new UtxoPos(included.blknum(), 0, 0));
    state = l1.as(DAVE).inFlightExit(id).orElseThrow();
    assertThat(state.canonical()).isTrue();
    assertThat(state.bondOwner()).isEqualTo(ALICE.address());
    assertRevertsWith(
        () -> l1.as(ALICE).respondToNonCanonicalChallenge(txBytes, included.inclusion(0)),
        "NotChallenged");

    // Alice had also signed her input away: her input piggyback is blocked with that spend.
    SignedTransaction alicesSpend =
        sign(PaymentTransaction.transfer(List.of(alices), List.of(out(DAVE, "1"))), ALICE);
    L1Event.InFlightExitInputBlocked inputBlocked =
        onlyEvent(
            l1.as(DAVE)
                .challengeInFlightExitInputSpent(
                    new InputSpentChallenge(
                        Bytes.of(txBytes),
                        0,
                        Bytes.of(TxCodec.encode(alicesSpend.tx())),
                        0,
                        alicesSpend.signatures().get(0))),
            L1Event.InFlightExitInputBlocked.class);
    assertThat(inputBlocked.challenger()).isEqualTo(DAVE.address());
    assertThat(inputBlocked.inputIndex()).isZero();

    // Carol spent her output after the tx was included: her output piggyback is blocked.
    UtxoPos carols = new UtxoPos(included.blknum(), 0, 0);
    SignedTransaction carolsSpend =
        sign(PaymentTransaction.transfer(List.of(carols), List.of(out(DAVE, "1.5"))), CAROL);
    OutputSpentChallenge outputChallenge =
        new OutputSpentChallenge(
            Bytes.of(txBytes),
            included.inclusion(0),
            0,
            Bytes.of(TxCodec.encode(carolsSpend.tx())),
            0,
            carolsSpend.signatures().get(0));
    L1Event.InFlightExitOutputBlocked outputBlocked =
        onlyEvent(
            l1.as(DAVE).challengeInFlightExitOutputSpent(outputChallenge),
            L1Event.InFlightExitOutputBlocked.class);
    assertThat(outputBlocked.outputIndex()).isZero();
    assertRevertsWith(
        () -> l1.as(DAVE).challengeInFlightExitOutputSpent(outputChallenge), "NotPiggybacked");
    state = l1.as(DAVE).inFlightExit(id).orElseThrow();
    assertThat(state.piggybacked()).as("only Alice's output is left").isEqualTo(1 << 5);

    // At maturity the exit is at the top of the ETH queue; processing pays Alice's output.
    assertThat(l1.as(DAVE).topExit(ETH))
        .hasValueSatisfying(top -> assertThat(top.exitId()).isEqualTo(ExitId.of(id)));
    l1.advanceTime(MIN_EXIT_PERIOD.multipliedBy(2).plusSeconds(1));
    BigInteger aliceBefore = l1.balance(ALICE.address());
    L1Event.InFlightExitProcessed processed =
        onlyEvent(
            l1.as(DAVE).processExits(ETH, ExitId.of(id), 10), L1Event.InFlightExitProcessed.class);
    assertThat(processed.exitId()).isEqualTo(id);
    assertThat(processed.token()).isEqualTo(ETH);
    assertThat(processed.canonical()).isTrue();
    assertThat(processed.outputPaid(1)).isTrue();
    assertThat(processed.outputPaid(0)).isFalse();
    assertThat(processed.finalized()).isTrue();
    assertThat(l1.balance(ALICE.address()))
        .as("her output, its piggyback bond back, and the exit bond (she responded last)")
        .isEqualTo(
            aliceBefore
                .add(wei("0.5"))
                .add(Bonds.piggybackBondOf(BOND))
                .add(Bonds.inFlightExitBondOf(BOND)));
    assertThat(l1.as(DAVE).inFlightExit(id).orElseThrow().status())
        .isEqualTo(InFlightExitState.Status.FINALIZED);
    assertThat(l1.as(DAVE).outputFinalizedBy(OutputKey.of(txHash, 1))).contains(ExitId.of(id));
    assertThat(l1.as(DAVE).outputFinalizedBy(OutputKey.of(txHash, 0))).isEmpty();
    assertThat(l1.as(DAVE).outputFinalizedBy(BigInteger.valueOf(alices.toLong())))
        .as("a canonical exit marks its inputs")
        .contains(ExitId.of(id));
  }

  @Test
  void nonCanonicalExit_byAnIncludedCompetitor_paysThePiggybackedInput() {
    List<Block> blocks = new ArrayList<>();
    UtxoPos alices = fundedOutput(ALICE, "0.3", blocks);
    SignedTransaction tx =
        sign(PaymentTransaction.transfer(List.of(alices), List.of(out(CAROL, "0.3"))), ALICE);
    byte[] txBytes = TxCodec.encode(tx.tx());
    InFlightExitId id = InFlightExitId.of(txBytes);
    SignedTransaction competitor =
        sign(PaymentTransaction.transfer(List.of(alices), List.of(out(BOB, "0.3"))), ALICE);
    Block competitorBlock = commit(competitor);
    l1.as(CAROL).startInFlightExit(start(tx, blocks));
    l1.as(ALICE).piggybackInFlightExitOnInput(txBytes, 0);

    L1Event.InFlightExitChallenged challenged =
        onlyEvent(
            l1.as(DAVE)
                .challengeInFlightExitNotCanonical(
                    new NonCanonicalChallenge(
                        Bytes.of(txBytes),
                        0,
                        competitorBlock.txBytes(0),
                        0,
                        Optional.of(competitorBlock.inclusion(0)),
                        competitor.signatures().get(0))),
            L1Event.InFlightExitChallenged.class);
    UtxoPos competitorPos = new UtxoPos(competitorBlock.blknum(), 0, 0);
    assertThat(challenged.competitorPos()).contains(competitorPos);
    assertThat(l1.as(DAVE).inFlightExit(id).orElseThrow().oldestCompetitor())
        .contains(new InFlightExitState.Competitor(Optional.of(competitorPos)));

    l1.advanceTime(MIN_EXIT_PERIOD.multipliedBy(2).plusSeconds(1));
    ExitId top = l1.as(DAVE).topExit(ETH).orElseThrow().exitId();
    assertThat(top).isEqualTo(ExitId.of(id));
    BigInteger aliceBefore = l1.balance(ALICE.address());
    BigInteger daveBefore = l1.balance(DAVE.address());
    Hash32 processing = l1.as(CAROL).processExits(ETH, top, 10);
    L1Event.InFlightExitProcessed processed =
        onlyEvent(processing, L1Event.InFlightExitProcessed.class);
    assertThat(processed.canonical()).isFalse();
    assertThat(processed.inputPaid(0)).isTrue();
    assertThat(processed.finalized()).isTrue();
    assertThat(l1.balance(ALICE.address()))
        .isEqualTo(aliceBefore.add(wei("0.3")).add(Bonds.piggybackBondOf(BOND)));
    assertThat(l1.balance(DAVE.address()))
        .as("the challenger owns the exit bond")
        .isEqualTo(daveBefore.add(Bonds.inFlightExitBondOf(BOND)));
    assertThat(l1.as(DAVE).outputFinalizedBy(BigInteger.valueOf(alices.toLong())))
        .contains(ExitId.of(id));
    assertThat(l1.as(DAVE).topExit(ETH)).isEmpty();
  }

  @Test
  void exitNobodyPiggybacked_isDeletedAfterPhaseOne_andPaysItsBondBack() {
    List<Block> blocks = new ArrayList<>();
    UtxoPos bobs = fundedOutput(BOB, "0.2", blocks);
    SignedTransaction tx =
        sign(PaymentTransaction.transfer(List.of(bobs), List.of(out(CAROL, "0.2"))), BOB);
    byte[] txBytes = TxCodec.encode(tx.tx());
    InFlightExitId id = InFlightExitId.of(txBytes);
    assertThat(l1.as(DAVE).inFlightExit(id)).as("never started").isEmpty();
    l1.as(CAROL).startInFlightExit(start(tx, blocks));

    assertRevertsWith(() -> l1.as(CAROL).deleteNonPiggybackedInFlightExit(id), "PhaseOneNotOver");
    l1.advanceTime(MIN_EXIT_PERIOD.dividedBy(2));
    assertRevertsWith(() -> l1.as(BOB).piggybackInFlightExitOnInput(txBytes, 0), "PhaseOneOver");
    BigInteger carolBefore = l1.balance(CAROL.address());
    L1Event.InFlightExitDeleted deleted =
        onlyEvent(
            l1.as(DAVE).deleteNonPiggybackedInFlightExit(id), L1Event.InFlightExitDeleted.class);
    assertThat(deleted.exitId()).isEqualTo(id);
    assertThat(l1.balance(CAROL.address()))
        .isEqualTo(carolBefore.add(Bonds.inFlightExitBondOf(BOND)));
    assertThat(l1.as(DAVE).inFlightExit(id).orElseThrow().status())
        .isEqualTo(InFlightExitState.Status.FINALIZED);
    assertRevertsWith(
        () -> l1.as(DAVE).deleteNonPiggybackedInFlightExit(id), "InFlightExitNotActive");
    assertRevertsWith(
        () -> l1.as(CAROL).startInFlightExit(start(tx, blocks)), "InFlightExitAlreadyStarted");
  }

  private static SignedTransaction sign(PaymentTransaction tx, PrivateKey... owners) {
    return signer.sign(tx, List.of(owners));
  }

  private static Output out(PrivateKey owner, String ether) {
    return new Output(owner.address(), ETH, wei(ether));
  }

  private static BigInteger wei(String ether) {
    return new BigDecimal(ether).movePointRight(18).toBigIntegerExact();
  }

  private static <T extends L1Event> T onlyEvent(Hash32 txHash, Class<T> type) {
    long l1Block = l1.receipt(txHash).getBlockNumber().longValueExact();
    List<L1Event> events =
        l1.as(DAVE).events(l1Block, l1Block).stream()
            .filter(e -> e.origin().l1TxHash().equals(txHash))
            .filter(type::isInstance)
            .toList();
    assertThat(events).hasSize(1);
    return type.cast(events.get(0));
  }

  /** The call reverts with the contract's {@code error}; any named error if {@code null}. */
  private static void assertRevertsWith(Runnable call, String error) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            L1Exception.class,
            e -> {
              assertThat(e.errorName()).as(e.getMessage()).isPresent();
              if (error != null) {
                assertThat(e.errorName()).as(e.getMessage()).contains(error);
              }
            });
  }
}
