package io.plasmanode.exitgame.inflight;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * The watcher's in-flight exit game settings.
 *
 * @param minExitPeriod the contract's {@code minExitPeriod} (MEP): phase 1 of an exit is its first
 *     {@code MEP / 2} (whole seconds, rounded down as the contract divides)
 * @param landingMargin how long before phase 1 ends the watcher stops proposing what only phase 1
 *     allows (canonicity challenges) and stops telling owners to piggyback: the time an L1 tx needs
 *     to land; an exit it knows non-canonical that L1 still shows canonical at that point is {@code
 *     unchallenged_non_canonical_ife}
 * @param safetyMargin how long before an exit's {@code exitableAt} an invalid piggyback that L1
 *     still shows is reported as {@code unchallenged_piggyback}, so users have time to exit first
 * @param challengeRetryAfter how long after this watcher submitted an action it is proposed again
 *     if L1 still shows the state that called for it (longer than the L1 confirmation lag)
 */
public record InFlightExitConfig(
    Duration minExitPeriod,
    Duration landingMargin,
    Duration safetyMargin,
    Duration challengeRetryAfter) {
  public InFlightExitConfig {
    requireNonNull(minExitPeriod, "minExitPeriod");
    requireNonNull(landingMargin, "landingMargin");
    requireNonNull(safetyMargin, "safetyMargin");
    requireNonNull(challengeRetryAfter, "challengeRetryAfter");
    checkArgument(minExitPeriod.getSeconds() >= 2, "minExitPeriod must be at least 2 seconds");
    checkArgument(
        !landingMargin.isNegative() && landingMargin.compareTo(phaseOne(minExitPeriod)) < 0,
        "landingMargin must be >= 0 and shorter than phase 1 (minExitPeriod / 2)");
    checkArgument(
        !safetyMargin.isNegative() && safetyMargin.compareTo(minExitPeriod) < 0,
        "safetyMargin must be >= 0 and shorter than minExitPeriod");
    checkArgument(challengeRetryAfter.isPositive(), "challengeRetryAfter must be positive");
  }

  private static Duration phaseOne(Duration minExitPeriod) {
    return Duration.ofSeconds(minExitPeriod.getSeconds() / 2);
  }

  /** The contract's phase 1 length, {@code MEP / 2} in whole seconds. */
  public Duration phaseOne() {
    return phaseOne(minExitPeriod);
  }

  /**
   * When phase 1 of an exit started at {@code startedAt} ends (the contract's bound, exclusive).
   */
  public Instant phaseOneEnd(Instant startedAt) {
    return startedAt.plus(phaseOne());
  }

  /**
   * The last moment (exclusive) this watcher proposes phase-1 actions for an exit started at {@code
   * startedAt}: {@code startedAt + MEP/2 - landingMargin}.
   */
  public Instant phaseOneDeadline(Instant startedAt) {
    return phaseOneEnd(startedAt).minus(landingMargin);
  }
}
