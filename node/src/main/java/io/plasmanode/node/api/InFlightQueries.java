package io.plasmanode.node.api;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.inflight.InputSpentChallenge;
import io.plasmanode.core.inflight.NonCanonicalChallenge;
import io.plasmanode.core.inflight.OutputSpentChallenge;
import io.plasmanode.core.inflight.TxInclusion;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.exitgame.inflight.TrackedInFlightExit;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a watcher's JSON-RPC API reads of the in-flight exit game (docs/watcher-rpc.md): the
 * arguments of its contract calls, built from the validated chain and the tracked exits, and the
 * tracked exits. Thread-safe.
 */
public interface InFlightQueries {

  /** An answer, or why there is none. */
  sealed interface Answer<T> {
    /** The arguments asked for. */
    record Found<T>(T value) implements Answer<T> {
      public Found {
        requireNonNull(value, "value");
      }
    }

    /** Why there is no answer, in words. */
    record Refused<T>(Reason reason, String message) implements Answer<T> {
      public Refused {
        requireNonNull(reason, "reason");
        requireNonNull(message, "message");
      }
    }
  }

  /** Why a query has no answer. */
  enum Reason {
    /** The tx bytes do not decode as an unsigned transfer. */
    MALFORMED_TX,
    /** The index names no input or output of the tx. */
    NO_SUCH_SLOT,
    /** No in-flight exit of the tx is tracked (not started, or not seen yet). */
    UNKNOWN_IN_FLIGHT_EXIT,
    /** The validated chain does not include the tx. */
    TX_NOT_INCLUDED,
    /** No other tx signed by an input's owner spends one of the tx's inputs. */
    NO_COMPETITOR,
    /** No other tx signed by its owner spends the input. */
    INPUT_UNSPENT,
    /** No tx signed by its owner spends the output. */
    OUTPUT_UNSPENT
  }

  /**
   * A tracked in-flight exit with what the API shows of it.
   *
   * @param exit the game's record
   * @param txPos where the validated chain included its tx, if it did
   * @param phaseOneEnd when piggybacks and canonicity challenges end on L1
   */
  record InFlightExitView(TrackedInFlightExit exit, Optional<UtxoPos> txPos, Instant phaseOneEnd) {
    public InFlightExitView {
      requireNonNull(exit, "exit");
      requireNonNull(txPos, "txPos");
      requireNonNull(phaseOneEnd, "phaseOneEnd");
    }
  }

  /**
   * {@code challengeInFlightExitNotCanonical}'s arguments against the exit of {@code txBytes}: its
   * oldest known competitor (in the validated chain, or another in-flight tx).
   */
  Answer<NonCanonicalChallenge> competitor(byte[] txBytes);

  /** {@code respondToNonCanonicalChallenge}'s inclusion of {@code txBytes}. */
  Answer<TxInclusion> proveCanonical(byte[] txBytes);

  /** {@code challengeInFlightExitInputSpent}'s arguments for input {@code inputIndex}. */
  Answer<InputSpentChallenge> inputChallenge(byte[] txBytes, int inputIndex);

  /** {@code challengeInFlightExitOutputSpent}'s arguments for output {@code outputIndex}. */
  Answer<OutputSpentChallenge> outputChallenge(byte[] txBytes, int outputIndex);

  /** Every tracked in-flight exit, by id. */
  List<InFlightExitView> inFlightExits();
}
