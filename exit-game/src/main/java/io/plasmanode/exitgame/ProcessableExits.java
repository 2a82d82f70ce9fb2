package io.plasmanode.exitgame;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.types.Address;
import java.util.List;

/**
 * What {@code processExits(token, topExitId, maxExits)} would finalize now.
 *
 * @param exits the matured active exits of {@code token}, in the contract's priority order
 * @param topExitId the exit id at the top of the contract's queue, as the front-running guard; or
 *     {@link #NO_TOP_EXIT_CHECK} when a challenged exit may be at the top: the contract pops
 *     challenged exits without an event, so whether it is still there cannot be known
 * @param maxExits the queue entries to pop to reach every matured exit, challenged ones included
 *     (an upper bound: the contract stops at the first immature entry)
 */
public record ProcessableExits(
    Address token, List<TrackedExit> exits, long topExitId, int maxExits) {
  /** The {@code topExitId} that disables the contract's top-of-queue check. */
  public static final long NO_TOP_EXIT_CHECK = 0;

  public ProcessableExits {
    requireNonNull(token, "token");
    exits = List.copyOf(exits);
  }

  public boolean isEmpty() {
    return exits.isEmpty();
  }
}
