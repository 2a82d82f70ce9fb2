package io.plasmanode.exitgame;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.ledger.UtxoView;
import io.plasmanode.core.tx.UtxoPos;

/**
 * The answer to {@code watcher_getChallengeData(utxoPos)} (docs/watcher-rpc.md): the arguments of
 * {@code challengeStandardExit}, or why there are none, with the error reason the API reports.
 */
public sealed interface ChallengeData {

  /** The output was spent: {@code challenge} cancels any exit of it. */
  record Available(Challenge challenge) implements ChallengeData {
    public Available {
      requireNonNull(challenge, "challenge");
    }
  }

  /** The output is unspent in the validated chain: nothing to challenge. */
  record OutputUnspent(UtxoPos utxoPos) implements ChallengeData {
    /** The API's {@code data.reason}. */
    public String errorReason() {
      return "output_unspent";
    }
  }

  /** The validated chain has no such output (or its block is not synced yet). */
  record UnknownOutput(UtxoPos utxoPos) implements ChallengeData {
    /** The API's {@code data.reason}. */
    public String errorReason() {
      return "unknown_output";
    }
  }

  /** Looks up the challenge of an exit of {@code utxoPos}. */
  static ChallengeData lookup(UtxoPos utxoPos, UtxoView view, SpendIndex spends) {
    return switch (ExitGame.judge(utxoPos, view, spends)) {
      case ExitVerdict.Invalid invalid -> new Available(invalid.spend().toChallenge());
      case ExitVerdict.Valid valid -> new OutputUnspent(utxoPos);
      case ExitVerdict.Pending pending -> new UnknownOutput(utxoPos);
    };
  }
}
