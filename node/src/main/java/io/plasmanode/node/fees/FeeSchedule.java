package io.plasmanode.node.fees;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.fees.FeeTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The fee tables the operator accepts payments of: the current one, and for a grace period after
 * each change the ones it replaced, so a transaction a wallet built on the previous table a moment
 * before the change is still taken. Thread-safe: updated by the fee-specs reloader, read on every
 * submission.
 */
public final class FeeSchedule {
  private record Replaced(FeeTable table, Instant acceptedUntil) {}

  private final Duration grace;
  private final Clock clock;
  private final Deque<Replaced> replaced = new ArrayDeque<>(); // newest first
  private volatile FeeTable current;

  /**
   * @param grace how long a replaced table stays accepted (zero: not at all)
   */
  public FeeSchedule(FeeTable initial, Duration grace, Clock clock) {
    this.current = requireNonNull(initial, "initial");
    this.grace = requireNonNull(grace, "grace");
    this.clock = requireNonNull(clock, "clock");
    checkArgument(!grace.isNegative(), "the fee grace period must be >= 0, got %s", grace);
  }

  /** A schedule of one table that never changes (no fees: {@link FeeTable#NONE}). */
  public static FeeSchedule fixed(FeeTable table) {
    return new FeeSchedule(table, Duration.ZERO, Clock.systemUTC());
  }

  /** The table new transactions should pay by ({@code plasma_getFees}). */
  public FeeTable current() {
    return current;
  }

  /**
   * Makes {@code table} current; the one it replaces stays accepted for the grace period. A table
   * equal to the current one changes nothing.
   *
   * @return whether the current table changed
   */
  public synchronized boolean update(FeeTable table) {
    requireNonNull(table, "table");
    if (table.equals(current)) {
      return false;
    }
    replaced.addFirst(new Replaced(current, clock.instant().plus(grace)));
    current = table;
    return true;
  }

  /**
   * The tables a payment may pay exactly a fee of now: the current one first, then the replaced
   * ones still within their grace period, newest first.
   */
  public synchronized List<FeeTable> accepted() {
    Instant now = clock.instant();
    replaced.removeIf(old -> !old.acceptedUntil().isAfter(now));
    List<FeeTable> tables = new ArrayList<>(1 + replaced.size());
    tables.add(current);
    replaced.forEach(old -> tables.add(old.table()));
    return tables;
  }
}
