package io.plasmanode.node.watcher;

import java.time.Duration;
import java.util.Optional;

/**
 * The watcher's timings against the contract's exit period {@code P} ({@code minExitPeriod}, read
 * from L1 at start). Every exit matures at least {@code P} after it starts. Within that time the
 * watcher must see the start ({@code lag}: the finality margin in L1 blocks at the chain's recent
 * block time, plus one poll interval), challenge, and if the challenge does not land re-send it
 * after {@code --challenge-retry-after} and see the result (another {@code lag}), all before the
 * exit is within {@code --safety-margin} of maturity, where an exit still active on L1 is reported
 * {@code unchallenged_exit} (users must exit). The rule:
 *
 * <pre>
 * safety-margin + challenge-retry-after + 2 x (finality-margin x L1 block time + poll-interval)
 *     &lt;= P</pre>
 *
 * A watcher whose settings break it would raise {@code unchallenged_exit} for exits it is still
 * challenging (the false alarm that halts it) or could not challenge in time, so it refuses to
 * start. Defaults scale with {@code P}: the safety margin is 1 day but at most {@code P/4}, the
 * challenge retry 5 minutes but at most {@code P/10}, the challenge urgent margin twice the safety
 * margin (at least 10 minutes) but at most {@code P/2}: a challenge not yet mined is pushed with
 * doubled fees well before its exit would be reported unchallenged, and not from the moment it is
 * sent on a chain with a short exit period (which would be a false alarm).
 */
public final class WatcherTimings {
  public static final Duration MAX_DEFAULT_SAFETY_MARGIN = Duration.ofDays(1);
  public static final Duration MAX_DEFAULT_CHALLENGE_RETRY = Duration.ofMinutes(5);
  public static final Duration MIN_DEFAULT_URGENT_MARGIN = Duration.ofMinutes(10);

  private WatcherTimings() {}

  /** The default {@code --safety-margin} for exit period {@code exitPeriod}. */
  public static Duration defaultSafetyMargin(Duration exitPeriod) {
    return min(MAX_DEFAULT_SAFETY_MARGIN, exitPeriod.dividedBy(4));
  }

  /** The default {@code --challenge-retry-after} for exit period {@code exitPeriod}. */
  public static Duration defaultChallengeRetry(Duration exitPeriod) {
    return min(MAX_DEFAULT_CHALLENGE_RETRY, atLeastOneSecond(exitPeriod.dividedBy(10)));
  }

  /**
   * The default {@code --challenge-urgent-margin} for exit period {@code exitPeriod} and safety
   * margin {@code safetyMargin}.
   */
  public static Duration defaultUrgentMargin(Duration exitPeriod, Duration safetyMargin) {
    Duration twiceSafety = safetyMargin.multipliedBy(2);
    Duration wanted =
        twiceSafety.compareTo(MIN_DEFAULT_URGENT_MARGIN) > 0
            ? twiceSafety
            : MIN_DEFAULT_URGENT_MARGIN;
    return min(wanted, exitPeriod.dividedBy(2));
  }

  /**
   * Why {@code config} does not fit exit period {@code exitPeriod} on an L1 with blocks every
   * {@code l1BlockTime}, naming the option to change and a value that fits; empty if it fits.
   */
  public static Optional<String> misfit(
      WatcherConfig config, Duration exitPeriod, Duration l1BlockTime) {
    Duration lag = l1BlockTime.multipliedBy(config.finalityMargin()).plus(config.pollInterval());
    Duration room = exitPeriod.minus(config.challengeRetryAfter()).minus(lag.multipliedBy(2));
    String period = "the contract's exit period " + format(exitPeriod);
    if (!room.isPositive()) {
      return Optional.of(
          ("--challenge-retry-after %s, --poll-interval %s and --finality-margin %d (%s of L1"
                  + " blocks) leave no time within %s to challenge an exit and re-send the"
                  + " challenge before it matures: use at most --challenge-retry-after %s and"
                  + " --poll-interval %s, and a finality margin well below %s of L1 blocks")
              .formatted(
                  format(config.challengeRetryAfter()),
                  format(config.pollInterval()),
                  config.finalityMargin(),
                  format(l1BlockTime.multipliedBy(config.finalityMargin())),
                  period,
                  format(defaultChallengeRetry(exitPeriod)),
                  format(atLeastOneSecond(exitPeriod.dividedBy(20))),
                  format(exitPeriod.dividedBy(4))));
    }
    if (config.safetyMargin().compareTo(room) > 0) {
      return Optional.of(
          ("--safety-margin %s does not fit %s: it must leave %s to challenge an exit"
                  + " (--challenge-retry-after %s and twice the L1 lag of %s): use at most"
                  + " --safety-margin %s (the default for this contract is %s)")
              .formatted(
                  format(config.safetyMargin()),
                  period,
                  format(exitPeriod.minus(room)),
                  format(config.challengeRetryAfter()),
                  format(lag),
                  format(room),
                  format(defaultSafetyMargin(exitPeriod))));
    }
    return Optional.empty();
  }

  /**
   * A warning when {@code --withholding-timeout} (plus the L1 lag) reaches past {@code exitPeriod -
   * safetyMargin}: exits of outputs spent in a withheld block cannot be challenged, and the {@code
   * block_withholding} alarm would come after they are already within the margin.
   */
  public static Optional<String> withholdingWarning(
      WatcherConfig config, Duration exitPeriod, Duration l1BlockTime) {
    Duration lag = l1BlockTime.multipliedBy(config.finalityMargin()).plus(config.pollInterval());
    Duration room = exitPeriod.minus(config.safetyMargin());
    if (config.withholdingTimeout().plus(lag).compareTo(room) <= 0) {
      return Optional.empty();
    }
    return Optional.of(
        ("--withholding-timeout %s is not well below the contract's exit period %s less the"
                + " safety margin %s: a withheld block would be reported after exits it could"
                + " challenge are within the margin; use at most --withholding-timeout %s")
            .formatted(
                format(config.withholdingTimeout()),
                format(exitPeriod),
                format(config.safetyMargin()),
                format(room.minus(lag).isPositive() ? room.minus(lag) : Duration.ofSeconds(1))));
  }

  /**
   * {@code 1d}, {@code 2m}, {@code 86s}, {@code 500ms}: one unit, as the options take it (rounded
   * down to whole seconds from one second up).
   */
  static String format(Duration duration) {
    if (duration.toMillis() < 1000) {
      return Math.max(0, duration.toMillis()) + "ms";
    }
    long seconds = duration.toSeconds();
    long[] units = {86_400, 3_600, 60};
    String[] names = {"d", "h", "m"};
    for (int i = 0; i < units.length; i++) {
      if (seconds % units[i] == 0) {
        return seconds / units[i] + names[i];
      }
    }
    return seconds + "s";
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Duration atLeastOneSecond(Duration duration) {
    return duration.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : duration;
  }
}
