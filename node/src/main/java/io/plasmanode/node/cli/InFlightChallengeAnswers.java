package io.plasmanode.node.cli;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.crypto.SignerRecovery;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.eip712.PaymentEip712;
import io.plasmanode.core.inflight.InFlightExitState;
import io.plasmanode.core.inflight.InputSpentChallenge;
import io.plasmanode.core.inflight.NonCanonicalChallenge;
import io.plasmanode.core.inflight.OutputSpentChallenge;
import io.plasmanode.core.inflight.TxInclusion;
import io.plasmanode.core.merkle.MerkleProof;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Bytes;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.ValidationResult;
import io.plasmanode.node.rpc.InFlightRpcResults.CompetitorResult;
import io.plasmanode.node.rpc.InFlightRpcResults.InputChallengeResult;
import io.plasmanode.node.rpc.InFlightRpcResults.OutputChallengeResult;
import java.util.Arrays;
import java.util.Optional;

/**
 * Checks a watcher's answer to an in-flight challenge method (docs/watcher-rpc.md) against the exit
 * it was asked about, as the contract would, and turns it into the call's arguments (pure). A
 * watcher that is wrong, out of date or hostile costs a refusal here, not a reverted L1
 * transaction: the answer must be about this exit's tx and slot, its challenging tx must be another
 * transfer that spends that slot's output, and its witness the slot owner's signature over it for
 * this contract and chain.
 */
final class InFlightChallengeAnswers {
  private final Eip712Domain domain;
  private final SignerRecovery recovery;
  private final String source;

  /**
   * @param source who answered, for the messages: {@code the watcher at http://...}
   */
  InFlightChallengeAnswers(Eip712Domain domain, SignerRecovery recovery, String source) {
    this.domain = requireNonNull(domain, "domain");
    this.recovery = requireNonNull(recovery, "recovery");
    this.source = requireNonNull(source, "source");
  }

  /**
   * The competitor {@code answer} of the exit of {@code exitTx}, recorded on L1 as {@code state}.
   */
  NonCanonicalChallenge competitor(
      byte[] exitTx, InFlightExitState state, CompetitorResult answer) {
    PaymentTransaction tx = sameTx(exitTx, answer.inFlightTx());
    int index = answer.inputIndex();
    if (index < 0 || index >= tx.inputs().size()) {
      throw unusable("it names input " + index + " of a tx with " + tx.inputs().size());
    }
    byte[] competing = bytes(answer.competingTx(), "competingTx");
    PaymentTransaction rival = spender(exitTx, competing);
    checkSpends(rival, answer.competingTxInputIndex(), tx.inputs().get(index));
    checkSigner(
        rival, answer.competingTxWitness(), owner(state, index), "input " + index + "'s owner");
    return new NonCanonicalChallenge(
        Bytes.of(exitTx),
        index,
        Bytes.of(competing),
        answer.competingTxInputIndex(),
        competitorInclusion(answer),
        answer.competingTxWitness());
  }

  /**
   * The spend {@code answer} of input {@code index} of {@code exitTx}, recorded as {@code state}.
   */
  InputSpentChallenge inputSpent(
      byte[] exitTx, InFlightExitState state, int index, InputChallengeResult answer) {
    PaymentTransaction tx = sameTx(exitTx, answer.inFlightTx());
    if (answer.inputIndex() != index) {
      throw unusable("it is about input " + answer.inputIndex() + ", not input " + index);
    }
    byte[] challenging = bytes(answer.challengingTx(), "challengingTx");
    PaymentTransaction spender = spender(exitTx, challenging);
    checkSpends(spender, answer.challengingTxInputIndex(), tx.inputs().get(index));
    checkSigner(spender, answer.challengingTxWitness(), owner(state, index), "the input's owner");
    return new InputSpentChallenge(
        Bytes.of(exitTx),
        index,
        Bytes.of(challenging),
        answer.challengingTxInputIndex(),
        answer.challengingTxWitness());
  }

