package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.crypto.BouncyCastleSignerRecovery;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.inflight.InFlightExitState;
import io.plasmanode.core.inflight.InputSpentChallenge;
import io.plasmanode.core.inflight.NonCanonicalChallenge;
import io.plasmanode.core.inflight.OutputSpentChallenge;
import io.plasmanode.core.merkle.MerkleProof;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.types.Hex;
import io.plasmanode.node.rpc.InFlightRpcResults.CompetitorResult;
import io.plasmanode.node.rpc.InFlightRpcResults.InputChallengeResult;
import io.plasmanode.node.rpc.InFlightRpcResults.OutputChallengeResult;
import io.plasmanode.node.testing.Payments;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;

/**
 * The CLI's checks of a watcher's in-flight challenge data: a right answer becomes the contract
 * call's arguments; an answer about another tx or slot, with a challenging tx that is the exit's
 * own or spends another output, or with a witness the contract would refuse, is refused before
 * anything is sent.
 */
class InFlightChallengeAnswersTest {
  private static final Eip712Domain DOMAIN =
      new Eip712Domain(Address.fromHex("0x" + "42".repeat(20)), 31337);
  private static final Payments PAY = Payments.of(DOMAIN);
  private static final UtxoPos ALICES = new UtxoPos(1, 0, 0);
  private static final UtxoPos BOBS = new UtxoPos(2, 0, 0);
  private static final UtxoPos TX_POS = new UtxoPos(1000, 3, 0);
  private static final String SOURCE = "the watcher at http://127.0.0.1:9657";

  private final InFlightChallengeAnswers answers =
      new InFlightChallengeAnswers(DOMAIN, new BouncyCastleSignerRecovery(), SOURCE);

  /** Alice and Bob pay Carol 2: inputs Alice's (0) and Bob's (1); output 0 is Carol's. */
  private final SignedTransaction exit =
      PAY.sign(
          Payments.transfer(List.of(ALICES, BOBS), List.of(Payments.eth(TestKeys.CAROL, 2))),
          List.of(TestKeys.ALICE, TestKeys.BOB));

  private final byte[] exitTx = TxCodec.encode(exit.tx());

  private final InFlightExitState state =
      new InFlightExitState(
          InFlightExitState.Status.ACTIVE,
          Hash32.ZERO,
          TestKeys.ALICE.address(),
          Instant.EPOCH,
          Optional.empty(),
          BOBS,
          Optional.empty(),
          true,
          List.of(
              new InFlightExitState.Input(
                  0, ALICES, TestKeys.ALICE.address(), Address.ZERO, BigInteger.ONE),
              new InFlightExitState.Input(
                  1, BOBS, TestKeys.BOB.address(), Address.ZERO, BigInteger.ONE)),
          List.of(),
          0);

  private static String hex(SignedTransaction tx) {
    return Hex.encode(TxCodec.encode(tx.tx()));
  }

  private static String proof() {
    return Hex.encode(new byte[MerkleProof.SIZE]);
  }

  private CompetitorResult competitor(SignedTransaction rival, String pos, String proof) {
    return new CompetitorResult(
        Hex.encode(exitTx), 1, hex(rival), 0, pos, proof, rival.signatures().getFirst());
  }

  @Test
  void competitor_inFlightOrIncluded_becomesTheCallsArguments() {
    SignedTransaction rival = PAY.transfer(TestKeys.BOB, BOBS, Payments.eth(TestKeys.DAVE, 1));

    NonCanonicalChallenge inFlight =
        answers.competitor(exitTx, state, competitor(rival, "0", "0x"));
    NonCanonicalChallenge included =
        answers.competitor(exitTx, state, competitor(rival, TX_POS.toString(), proof()));

    assertThat(inFlight.inputIndex()).isEqualTo(1);
    assertThat(inFlight.competingTx().toArray()).isEqualTo(TxCodec.encode(rival.tx()));
    assertThat(inFlight.competitorInclusion()).isEmpty();
    assertThat(included.competitorInclusion().orElseThrow().txPos()).isEqualTo(TX_POS);
  }

