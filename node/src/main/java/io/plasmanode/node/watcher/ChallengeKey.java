package io.plasmanode.node.watcher;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.exitgame.inflight.ActionKey;

/**
 * What a challenger transaction is about: at most one is in flight per key. A standard exit is
 * challenged once (its id); an in-flight exit has one key per action kind and slot ({@link
 * ActionKey}: exit id, kind, index).
 */
sealed interface ChallengeKey {

  /** The challenge of the standard exit {@code exitId}. */
  record Standard(UtxoPos exitId) implements ChallengeKey {
    public Standard {
      requireNonNull(exitId, "exitId");
    }

    @Override
    public String toString() {
      return "exit " + exitId;
    }
  }

  /** An action of the in-flight exit game. */
  record InFlight(ActionKey action) implements ChallengeKey {
    public InFlight {
      requireNonNull(action, "action");
    }

    @Override
    public String toString() {
      String kind = action.kind().name().toLowerCase(java.util.Locale.ROOT);
      return "in-flight exit %s (%s%s)"
          .formatted(
              action.exitId(), kind, action.kind().isCanonicity() ? "" : " " + action.index());
    }
  }
}
