package io.plasmanode.storage.chain;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;

/**
 * The problems a check found: all of them counted, the first {@code limit} kept, so a badly damaged
 * database costs no memory per problem. Not thread-safe: one check owns it.
 */
final class ChainProblems {
  private final int limit;
  private final List<ChainProblem> kept = new ArrayList<>();
  private long count;

  ChainProblems(int limit) {
    checkArgument(limit > 0, "keep at least one problem, got %s", limit);
    this.limit = limit;
  }

  void add(ChainProblem.Kind kind, String where, String detail) {
    count++;
    if (kept.size() < limit) {
      kept.add(new ChainProblem(kind, where, detail));
    }
  }

  long count() {
    return count;
  }

  List<ChainProblem> kept() {
    return List.copyOf(kept);
  }
}
