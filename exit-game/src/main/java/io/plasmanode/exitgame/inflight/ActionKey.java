package io.plasmanode.exitgame.inflight;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.inflight.InFlightExitId;

/**
 * Which action of an exit a submission is about: at most one of each is in flight on L1 at a time.
 *
 * @param exitId the in-flight exit
 * @param kind the contract function
 * @param index the input or output index for a spent challenge, 0 otherwise
 */
public record ActionKey(InFlightExitId exitId, Kind kind, int index) {

  /** The contract function an action calls. */
  public enum Kind {
    /** {@code challengeInFlightExitNotCanonical}. */
    NOT_CANONICAL,
    /** {@code respondToNonCanonicalChallenge}. */
    RESPOND,
    /** {@code challengeInFlightExitInputSpent}. */
    INPUT_SPENT,
    /** {@code challengeInFlightExitOutputSpent}. */
    OUTPUT_SPENT;

    /** Whether it is about the exit's canonicity (not about one piggyback). */
    public boolean isCanonicity() {
      return this == NOT_CANONICAL || this == RESPOND;
    }
  }

  public ActionKey {
    requireNonNull(exitId, "exitId");
    requireNonNull(kind, "kind");
    checkArgument(index >= 0 && index <= Slot.MAX_INDEX, "index %s out of range", index);
    checkArgument(!kind.isCanonicity() || index == 0, "a canonicity action has index 0");
  }

  /** The key of the spent challenge of {@code slot}. */
  public static ActionKey spent(InFlightExitId exitId, Slot slot) {
    return new ActionKey(
        exitId, slot.isInput() ? Kind.INPUT_SPENT : Kind.OUTPUT_SPENT, slot.index());
  }
}
