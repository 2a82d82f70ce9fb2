package io.plasmanode.contracts.l1;

import io.plasmanode.contracts.generated.PlasmaInFlightExits;
import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.inflight.InFlightExitStart;
import io.plasmanode.core.inflight.InFlightExitState;
import io.plasmanode.core.inflight.InputSpentChallenge;
import io.plasmanode.core.inflight.NonCanonicalChallenge;
import io.plasmanode.core.inflight.OutputSpentChallenge;
import io.plasmanode.core.inflight.TxInclusion;
import io.plasmanode.core.l1.ExitId;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Bytes;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tuples.generated.Tuple10;
import org.web3j.tuples.generated.Tuple3;
import org.web3j.tuples.generated.Tuple4;

/**
 * The in-flight exit game's reads and call encodings over the generated {@link PlasmaInFlightExits}
 * wrapper, loaded at the Plasma contract's address (which runs the game by DELEGATECALL), for
 * {@link Web3jRootChain}.
 */
final class InFlightExitCalls {
  /** What the contract's {@code oldestCompetitorPos} holds for a competitor in no block. */
  static final BigInteger IN_FLIGHT_COMPETITOR =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private final PlasmaInFlightExits game;
  private final Reader reader;
  private final byte[] senderData;

  /** Reads a contract view, turning failures into {@link L1Exception}s. */
  interface Reader {
    <T> T read(String what, RemoteFunctionCall<T> call);
  }

  /**
   * The game at {@code game}'s address, reading through {@code reader}; the challenges and the
   * response it encodes carry the {@code senderData} of {@code sender}, the account that sends
   * them.
   */
  InFlightExitCalls(PlasmaInFlightExits game, Reader reader, Address sender) {
    this.game = game;
    this.reader = reader;
    this.senderData = ContractCalls.senderData(sender).getValue();
  }

  BigInteger inFlightExitBond() {
    return reader.read("inFlightExitBond", game.inFlightExitBond());
  }

  BigInteger piggybackBond() {
    return reader.read("piggybackBond", game.piggybackBond());
  }

  Optional<ExitId> outputFinalizedBy(BigInteger key) {
    BigInteger exitId = reader.read("outputFinalizedBy", game.outputFinalizedBy(key));
    if (exitId.signum() == 0) {
      return Optional.empty();
    }
    return Optional.of(
        ExitId.fromBigInteger(exitId)
            .orElseThrow(() -> L1Exception.failed("outputFinalizedBy: not an exit id " + exitId)));
  }

  Optional<InFlightExitState> inFlightExit(InFlightExitId exitId) {
    Tuple10<
            BigInteger,
            byte[],
            String,
            BigInteger,
            BigInteger,
            BigInteger,
            BigInteger,
            Boolean,
            BigInteger,
            BigInteger>
        exit = reader.read("inFlightExits", game.inFlightExits(exitId.value()));
    int status = exit.component1().intValueExact();
    if (status == 0) {
      return Optional.empty();
    }
    return Optional.of(
        new InFlightExitState(
            status == 1 ? InFlightExitState.Status.ACTIVE : InFlightExitState.Status.FINALIZED,
            Hash32.of(exit.component2()),
            Address.fromHex(exit.component3()),
            Instant.ofEpochSecond(exit.component4().longValueExact()),
            exit.component5().signum() == 0
                ? Optional.empty()
                : Optional.of(Instant.ofEpochSecond(exit.component5().longValueExact())),
            position("youngestInputPos", exit.component6()),
            competitor(exit.component7()),
            exit.component8(),
            inputs(exitId, exit.component9().intValueExact()),
            outputs(exitId),
            exit.component10().intValueExact()));
  }

  private static Optional<InFlightExitState.Competitor> competitor(BigInteger pos) {
    if (pos.signum() == 0) {
      return Optional.empty();
    }
    if (pos.equals(IN_FLIGHT_COMPETITOR)) {
      return Optional.of(new InFlightExitState.Competitor(Optional.empty()));
    }
    return Optional.of(
        new InFlightExitState.Competitor(Optional.of(position("oldestCompetitorPos", pos))));
  }

