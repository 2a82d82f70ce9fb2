package io.plasmanode.contracts.l1.follow;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A streak of failed polls, as an {@link L1EventFollower} meets it: each failure doubles the wait
 * before the next attempt (from {@code pollInterval}, at most {@code maxBackoff}), and once the
 * streak has lasted {@code alarmAfter} it is an alarm. Written by the polling thread (under the
 * follower's lock); {@link #failure()} and {@link #alarm} may be read from any thread.
 */
final class FollowerOutage {
  private static final int MAX_DOUBLINGS = 16;

  private final L1FollowerConfig config;
  private int failures;
  private Instant nextAttempt = Instant.MIN;
  private volatile Optional<Streak> streak = Optional.empty();

  /** Failing since {@code since}, the latest failure saying {@code message}. */
  record Streak(Instant since, String message) {}

  FollowerOutage(L1FollowerConfig config) {
    this.config = config;
  }

  /** Whether the backoff allows an attempt at {@code now}. */
  boolean due(Instant now) {
    return !now.isBefore(nextAttempt);
  }

  /** A poll failed at {@code now}; returns whether that begins a streak. */
  boolean failed(Instant now, String message) {
    failures++;
    nextAttempt = now.plus(backoff());
    Optional<Streak> before = streak;
    streak = Optional.of(new Streak(before.map(Streak::since).orElse(now), message));
    return before.isEmpty();
  }

  /** A poll succeeded: returns the streak it ended, if any. */
  Optional<Streak> recovered() {
    Optional<Streak> ended = streak;
    failures = 0;
    nextAttempt = Instant.MIN;
    streak = Optional.empty();
    return ended;
  }

  /**
   * The wait after the latest failure: {@code pollInterval} doubled per failure after the first.
   */
  Duration backoff() {
    if (failures == 0) {
      return config.pollInterval();
    }
    Duration backoff =
        config.pollInterval().multipliedBy(1L << Math.min(failures - 1, MAX_DOUBLINGS));
    return backoff.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : backoff;
  }

  /** The current streak's latest failure, while failures last. */
  Optional<String> failure() {
    return streak.map(Streak::message);
  }

  /** The latest failure, once the streak has lasted {@code alarmAfter} at {@code now}. */
  Optional<String> alarm(Instant now) {
    return streak
        .filter(s -> Duration.between(s.since(), now).compareTo(config.alarmAfter()) >= 0)
        .map(Streak::message);
  }
}
