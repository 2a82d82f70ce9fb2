package io.plasmanode.core.inflight;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.types.Bytes;

/**
 * The arguments of {@code challengeInFlightExitInputSpent}: the exit's piggybacked input {@code
 * inputIndex} is spent by {@code challengingTx} (another tx) as its input {@code
 * challengingTxInputIndex}, signed by the input's owner ({@code challengingTxWitness}).
 */
public record InputSpentChallenge(
    Bytes inFlightTx,
    int inputIndex,
    Bytes challengingTx,
    int challengingTxInputIndex,
    Signature challengingTxWitness) {
  public InputSpentChallenge {
    requireNonNull(inFlightTx, "inFlightTx");
    requireNonNull(challengingTx, "challengingTx");
    requireNonNull(challengingTxWitness, "challengingTxWitness");
    InFlightExitStart.checkIndex(inputIndex, "an input");
    InFlightExitStart.checkIndex(challengingTxInputIndex, "an input");
  }
}