  private List<InFlightExitState.Input> inputs(InFlightExitId exitId, int count) {
    List<InFlightExitState.Input> inputs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Tuple4<BigInteger, String, String, BigInteger> input =
          reader.read(
              "inFlightExitInput", game.inFlightExitInput(exitId.value(), BigInteger.valueOf(i)));
      inputs.add(
          new InFlightExitState.Input(
              i,
              position("inFlightExitInput", input.component1()),
              Address.fromHex(input.component2()),
              Address.fromHex(input.component3()),
              input.component4()));
    }
    return inputs;
  }

  private List<InFlightExitState.Output> outputs(InFlightExitId exitId) {
    List<InFlightExitState.Output> outputs = new ArrayList<>();
    for (int i = 0; i < UtxoPos.MAX_OUTPUTS; i++) {
      Tuple3<String, String, BigInteger> output =
          reader.read(
              "inFlightExitOutput", game.inFlightExitOutput(exitId.value(), BigInteger.valueOf(i)));
      Address owner = Address.fromHex(output.component1());
      if (!owner.equals(Address.ZERO)) {
        outputs.add(
            new InFlightExitState.Output(
                i, owner, Address.fromHex(output.component2()), output.component3()));
      }
    }
    return outputs;
  }

  static UtxoPos position(String what, BigInteger value) {
    return UtxoPos.fromBigInteger(value)
        .orElseThrow(() -> L1Exception.failed(what + ": not a position " + value));
  }

  // ------------------------------------------------------------------ calls

  String startInFlightExit(InFlightExitStart start, BigInteger bond) {
    return encoded(
        game.startInFlightExit(
            start.inFlightTx().toArray(),
            arrays(start.inputTxs(), Bytes::toArray),
            start.inputUtxosPos().stream().map(pos -> BigInteger.valueOf(pos.toLong())).toList(),
            arrays(start.inclusionProofs(), Bytes::toArray),
            arrays(start.witnesses(), Signature::toArray),
            bond));
  }

  String piggybackOnInput(byte[] inFlightTx, int inputIndex, BigInteger bond) {
    return encoded(
        game.piggybackInFlightExitOnInput(inFlightTx, BigInteger.valueOf(inputIndex), bond));
  }

  String piggybackOnOutput(byte[] inFlightTx, int outputIndex, BigInteger bond) {
    return encoded(
        game.piggybackInFlightExitOnOutput(inFlightTx, BigInteger.valueOf(outputIndex), bond));
  }

  String challengeNotCanonical(NonCanonicalChallenge c) {
    return encoded(
        game.challengeInFlightExitNotCanonical(
            c.inFlightTx().toArray(),
            BigInteger.valueOf(c.inputIndex()),
            c.competingTx().toArray(),
            BigInteger.valueOf(c.competingTxInputIndex()),
            c.competitorInclusion()
                .map(in -> BigInteger.valueOf(in.txPos().toLong()))
                .orElse(BigInteger.ZERO),
            c.competitorInclusion().map(in -> in.proof().toArray()).orElse(new byte[0]),
            c.competingTxWitness().toArray(),
            senderData));
  }

  String respond(byte[] inFlightTx, TxInclusion inclusion) {
    return encoded(
        game.respondToNonCanonicalChallenge(
            inFlightTx,
            BigInteger.valueOf(inclusion.txPos().toLong()),
            inclusion.proof().toArray(),
            senderData));
  }

  String challengeInputSpent(InputSpentChallenge c) {
    return encoded(
        game.challengeInFlightExitInputSpent(
            c.inFlightTx().toArray(),
            BigInteger.valueOf(c.inputIndex()),
            c.challengingTx().toArray(),
            BigInteger.valueOf(c.challengingTxInputIndex()),
            c.challengingTxWitness().toArray(),
            senderData));
  }

  String challengeOutputSpent(OutputSpentChallenge c) {
    return encoded(
        game.challengeInFlightExitOutputSpent(
            c.inFlightTx().toArray(),
            BigInteger.valueOf(c.inFlightTxInclusion().txPos().toLong()),
            c.inFlightTxInclusion().proof().toArray(),
            BigInteger.valueOf(c.outputIndex()),
            c.challengingTx().toArray(),
            BigInteger.valueOf(c.challengingTxInputIndex()),
            c.challengingTxWitness().toArray(),
            senderData));
  }

  String deleteNonPiggybacked(InFlightExitId exitId) {
    return encoded(game.deleteNonPiggybackedInFlightExit(exitId.value()));
  }

  private static <T> List<byte[]> arrays(List<T> values, Function<T, byte[]> toArray) {
    return values.stream().map(toArray).toList();
  }

  private static String encoded(RemoteFunctionCall<TransactionReceipt> call) {
    return call.encodeFunctionCall();
  }
}
