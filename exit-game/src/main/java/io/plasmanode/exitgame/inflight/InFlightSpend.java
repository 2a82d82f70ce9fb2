package io.plasmanode.exitgame.inflight;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.types.Address;
import io.plasmanode.exitgame.SpendRecord;

/**
 * A spend of an output by a known in-flight exit's tx: its input {@code spend.inputIndex()}, with
 * the witness the start event carried, and the owner the contract recorded for that input (it
 * checked at the start that the witness is that owner's signature).
 *
 * @param exitId the in-flight exit whose tx spends the output
 * @param spend the spend; {@link SpendRecord#isInFlight()} unless the chain included the tx
 * @param owner the spent output's owner, as the exit's input record names it
 */
public record InFlightSpend(InFlightExitId exitId, SpendRecord spend, Address owner) {
  public InFlightSpend {
    requireNonNull(exitId, "exitId");
    requireNonNull(spend, "spend");
    requireNonNull(owner, "owner");
  }
}
