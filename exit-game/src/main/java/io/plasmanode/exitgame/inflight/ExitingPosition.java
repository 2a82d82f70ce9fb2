package io.plasmanode.exitgame.inflight;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.tx.UtxoPos;
import java.time.Instant;

/**
 * A position the child chain must refuse to spend because of an in-flight exit (W2): every input of
 * an exit's tx from the exit's start on, and a piggybacked output of it once the tx is included,
 * from the piggyback on. A block committed later that spends it breaks the rule.
 *
 * @param pos the output
 * @param exitId the in-flight exit
 * @param slot which slot of the exit's tx it is
 * @param since the L1 time it became exiting (the start, or the output's first piggyback)
 */
public record ExitingPosition(UtxoPos pos, InFlightExitId exitId, Slot slot, Instant since) {
  public ExitingPosition {
    requireNonNull(pos, "pos");
    requireNonNull(exitId, "exitId");
    requireNonNull(slot, "slot");
    requireNonNull(since, "since");
  }
}
