package io.plasmanode.node.cli;

import io.plasmanode.core.inflight.InFlightExitState;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.types.Address;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An in-flight exit as a user sees it (pure): its phase, and what an account may still do about it,
 * each with the command that does it.
 *
 * @param state the contract's record
 * @param tx the exiting transaction
 * @param minExitPeriod the contract's exit period (phase 1 is its first half after the start)
 * @param now L1's clock
 */
record InFlightExitView(
    InFlightExitState state, PaymentTransaction tx, Duration minExitPeriod, Instant now) {

  /** The end of phase 1: piggybacks and canonicity challenges are accepted until then. */
  Instant phaseOneEnd() {
    return state.startedAt().plus(minExitPeriod.dividedBy(2));
  }

  boolean inPhaseOne() {
    return state.isActive() && now.isBefore(phaseOneEnd());
  }

  /** {@code active}, {@code challenged} (non-canonical now) or {@code finalized}. */
  String status() {
    if (!state.isActive()) {
      return "finalized";
    }
    return state.canonical() ? "active" : "challenged";
  }

  /** The inputs and outputs piggybacked now, e.g. {@code [input 0, output 1]}. */
  List<String> piggybacks() {
    List<String> slots = new ArrayList<>();
    for (int i = 0; i < tx.inputs().size(); i++) {
      if (state.inputPiggybacked(i)) {
        slots.add("input " + i);
      }
    }
    for (int i = 0; i < tx.outputs().size(); i++) {
      if (state.outputPiggybacked(i)) {
        slots.add("output " + i);
      }
    }
    return slots;
  }

  /** The owner of input {@code index}, as the contract recorded it at the start. */
  Optional<Address> inputOwner(int index) {
    return state.inputs().stream()
        .filter(input -> input.index() == index)
        .map(InFlightExitState.Input::owner)
        .findFirst();
  }

  /** Whether {@code account} owns an input or an output of the transaction, or started the exit. */
  boolean concerns(Address account, Address initiator) {
    return initiator.equals(account)
        || tx.outputs().stream().map(Output::owner).anyMatch(account::equals)
        || state.inputs().stream().map(InFlightExitState.Input::owner).anyMatch(account::equals);
  }

  /** What {@code account} may still do, with the command for each. */
  List<String> actions(Address account) {
    String hash = state.txHash().toHex();
    List<String> actions = new ArrayList<>();
    if (!state.isActive()) {
      return actions;
    }
    if (inPhaseOne()) {
      for (int i = 0; i < tx.inputs().size(); i++) {
        if (inputOwner(i).filter(account::equals).isPresent() && !state.inputPiggybacked(i)) {
          actions.add(piggyback(hash, "--input", i));
        }
      }
      for (int i = 0; i < tx.outputs().size(); i++) {
        if (tx.outputs().get(i).owner().equals(account) && !state.outputPiggybacked(i)) {
          actions.add(piggyback(hash, "--output", i));
        }
      }
    }
    if (!state.canonical()) {
      actions.add(
          "if the transaction is included before its competitor: plasma exit inflight respond"
              + " --tx "
              + hash);
    }
    if (state.exitableAt().isEmpty() && !inPhaseOne()) {
      actions.add(
          "nobody piggybacked it: anyone may delete it: plasma exit inflight delete --tx " + hash);
    }
    state
        .exitableAt()
        .filter(at -> !at.isAfter(now))
        .ifPresent(at -> actions.add("process it: plasma exit process --token <its token>"));
    return actions;
  }

  private String piggyback(String hash, String slot, int index) {
    return "piggyback %s %d until %s: plasma exit piggyback --tx %s %s %d"
        .formatted(
            slot.substring(2), index, ExitTimes.describe(phaseOneEnd(), now), hash, slot, index);
  }
}
