package io.plasmanode.node.watcher;

import io.plasmanode.core.inflight.InFlightExitState;
import java.util.Optional;

/** What a successful in-flight call does to the exit, as the contract records it. */
final class FakeInFlightEffects {
  private FakeInFlightEffects() {}

  static InFlightExitState apply(InFlightExitState exit, ChallengeCall.InFlight call) {
    return switch (call) {
      case ChallengeCall.NotCanonical c ->
          with(
              exit,
              false,
              Optional.of(
                  new InFlightExitState.Competitor(
                      c.args().competitorInclusion().map(in -> in.txPos()))),
              exit.piggybacked());
      case ChallengeCall.Respond r ->
          with(
              exit,
              true,
              Optional.of(new InFlightExitState.Competitor(Optional.of(r.inclusion().txPos()))),
              exit.piggybacked());
      case ChallengeCall.InputSpent c ->
          with(
              exit,
              exit.canonical(),
              exit.oldestCompetitor(),
              exit.piggybacked() & ~(1 << c.args().inputIndex()));
      case ChallengeCall.OutputSpent c ->
          with(
              exit,
              exit.canonical(),
              exit.oldestCompetitor(),
              exit.piggybacked() & ~(1 << (4 + c.args().outputIndex())));
    };
  }

  static InFlightExitState with(
      InFlightExitState exit,
      boolean canonical,
      Optional<InFlightExitState.Competitor> oldest,
      int piggybacked) {
    return new InFlightExitState(
        exit.status(),
        exit.txHash(),
        exit.bondOwner(),
        exit.startedAt(),
        exit.exitableAt(),
        exit.youngestInputPos(),
        oldest,
        canonical,
        exit.inputs(),
        exit.outputs(),
        piggybacked);
  }
}
