package io.plasmanode.exitgame;

import static com.google.common.base.Preconditions.checkArgument;

import java.time.Duration;

/**
 * The watcher's exit game settings.
 *
 * @param safetyMargin how long before an invalid exit's {@code exitableAt} it is reported as {@code
 *     unchallenged_exit} if L1 still shows it active, so users have time to exit first
 * @param challengeRetryAfter how long after this watcher submitted a challenge an exit that L1
 *     still shows active gets the challenge proposed again (longer than the L1 confirmation lag)
 */
public record ExitGameConfig(Duration safetyMargin, Duration challengeRetryAfter) {
  public ExitGameConfig {
    checkArgument(!safetyMargin.isNegative(), "safetyMargin must not be negative");
    checkArgument(challengeRetryAfter.isPositive(), "challengeRetryAfter must be positive");
  }
}
