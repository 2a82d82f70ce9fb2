package io.plasmanode.contracts.l1;

import io.plasmanode.contracts.generated.Plasma;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Decodes the Plasma contract's logs into {@link L1Event}s with the generated wrappers' codecs (the
 * in-flight exit game's events come from Plasma's address too: {@link InFlightExitEventDecoder}).
 */
final class L1EventDecoder {
  private final Map<String, Function<Log, L1Event>> byTopic = byTopic();

  private static Map<String, Function<Log, L1Event>> byTopic() {
    Map<String, Function<Log, L1Event>> map = new HashMap<>(InFlightExitEventDecoder.BY_TOPIC);
    map.put(EventEncoder.encode(Plasma.DEPOSITCREATED_EVENT), L1EventDecoder::deposit);
    map.put(EventEncoder.encode(Plasma.EXITSTARTED_EVENT), L1EventDecoder::exitStarted);
    map.put(EventEncoder.encode(Plasma.EXITCHALLENGED_EVENT), L1EventDecoder::exitChallenged);
    map.put(EventEncoder.encode(Plasma.EXITFINALIZED_EVENT), L1EventDecoder::exitFinalized);
    map.put(EventEncoder.encode(Plasma.BLOCKSUBMITTED_EVENT), L1EventDecoder::blockSubmitted);
    return Map.copyOf(map);
  }

  /** The event of {@code log}, or empty for logs this child chain does not act on. */
  Optional<L1Event> decode(Log log) {
    if (log.isRemoved() || log.getTopics().isEmpty()) {
      return Optional.empty();
    }
    return Optional.ofNullable(byTopic.get(log.getTopics().get(0))).map(f -> f.apply(log));
  }

  static L1Event.L1Origin origin(Log log) {
    return new L1Event.L1Origin(
        log.getBlockNumber().longValueExact(),
        Hash32.fromHex(log.getTransactionHash()),
        log.getLogIndex().longValueExact());
  }

  private static L1Event deposit(Log log) {
    var event = Plasma.getDepositCreatedEventFromLog(log);
    return new L1Event.Deposit(
        origin(log),
        event.blknum.longValueExact(),
        Address.fromHex(event.owner),
        Address.fromHex(event.token),
        event.amount);
  }

  private static L1Event exitStarted(Log log) {
    var event = Plasma.getExitStartedEventFromLog(log);
    return new L1Event.ExitStarted(
        origin(log),
        position(event.utxoPos),
        Address.fromHex(event.owner),
        Address.fromHex(event.token),
        event.amount,
        Instant.ofEpochSecond(event.exitableAt.longValueExact()));
  }

  private static L1Event exitChallenged(Log log) {
    var event = Plasma.getExitChallengedEventFromLog(log);
    return new L1Event.ExitChallenged(
        origin(log),
        position(event.utxoPos),
        Address.fromHex(event.challenger),
        Hash32.of(event.spendingTxHash));
  }

  private static L1Event exitFinalized(Log log) {
    var event = Plasma.getExitFinalizedEventFromLog(log);
    return new L1Event.ExitFinalized(
        origin(log),
        position(event.utxoPos),
        Address.fromHex(event.owner),
        Address.fromHex(event.token),
        event.amount,
        event.paid);
  }

  private static L1Event blockSubmitted(Log log) {
    var event = Plasma.getBlockSubmittedEventFromLog(log);
    return new L1Event.BlockSubmitted(
        origin(log), event.blknum.longValueExact(), Hash32.of(event.root));
  }

  static UtxoPos position(BigInteger value) {
    return UtxoPos.fromBigInteger(value)
        .orElseThrow(() -> L1Exception.failed("the contract logged an invalid position " + value));
  }
}
