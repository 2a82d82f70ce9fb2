package io.plasmanode.node.operator;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How the {@link L1EventIngester} follows L1.
 *
 * @param pollInterval how often L1 is asked for its head and new events
 * @param confirmations events are applied once this many L1 blocks are on top of theirs (0 on a
 *     devnet; 10 by default, beyond ordinary reorgs)
 * @param maxBlocksPerQuery the most L1 blocks one {@code eth_getLogs} query covers
 * @param startBlock the first L1 block to read when none was read before (the contract's deployment
 *     block; earlier blocks cannot hold its events)
 */
public record L1EventIngesterConfig(
    Duration pollInterval, int confirmations, int maxBlocksPerQuery, long startBlock) {
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);
  public static final int DEFAULT_CONFIRMATIONS = 10;
  public static final int DEFAULT_MAX_BLOCKS_PER_QUERY = 2_000;

  public L1EventIngesterConfig {
    requireNonNull(pollInterval, "pollInterval");
    checkArgument(
        pollInterval.isPositive(), "poll interval must be positive, got %s", pollInterval);
    checkArgument(confirmations >= 0, "confirmations must be >= 0, got %s", confirmations);
    checkArgument(
        maxBlocksPerQuery >= 1, "max blocks per query must be >= 1, got %s", maxBlocksPerQuery);
    checkArgument(startBlock >= 0, "start block must be >= 0, got %s", startBlock);
  }

  /** Polls every 2 s, 10 confirmations, 2,000 blocks per query, from {@code startBlock}. */
  public static L1EventIngesterConfig defaults(long startBlock) {
    return new L1EventIngesterConfig(
        DEFAULT_POLL_INTERVAL, DEFAULT_CONFIRMATIONS, DEFAULT_MAX_BLOCKS_PER_QUERY, startBlock);
  }

  public L1EventIngesterConfig withPollInterval(Duration interval) {
    return new L1EventIngesterConfig(interval, confirmations, maxBlocksPerQuery, startBlock);
  }

  public L1EventIngesterConfig withConfirmations(int count) {
    return new L1EventIngesterConfig(pollInterval, count, maxBlocksPerQuery, startBlock);
  }

  public L1EventIngesterConfig withMaxBlocksPerQuery(int blocks) {
    return new L1EventIngesterConfig(pollInterval, confirmations, blocks, startBlock);
  }
}
