package io.plasmanode.node.watcher;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.inflight.InputSpentChallenge;
import io.plasmanode.core.inflight.NonCanonicalChallenge;
import io.plasmanode.core.inflight.OutputSpentChallenge;
import io.plasmanode.core.inflight.TxInclusion;
import io.plasmanode.core.types.Bytes;
import io.plasmanode.exitgame.Challenge;
import io.plasmanode.exitgame.inflight.ActionKey;

/**
 * A contract call the challenger sends and follows until it is final: a standard exit's challenge,
 * or one of the in-flight exit game's calls (contracts/src/IPlasmaInFlightExits.sol) with all its
 * arguments (proofs included), so a restart re-sends exactly what was saved.
 */
sealed interface ChallengeCall {

  /** Which exit and action it is about: one call per key is in flight. */
  ChallengeKey key();

  /** {@code challengeStandardExit}. */
  record StandardExit(Challenge challenge) implements ChallengeCall {
    public StandardExit {
      requireNonNull(challenge, "challenge");
    }

    @Override
    public ChallengeKey key() {
      return new ChallengeKey.Standard(challenge.exitId());
    }
  }

  /** A call of the in-flight exit game about the exit of {@link #inFlightTx()}. */
  sealed interface InFlight extends ChallengeCall {
    Bytes inFlightTx();

    ActionKey action();

    default InFlightExitId exitId() {
      return InFlightExitId.of(inFlightTx().toArray());
    }

    @Override
    default ChallengeKey key() {
      return new ChallengeKey.InFlight(action());
    }
  }

  /** {@code challengeInFlightExitNotCanonical}. */
  record NotCanonical(NonCanonicalChallenge args) implements InFlight {
    public NotCanonical {
      requireNonNull(args, "args");
    }

    @Override
    public Bytes inFlightTx() {
      return args.inFlightTx();
    }

    @Override
    public ActionKey action() {
      return new ActionKey(exitId(), ActionKey.Kind.NOT_CANONICAL, 0);
    }
  }

  /** {@code respondToNonCanonicalChallenge}. */
  record Respond(Bytes inFlightTx, TxInclusion inclusion) implements InFlight {
    public Respond {
      requireNonNull(inFlightTx, "inFlightTx");
      requireNonNull(inclusion, "inclusion");
    }

    @Override
    public ActionKey action() {
      return new ActionKey(exitId(), ActionKey.Kind.RESPOND, 0);
    }
  }

  /** {@code challengeInFlightExitInputSpent}. */
  record InputSpent(InputSpentChallenge args) implements InFlight {
    public InputSpent {
      requireNonNull(args, "args");
    }

    @Override
    public Bytes inFlightTx() {
      return args.inFlightTx();
    }

    @Override
    public ActionKey action() {
      return new ActionKey(exitId(), ActionKey.Kind.INPUT_SPENT, args.inputIndex());
    }
  }

  /** {@code challengeInFlightExitOutputSpent}. */
  record OutputSpent(OutputSpentChallenge args) implements InFlight {
    public OutputSpent {
      requireNonNull(args, "args");
    }

    @Override
    public Bytes inFlightTx() {
      return args.inFlightTx();
    }

    @Override
    public ActionKey action() {
      return new ActionKey(exitId(), ActionKey.Kind.OUTPUT_SPENT, args.outputIndex());
    }
  }
}
