package io.plasmanode.core.testing.fuzz;

import static java.util.Objects.requireNonNull;

/**
 * What a fuzz target did with one input: accepted it, or rejected it for a named reason (e.g. a
 * {@code Rejection} code or a {@code Misbehaviour}). Anything else (an exception escaping the code
 * under test, a broken property) is not an outcome but a failure the campaign records.
 */
public record FuzzOutcome(boolean isAccepted, String reason) {
  private static final String ACCEPTED = "accepted";

  public FuzzOutcome {
    requireNonNull(reason, "reason");
    if (!isAccepted && reason.isBlank()) {
      throw new IllegalArgumentException("a rejection needs a named reason");
    }
  }

  public static FuzzOutcome accepted() {
    return new FuzzOutcome(true, ACCEPTED);
  }

  /** Accepted, with a label for the report (e.g. which kind of input or message). */
  public static FuzzOutcome accepted(String label) {
    return new FuzzOutcome(true, label);
  }

  public static FuzzOutcome rejected(String reason) {
    return new FuzzOutcome(false, reason);
  }
}
