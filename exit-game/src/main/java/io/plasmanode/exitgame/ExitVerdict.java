package io.plasmanode.exitgame;

import static java.util.Objects.requireNonNull;

/** What the validated chain says about an exit's output (see {@link ExitGame#judge}). */
public sealed interface ExitVerdict {

  /** The output is not in the validated chain yet (its block is not synced): not judged. */
  record Pending() implements ExitVerdict {}

  /** The output is unspent in the validated chain: the exit is valid, for now. */
  record Valid() implements ExitVerdict {}

  /** The output was spent: the exit is invalid, and {@code spend} challenges it. */
  record Invalid(SpendRecord spend) implements ExitVerdict {
    public Invalid {
      requireNonNull(spend, "spend");
    }
  }
}
