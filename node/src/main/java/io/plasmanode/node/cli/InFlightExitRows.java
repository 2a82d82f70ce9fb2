package io.plasmanode.node.cli;

import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.inflight.InFlightExitState;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.validation.ValidationResult;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The in-flight exits of {@code plasma exit list}: each InFlightExitStarted event with the
 * contract's record of the exit now, its phase, its piggybacks and what the account may still do.
 */
final class InFlightExitRows {
  private final List<Map<String, Object>> json = new ArrayList<>();
  private final StringBuilder human = new StringBuilder();

  /** Reads the exits from L1 and keeps those that concern {@code account} (all when empty). */
  static InFlightExitRows read(ExitL1 session, long fromBlock, Optional<Address> account) {
    InFlightExitRows rows = new InFlightExitRows();
    Instant now = session.now();
    Duration period = session.chain().minExitPeriod();
    List<L1Event.InFlightExitEvent> events =
        session.events(fromBlock, L1Event.InFlightExitEvent.class);
    Map<InFlightExitId, InFlightExitEvents> happened = new HashMap<>();
    for (L1Event.InFlightExitEvent event : events) {
      happened.put(
          event.exitId(),
          happened.getOrDefault(event.exitId(), InFlightExitEvents.NONE).with(event));
    }
    for (L1Event.InFlightExitEvent event : events) {
      if (!(event instanceof L1Event.InFlightExitStarted started)) {
        continue;
      }
      ValidationResult<PaymentTransaction> tx = TxCodec.decode(started.inFlightTx().toArray());
      Optional<InFlightExitState> state = session.chain().inFlightExit(started.exitId());
      if (!tx.isValid() || state.isEmpty()) {
        continue;
      }
      InFlightExitView view = new InFlightExitView(state.get(), tx.get(), period, now);
      if (account.isEmpty() || view.concerns(account.get(), started.initiator())) {
        rows.add(started, view, happened.get(started.exitId()), account);
      }
    }
    return rows;
  }

  List<Map<String, Object>> json() {
    return json;
  }

  String human() {
    return human.toString();
  }

  /**
   * @param happened what L1's events say of it: the piggybacks once the contract forgot them
   *     (finalized), what was paid, blocked, or that it was deleted
   */
  private void add(
      L1Event.InFlightExitStarted started,
      InFlightExitView view,
      InFlightExitEvents happened,
      Optional<Address> account) {
    InFlightExitState state = view.state();
    List<String> piggybacked =
        state.isActive() ? view.piggybacks() : InFlightExitEvents.slots(happened.piggybacked());
    String status = happened.deleted() ? "deleted" : view.status();
    List<String> actions = account.map(view::actions).orElse(List.of());
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("kind", "inflight");
    row.put("exitId", started.exitId().toString());
    row.put("txHash", started.txHash().toHex());
    row.put("status", status);
    row.put("canonical", state.canonical());
    row.put("initiator", started.initiator().toHex());
    row.put("youngestInputPos", state.youngestInputPos().toString());
    row.put("inputs", state.inputs().stream().map(InFlightExitRows::input).toList());
    row.put("outputs", view.tx().outputs().stream().map(InFlightExitRows::output).toList());
    row.put("piggybacked", piggybacked);
    row.put("paid", InFlightExitEvents.slots(happened.paid()));
    row.put("blocked", InFlightExitEvents.slots(happened.blocked()));
    row.put("phaseOneEnd", view.phaseOneEnd().getEpochSecond());
    row.put("inPhaseOne", view.inPhaseOne());
    state.exitableAt().ifPresent(at -> row.put("exitableAt", at.getEpochSecond()));
    state
        .oldestCompetitor()
        .ifPresent(
            c ->
                row.put(
                    "oldestCompetitorPos", c.txPos().map(Object::toString).orElse("in flight")));
    row.put("actions", actions);
    row.put("l1Block", started.origin().l1Block());
    json.add(row);
    human.append(
        "%n  in flight %s  %-10s tx %s%n    inputs %s, outputs %d, piggybacked %s%s%n    %s%s"
            .formatted(
                started.exitId(),
                status,
                started.txHash(),
                view.tx().inputs(),
                view.tx().outputs().size(),
                piggybacked.isEmpty() ? "nothing" : String.join(", ", piggybacked),
                happened.outcome(bit -> paidSlot(view, bit)),
                phase(view),
                state
                    .exitableAt()
                    .map(at -> "; processable " + ExitTimes.describe(at, view.now()))
                    .orElse("")));
    actions.forEach(action -> human.append("%n    you may: %s".formatted(action)));
  }

  /** {@code output 0 (1 ETH to 0x...)}: a paid slot and what it paid, as far as known. */
  private static String paidSlot(InFlightExitView view, int bit) {
    int index = bit % 4;
    Optional<String> paid =
        bit < 4
            ? view.state().inputs().stream()
                .filter(input -> input.index() == index)
                .findFirst()
                .map(input -> describeAmount(input.token(), input.amount(), input.owner()))
            : view.tx().outputs().stream()
                .skip(index)
                .findFirst()
                .map(output -> describeAmount(output.token(), output.amount(), output.owner()));
    return InFlightExitEvents.slot(bit) + paid.map(text -> " (" + text + ")").orElse("");
  }

  private static String describeAmount(Address token, BigInteger amount, Address owner) {
    return Amounts.format(token, amount) + " to " + owner;
  }

  private static String phase(InFlightExitView view) {
    if (!view.state().isActive()) {
      return "processed or deleted";
    }
    return view.inPhaseOne()
        ? "phase 1 (piggybacks) until " + ExitTimes.describe(view.phaseOneEnd(), view.now())
        : "phase 1 over " + ExitTimes.describe(view.phaseOneEnd(), view.now());
  }

  private static Map<String, Object> input(InFlightExitState.Input input) {
    return Map.of(
        "utxoPos", input.utxoPos().toString(),
        "owner", input.owner().toHex(),
        "token", input.token().toHex(),
        "amount", input.amount().toString());
  }

  private static Map<String, Object> output(Output output) {
    return Map.of(
        "owner", output.owner().toHex(),
        "token", output.token().toHex(),
        "amount", output.amount().toString());
  }

  /** A processed in-flight exit's line in {@code plasma exit process}. */
  static String processed(L1Event.InFlightExitProcessed exit) {
    return "%n  in flight %s: %s, paid %s%s"
        .formatted(
            exit.exitId(),
            exit.canonical() ? "canonical" : "non-canonical",
            paidSlots(exit).isEmpty() ? "nothing" : String.join(", ", paidSlots(exit)),
            exit.finalized() ? "; finalized, exit bond paid to its bond owner" : "");
  }

  static Map<String, Object> processedJson(L1Event.InFlightExitProcessed exit) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("exitId", exit.exitId().toString());
    json.put("canonical", exit.canonical());
    json.put("paid", paidSlots(exit));
    json.put("finalized", exit.finalized());
    return json;
  }

  /** The piggybacks paid, e.g. {@code [output 0, output 1]}. */
  private static List<String> paidSlots(L1Event.InFlightExitProcessed exit) {
    return InFlightExitEvents.slots(exit.paidSlots());
  }
}