  /** The inclusion of {@code exitTx} and the spend {@code answer} of its output {@code index}. */
  OutputSpentChallenge outputSpent(byte[] exitTx, int index, OutputChallengeResult answer) {
    PaymentTransaction tx = sameTx(exitTx, answer.inFlightTx());
    if (answer.outputIndex() != index) {
      throw unusable("it is about output " + answer.outputIndex() + ", not output " + index);
    }
    UtxoPos txPos = answer.inFlightTxPos();
    if (txPos == null || txPos.oindex() != 0) {
      throw unusable("inFlightTxPos " + txPos + " is not a transaction's position (oindex 0)");
    }
    TxInclusion inclusion =
        TxInclusion.of(txPos, proof(answer.inFlightTxInclusionProof(), "inFlightTxInclusionProof"));
    byte[] challenging = bytes(answer.challengingTx(), "challengingTx");
    PaymentTransaction spender = spender(exitTx, challenging);
    checkSpends(
        spender,
        answer.challengingTxInputIndex(),
        new UtxoPos(txPos.blknum(), txPos.txindex(), index));
    checkSigner(
        spender,
        answer.challengingTxWitness(),
        tx.outputs().get(index).owner(),
        "the output's owner");
    return new OutputSpentChallenge(
        Bytes.of(exitTx),
        inclusion,
        index,
        Bytes.of(challenging),
        answer.challengingTxInputIndex(),
        answer.challengingTxWitness());
  }

  /** Input {@code index}'s owner as the contract recorded it at the exit's start. */
  private Address owner(InFlightExitState state, int index) {
    return state.inputs().stream()
        .filter(input -> input.index() == index)
        .map(InFlightExitState.Input::owner)
        .findFirst()
        .orElseThrow(() -> unusable("L1 records no input " + index + " of the exit"));
  }

  private PaymentTransaction sameTx(byte[] exitTx, String answered) {
    if (!Arrays.equals(bytes(answered, "inFlightTx"), exitTx)) {
      throw unusable("it is about another transaction than the exit's");
    }
    return TxCodec.decode(exitTx).get();
  }

  /** The challenging tx: another transfer than the exit's. */
  private PaymentTransaction spender(byte[] exitTx, byte[] challenging) {
    ValidationResult<PaymentTransaction> decoded = TxCodec.decode(challenging);
    if (!decoded.isValid() || decoded.get().isDeposit()) {
      throw unusable("its challenging transaction is not an unsigned transfer (" + decoded + ")");
    }
    if (Arrays.equals(challenging, exitTx)) {
      throw unusable("its challenging transaction is the exit's own (SameTx)");
    }
    return decoded.get();
  }

  private void checkSpends(PaymentTransaction spender, int inputIndex, UtxoPos spent) {
    if (inputIndex < 0
        || inputIndex >= spender.inputs().size()
        || !spender.inputs().get(inputIndex).equals(spent)) {
      throw unusable(
          "its challenging transaction's input "
              + inputIndex
              + " is not "
              + spent
              + ", the output"
              + " challenged");
    }
  }

  private void checkSigner(
      PaymentTransaction spender, Signature witness, Address owner, String whose) {
    Hash32 digest = PaymentEip712.signingHash(domain, spender);
    Optional<Address> signer =
        witness == null ? Optional.empty() : recovery.recover(digest, witness);
    if (signer.filter(owner::equals).isEmpty()) {
      throw unusable(
          "its witness is not the signature of %s %s for this contract and chain: the contract"
                  .formatted(whose, owner)
              + " would refuse it");
    }
  }

  private Optional<TxInclusion> competitorInclusion(CompetitorResult answer) {
    String position = answer.competingTxPos();
    if ("0".equals(position)) {
      return Optional.empty();
    }
    Optional<UtxoPos> pos = Optional.empty();
    try {
      pos = UtxoPos.fromLong(Long.parseLong(position == null ? "" : position));
    } catch (NumberFormatException e) {
      // reported below
    }
    if (pos.isEmpty() || pos.get().oindex() != 0) {
      throw unusable("competingTxPos " + position + " is not a transaction's position");
    }
    return Optional.of(
        TxInclusion.of(
            pos.get(), proof(answer.competingTxInclusionProof(), "competingTxInclusionProof")));
  }

  private byte[] proof(String hex, String field) {
    byte[] proof = bytes(hex, field);
    if (proof.length != MerkleProof.SIZE) {
      throw unusable(field + " has " + proof.length + " bytes, not " + MerkleProof.SIZE);
    }
    return proof;
  }

  private byte[] bytes(String hex, String field) {
    try {
      return Bytes.fromHex(requireNonNull(hex, field)).toArray();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw unusable(field + " is not hex");
    }
  }

  private CliException unusable(String why) {
    return new CliException("%s sent an unusable answer: %s".formatted(source, why));
  }
}
