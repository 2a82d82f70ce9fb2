package io.plasmanode.contracts.l1;

import static io.plasmanode.contracts.l1.L1EventDecoder.origin;
import static io.plasmanode.contracts.l1.L1EventDecoder.position;

import io.plasmanode.contracts.generated.PlasmaInFlightExits;
import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Bytes;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Decodes the in-flight exit game's logs (contracts/src/IPlasmaInFlightExits.sol, emitted from the
 * Plasma contract's address) into {@link L1Event.InFlightExitEvent}s, for {@link L1EventDecoder}.
 */
final class InFlightExitEventDecoder {
  /** The decoder of each in-flight exit event, by its topic 0. */
  static final Map<String, Function<Log, L1Event>> BY_TOPIC =
      Map.of(
          topic(PlasmaInFlightExits.INFLIGHTEXITSTARTED_EVENT),
          InFlightExitEventDecoder::started,
          topic(PlasmaInFlightExits.INFLIGHTEXITINPUTPIGGYBACKED_EVENT),
          InFlightExitEventDecoder::inputPiggybacked,
          topic(PlasmaInFlightExits.INFLIGHTEXITOUTPUTPIGGYBACKED_EVENT),
          InFlightExitEventDecoder::outputPiggybacked,
          topic(PlasmaInFlightExits.INFLIGHTEXITCHALLENGED_EVENT),
          InFlightExitEventDecoder::challenged,
          topic(PlasmaInFlightExits.INFLIGHTEXITCHALLENGERESPONDED_EVENT),
          InFlightExitEventDecoder::responded,
          topic(PlasmaInFlightExits.INFLIGHTEXITINPUTBLOCKED_EVENT),
          InFlightExitEventDecoder::inputBlocked,
          topic(PlasmaInFlightExits.INFLIGHTEXITOUTPUTBLOCKED_EVENT),
          InFlightExitEventDecoder::outputBlocked,
          topic(PlasmaInFlightExits.INFLIGHTEXITDELETED_EVENT),
          InFlightExitEventDecoder::deleted,
          topic(PlasmaInFlightExits.INFLIGHTEXITPROCESSED_EVENT),
          InFlightExitEventDecoder::processed);

  private InFlightExitEventDecoder() {}

  private static String topic(org.web3j.abi.datatypes.Event event) {
    return EventEncoder.encode(event);
  }

  private static L1Event started(Log log) {
    var event = PlasmaInFlightExits.getInFlightExitStartedEventFromLog(log);
    return new L1Event.InFlightExitStarted(
        origin(log),
        exitId(event.exitId),
        Address.fromHex(event.initiator),
        Hash32.of(event.txHash),
        position(event.youngestInputPos),
        Bytes.of(event.inFlightTx),
        witnesses(event.witnesses));
  }

  /** The concatenated 65-byte signatures the contract logs, split. */
  static List<Signature> witnesses(byte[] concatenated) {
    if (concatenated.length % Signature.SIZE != 0) {
      throw L1Exception.failed(
          "the contract logged " + concatenated.length + " bytes of witnesses, not 65 each");
    }
    List<Signature> witnesses = new ArrayList<>();
    for (int at = 0; at < concatenated.length; at += Signature.SIZE) {
      witnesses.add(Signature.of(Arrays.copyOfRange(concatenated, at, at + Signature.SIZE)));
    }
    return witnesses;
  }

  private static L1Event inputPiggybacked(Log log) {
    var event = PlasmaInFlightExits.getInFlightExitInputPiggybackedEventFromLog(log);
    return new L1Event.InFlightExitInputPiggybacked(
        origin(log),
        exitId(event.exitId),
        Address.fromHex(event.owner),
        event.inputIndex.intValueExact());
  }

  private static L1Event outputPiggybacked(Log log) {
    var event = PlasmaInFlightExits.getInFlightExitOutputPiggybackedEventFromLog(log);
    return new L1Event.InFlightExitOutputPiggybacked(
        origin(log),
        exitId(event.exitId),
        Address.fromHex(event.owner),
        event.outputIndex.intValueExact());
  }

  private static L1Event challenged(Log log) {
    var event = PlasmaInFlightExits.getInFlightExitChallengedEventFromLog(log);
    return new L1Event.InFlightExitChallenged(
        origin(log),
        exitId(event.exitId),
        Address.fromHex(event.challenger),
        event.inputIndex.intValueExact(),
        Hash32.of(event.competitorHash),
        event.competitorPos.signum() == 0
            ? Optional.empty()
            : Optional.of(position(event.competitorPos)));
  }

  private static L1Event responded(Log log) {
    var event = PlasmaInFlightExits.getInFlightExitChallengeRespondedEventFromLog(log);
    return new L1Event.InFlightExitChallengeResponded(
        origin(log), exitId(event.exitId), Address.fromHex(event.responder), position(event.txPos));
  }

  private static L1Event inputBlocked(Log log) {
    var event = PlasmaInFlightExits.getInFlightExitInputBlockedEventFromLog(log);
    return new L1Event.InFlightExitInputBlocked(
        origin(log),
        exitId(event.exitId),
        Address.fromHex(event.challenger),
        event.inputIndex.intValueExact());
  }

  private static L1Event outputBlocked(Log log) {
    var event = PlasmaInFlightExits.getInFlightExitOutputBlockedEventFromLog(log);
    return new L1Event.InFlightExitOutputBlocked(
        origin(log),
        exitId(event.exitId),
        Address.fromHex(event.challenger),
        event.outputIndex.intValueExact());
  }

  private static L1Event deleted(Log log) {
    var event = PlasmaInFlightExits.getInFlightExitDeletedEventFromLog(log);
    return new L1Event.InFlightExitDeleted(origin(log), exitId(event.exitId));
  }

  private static L1Event processed(Log log) {
    var event = PlasmaInFlightExits.getInFlightExitProcessedEventFromLog(log);
    return new L1Event.InFlightExitProcessed(
        origin(log),
        exitId(event.exitId),
        Address.fromHex(event.token),
        event.canonical,
        event.paidSlots.intValueExact(),
        event.finalized);
  }

  private static InFlightExitId exitId(BigInteger value) {
    if (!InFlightExitId.isInFlight(value)) {
      throw L1Exception.failed("the contract logged an invalid in-flight exit id " + value);
    }
    return new InFlightExitId(value);
  }
}
