package io.plasmanode.node.commit;

import io.plasmanode.contracts.l1.L1Exception;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An unreachable L1, as the root committer meets it: a round that cannot reach L1 ends early and is
 * retried with exponential backoff (from {@code pollInterval}, at most {@code maxBackoff}); the
 * committer's status alarms once L1 has been unreachable for {@code stallAlarmAfter}.
 */
final class L1Outage {
  private static final Logger LOG = LoggerFactory.getLogger(L1Outage.class);
  private static final int MAX_BACKOFF_DOUBLINGS = 16;

  private final RootCommitterConfig config;
  private Optional<Instant> unreachableSince = Optional.empty();
  private String lastL1Error = "";
  private int consecutiveFailures;

  L1Outage(RootCommitterConfig config) {
    this.config = config;
  }

  /** A round reached L1: the outage, if any, is over. */
  void recovered() {
    if (unreachableSince.isPresent()) {
      LOG.info("L1 reachable again");
    }
    unreachableSince = Optional.empty();
    consecutiveFailures = 0;
  }

  /** A round ended early because L1 could not be reached. */
  void unreachable(Instant now, L1Exception e) {
    if (unreachableSince.isEmpty()) {
      unreachableSince = Optional.of(now);
    }
    consecutiveFailures++;
    lastL1Error = String.valueOf(e.getMessage());
    LOG.warn("L1 unreachable (attempt {}): {}", consecutiveFailures, lastL1Error);
  }

  /** The wait before the next round: {@code pollInterval}, or the backoff during an outage. */
  Duration nextDelay() {
    if (consecutiveFailures == 0) {
      return config.pollInterval();
    }
    Duration backoff =
        config
            .pollInterval()
            .multipliedBy(1L << Math.min(consecutiveFailures, MAX_BACKOFF_DOUBLINGS));
    return backoff.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : backoff;
  }

  /** The alarm once L1 has been unreachable for {@code stallAlarmAfter}. */
  Optional<String> alarm(Instant now) {
    return unreachableSince
        .filter(since -> !Duration.between(since, now).minus(config.stallAlarmAfter()).isNegative())
        .map(
            since ->
                "L1 unreachable since %s (%d s): %s"
                    .formatted(since, Duration.between(since, now).toSeconds(), lastL1Error));
  }
}
