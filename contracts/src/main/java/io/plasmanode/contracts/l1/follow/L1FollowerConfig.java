package io.plasmanode.contracts.l1.follow;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How an {@link L1EventFollower} follows L1.
 *
 * @param pollInterval how often L1 is asked for its head and new events
 * @param confirmations events are delivered once this many L1 blocks are on top of theirs (0 on a
 *     devnet; 10 by default, beyond ordinary reorgs)
 * @param maxBlocksPerQuery the most L1 blocks one {@code eth_getLogs} query (one chunk) covers
 * @param startBlock the first L1 block to read when none was read before (the contract's deployment
 *     block; earlier blocks cannot hold its events)
 * @param maxBackoff the longest wait between attempts while polls fail (the wait starts at {@code
 *     pollInterval} and doubles with each failure)
 * @param alarmAfter how long polls may keep failing before the follower raises an alarm (zero: at
 *     the first failure)
 */
public record L1FollowerConfig(
    Duration pollInterval,
    int confirmations,
    int maxBlocksPerQuery,
    long startBlock,
    Duration maxBackoff,
    Duration alarmAfter) {
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);
  public static final int DEFAULT_CONFIRMATIONS = 10;
  public static final int DEFAULT_MAX_BLOCKS_PER_QUERY = 2_000;
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
  public static final Duration DEFAULT_ALARM_AFTER = Duration.ZERO;

  public L1FollowerConfig {
    requireNonNull(pollInterval, "pollInterval");
    requireNonNull(maxBackoff, "maxBackoff");
    requireNonNull(alarmAfter, "alarmAfter");
    checkArgument(
        pollInterval.isPositive(), "poll interval must be positive, got %s", pollInterval);
    checkArgument(confirmations >= 0, "confirmations must be >= 0, got %s", confirmations);
    checkArgument(
        maxBlocksPerQuery >= 1, "max blocks per query must be >= 1, got %s", maxBlocksPerQuery);
    checkArgument(startBlock >= 0, "start block must be >= 0, got %s", startBlock);
    checkArgument(maxBackoff.isPositive(), "max backoff must be positive, got %s", maxBackoff);
    checkArgument(!alarmAfter.isNegative(), "alarm delay must not be negative, got %s", alarmAfter);
  }

  /**
   * Polls every 2 s, 10 confirmations, 2,000 blocks per query, from {@code startBlock}; while polls
   * fail, backs off up to 30 s and alarms at once.
   */
  public static L1FollowerConfig defaults(long startBlock) {
    return new L1FollowerConfig(
        DEFAULT_POLL_INTERVAL,
        DEFAULT_CONFIRMATIONS,
        DEFAULT_MAX_BLOCKS_PER_QUERY,
        startBlock,
        DEFAULT_MAX_BACKOFF,
        DEFAULT_ALARM_AFTER);
  }

  public L1FollowerConfig withPollInterval(Duration interval) {
    return new L1FollowerConfig(
        interval, confirmations, maxBlocksPerQuery, startBlock, maxBackoff, alarmAfter);
  }

  public L1FollowerConfig withConfirmations(int count) {
    return new L1FollowerConfig(
        pollInterval, count, maxBlocksPerQuery, startBlock, maxBackoff, alarmAfter);
  }

  public L1FollowerConfig withMaxBlocksPerQuery(int blocks) {
    return new L1FollowerConfig(
        pollInterval, confirmations, blocks, startBlock, maxBackoff, alarmAfter);
  }

  public L1FollowerConfig withMaxBackoff(Duration backoff) {
    return new L1FollowerConfig(
        pollInterval, confirmations, maxBlocksPerQuery, startBlock, backoff, alarmAfter);
  }

  public L1FollowerConfig withAlarmAfter(Duration delay) {
    return new L1FollowerConfig(
        pollInterval, confirmations, maxBlocksPerQuery, startBlock, maxBackoff, delay);
  }
}
