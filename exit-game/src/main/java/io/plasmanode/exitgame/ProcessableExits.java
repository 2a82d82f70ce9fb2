package io.plasmanode.exitgame;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.l1.ExitId;
import io.plasmanode.core.types.Address;
import java.util.List;
import java.util.Optional;

/**
 * What {@code processExits(token, topExitId, maxExits)} would finalize now.
 *
 * @param exits the matured active exits of {@code token}, in the contract's priority order
 * @param topExitId the exit at the top of the contract's queue, as the front-running guard; empty
 *     when a challenged exit may be at the top (pass the contract's "no check", 0): the contract
 *     pops challenged exits without an event, so whether it is still there cannot be known
 * @param maxExits the queue entries to pop to reach every matured exit, challenged ones included
 *     (an upper bound: the contract stops at the first immature entry)
 */
public record ProcessableExits(
    Address token, List<TrackedExit> exits, Optional<ExitId> topExitId, int maxExits) {
  public ProcessableExits {
    requireNonNull(token, "token");
    requireNonNull(topExitId, "topExitId");
    exits = List.copyOf(exits);
  }

  public boolean isEmpty() {
    return exits.isEmpty();
  }
}
