package io.plasmanode.core.inflight;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.types.Bytes;

/**
 * The arguments of {@code challengeInFlightExitOutputSpent}: the exit's tx is included at {@code
 * inFlightTxInclusion} and its piggybacked output {@code outputIndex} is spent by {@code
 * challengingTx} as its input {@code challengingTxInputIndex}, signed by the output's owner ({@code
 * challengingTxWitness}).
 */
public record OutputSpentChallenge(
    Bytes inFlightTx,
    TxInclusion inFlightTxInclusion,
    int outputIndex,
    Bytes challengingTx,
    int challengingTxInputIndex,
    Signature challengingTxWitness) {
  public OutputSpentChallenge {
    requireNonNull(inFlightTx, "inFlightTx");
    requireNonNull(inFlightTxInclusion, "inFlightTxInclusion");
    requireNonNull(challengingTx, "challengingTx");
    requireNonNull(challengingTxWitness, "challengingTxWitness");
    InFlightExitStart.checkIndex(outputIndex, "an output");
    InFlightExitStart.checkIndex(challengingTxInputIndex, "an input");
  }
}