  @Test
  void competitor_thatTheContractWouldRefuse_isRefusedNamingTheWatcher() {
    SignedTransaction rival = PAY.transfer(TestKeys.BOB, BOBS, Payments.eth(TestKeys.DAVE, 1));
    SignedTransaction forged = PAY.transfer(TestKeys.DAVE, BOBS, Payments.eth(TestKeys.DAVE, 1));
    SignedTransaction elsewhere =
        PAY.transfer(TestKeys.BOB, new UtxoPos(3, 0, 0), Payments.eth(TestKeys.DAVE, 1));

    assertRefused(() -> answers.competitor(exitTx, state, competitor(forged, "0", "0x")))
        .contains("is not the signature of input 1's owner " + TestKeys.BOB.address());
    assertRefused(() -> answers.competitor(exitTx, state, competitor(elsewhere, "0", "0x")))
        .contains("input 0 is not " + BOBS);
    assertRefused(() -> answers.competitor(exitTx, state, competitor(exit, "0", "0x")))
        .contains("SameTx");
    assertRefused(() -> answers.competitor(exitTx, state, competitor(rival, "1000000031", proof())))
        .contains("competingTxPos 1000000031 is not a transaction's position");
    assertRefused(() -> answers.competitor(exitTx, state, competitor(rival, "x", proof())))
        .contains("competingTxPos x");
    assertRefused(
            () -> answers.competitor(exitTx, state, competitor(rival, TX_POS.toString(), "0x00")))
        .contains("competingTxInclusionProof has 1 bytes, not 512");
    CompetitorResult otherTx =
        new CompetitorResult(
            hex(rival), 0, hex(rival), 0, "0", "0x", rival.signatures().getFirst());
    assertRefused(() -> answers.competitor(exitTx, state, otherTx))
        .contains("about another transaction than the exit's");
    CompetitorResult pastInputs =
        new CompetitorResult(
            Hex.encode(exitTx), 2, hex(rival), 0, "0", "0x", rival.signatures().getFirst());
    assertRefused(() -> answers.competitor(exitTx, state, pastInputs)).contains("input 2");
  }

  @Test
  void inputSpent_isCheckedAgainstTheInputAndItsOwner() {
    SignedTransaction spend = PAY.transfer(TestKeys.ALICE, ALICES, Payments.eth(TestKeys.DAVE, 1));
    SignedTransaction otherChain =
        Payments.of(new Eip712Domain(DOMAIN.verifyingContract(), 1))
            .transfer(TestKeys.ALICE, ALICES, Payments.eth(TestKeys.DAVE, 1));

    InputSpentChallenge challenge = answers.inputSpent(exitTx, state, 0, inputAnswer(0, spend));

    assertThat(challenge.inputIndex()).isZero();
    assertThat(challenge.challengingTxWitness()).isEqualTo(spend.signatures().getFirst());
    assertRefused(() -> answers.inputSpent(exitTx, state, 1, inputAnswer(0, spend)))
        .contains("about input 0, not input 1");
    assertRefused(() -> answers.inputSpent(exitTx, state, 0, inputAnswer(0, otherChain)))
        .contains("owner " + TestKeys.ALICE.address() + " for this contract and chain");
    InputChallengeResult notHex =
        new InputChallengeResult(Hex.encode(exitTx), 0, "0xzz", 0, spend.signatures().getFirst());
    assertRefused(() -> answers.inputSpent(exitTx, state, 0, notHex))
        .contains("challengingTx is not hex");
  }

  @Test
  void outputSpent_isCheckedAgainstTheInclusionTheOutputAndItsOwner() {
    UtxoPos carols = new UtxoPos(TX_POS.blknum(), TX_POS.txindex(), 0);
    SignedTransaction spend = PAY.transfer(TestKeys.CAROL, carols, Payments.eth(TestKeys.DAVE, 1));
    SignedTransaction notTheOwners =
        PAY.transfer(TestKeys.ALICE, carols, Payments.eth(TestKeys.DAVE, 1));

    OutputSpentChallenge challenge = answers.outputSpent(exitTx, 0, outputAnswer(TX_POS, spend));

    assertThat(challenge.inFlightTxInclusion().txPos()).isEqualTo(TX_POS);
    assertThat(challenge.outputIndex()).isZero();
    assertRefused(() -> answers.outputSpent(exitTx, 0, outputAnswer(TX_POS, notTheOwners)))
        .contains("the output's owner " + TestKeys.CAROL.address());
    assertRefused(
            () -> answers.outputSpent(exitTx, 0, outputAnswer(new UtxoPos(1000, 4, 0), spend)))
        .contains("input 0 is not " + new UtxoPos(1000, 4, 0));
    assertRefused(
            () ->
                answers.outputSpent(
                    exitTx,
                    0,
                    outputAnswer(new UtxoPos(carols.blknum(), carols.txindex(), 1), spend)))
        .contains("is not a transaction's position");
  }

  private InputChallengeResult inputAnswer(int index, SignedTransaction spend) {
    return new InputChallengeResult(
        Hex.encode(exitTx), index, hex(spend), 0, spend.signatures().getFirst());
  }

  private OutputChallengeResult outputAnswer(UtxoPos txPos, SignedTransaction spend) {
    return new OutputChallengeResult(
        Hex.encode(exitTx), txPos, proof(), 0, hex(spend), 0, spend.signatures().getFirst());
  }

  private static AbstractStringAssert<?> assertRefused(Runnable call) {
    try {
      call.run();
    } catch (CliException e) {
      return assertThat(e.getMessage()).startsWith(SOURCE + " sent an unusable answer: ");
    }
    throw new AssertionError("not refused");
  }
}
