package io.plasmanode.node.cli;

import io.plasmanode.core.l1.L1Event;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * What L1's events say happened to one in-flight exit (pure): the slots piggybacked, those shown
 * spent (blocked: their bond went to the challenger), those paid when it was processed, and whether
 * it was deleted. The contract's record forgets the piggybacks once the exit is finalized; its
 * events keep them.
 *
 * @param piggybacked slot bits: 0..3 inputs, 4..7 outputs (as {@code InFlightExitProcessed})
 * @param blocked slot bits of the piggybacks shown spent
 * @param paid slot bits of the piggybacks paid, over every token's processing
 * @param deleted whether it was deleted (nobody piggybacked it in phase 1)
 */
record InFlightExitEvents(int piggybacked, int blocked, int paid, boolean deleted) {
  static final InFlightExitEvents NONE = new InFlightExitEvents(0, 0, 0, false);

  /** The summary after {@code event}, an event of this exit. */
  InFlightExitEvents with(L1Event.InFlightExitEvent event) {
    return switch (event) {
      case L1Event.InFlightExitInputPiggybacked p ->
          new InFlightExitEvents(piggybacked | input(p.inputIndex()), blocked, paid, deleted);
      case L1Event.InFlightExitOutputPiggybacked p ->
          new InFlightExitEvents(piggybacked | output(p.outputIndex()), blocked, paid, deleted);
      case L1Event.InFlightExitInputBlocked b ->
          new InFlightExitEvents(piggybacked, blocked | input(b.inputIndex()), paid, deleted);
      case L1Event.InFlightExitOutputBlocked b ->
          new InFlightExitEvents(piggybacked, blocked | output(b.outputIndex()), paid, deleted);
      case L1Event.InFlightExitProcessed p ->
          new InFlightExitEvents(piggybacked, blocked, paid | p.paidSlots(), deleted);
      case L1Event.InFlightExitDeleted d ->
          new InFlightExitEvents(piggybacked, blocked, paid, true);
      default -> this;
    };
  }

  /** The slots of {@code bits}, inputs first: e.g. {@code [input 0, output 1]}. */
  static List<String> slots(int bits) {
    return slots(bits, InFlightExitEvents::slot);
  }

  /** The slots of {@code bits}, inputs first, each as {@code name} writes its bit. */
  static List<String> slots(int bits, IntFunction<String> name) {
    List<String> slots = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      if ((bits & (1 << i)) != 0) {
        slots.add(name.apply(i));
      }
    }
    return slots;
  }

  /** {@code input 2} for bit 2, {@code output 0} for bit 4. */
  static String slot(int bit) {
    return (bit < 4 ? "input " : "output ") + (bit % 4);
  }

  /**
   * What happened beyond the piggybacks, e.g. {@code ; paid output 0 (1 ETH to 0x...); blocked
   * input 0 (shown spent)}; empty when nothing did.
   *
   * @param paidSlot a paid slot's bit as the text names it, with what it paid
   */
  String outcome(IntFunction<String> paidSlot) {
    StringBuilder text = new StringBuilder();
    if (paid != 0) {
      text.append("; paid ").append(String.join(", ", slots(paid, paidSlot)));
    }
    if (blocked != 0) {
      text.append("; blocked ").append(String.join(", ", slots(blocked))).append(" (shown spent)");
    }
    if (deleted) {
      text.append("; deleted: nobody piggybacked it in phase 1");
    }
    return text.toString();
  }

  private static int input(int index) {
    return 1 << index;
  }

  private static int output(int index) {
    return 1 << (index + 4);
  }
}
