package io.plasmanode.core.inflight;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.types.Bytes;
import java.util.Optional;

/**
 * The arguments of {@code challengeInFlightExitNotCanonical}: {@code competingTx}, signed by the
 * owner of the exit's input {@code inputIndex} ({@code competingTxWitness}), spends that output as
 * its own input {@code competingTxInputIndex}.
 *
 * @param competitorInclusion where the competitor is included; empty for one in no block (taken as
 *     younger than any block)
 */
public record NonCanonicalChallenge(
    Bytes inFlightTx,
    int inputIndex,
    Bytes competingTx,
    int competingTxInputIndex,
    Optional<TxInclusion> competitorInclusion,
    Signature competingTxWitness) {
  public NonCanonicalChallenge {
    requireNonNull(inFlightTx, "inFlightTx");
    requireNonNull(competingTx, "competingTx");
    requireNonNull(competitorInclusion, "competitorInclusion");
    requireNonNull(competingTxWitness, "competingTxWitness");
    InFlightExitStart.checkIndex(inputIndex, "an input");
    InFlightExitStart.checkIndex(competingTxInputIndex, "an input");
  }
}
