package io.plasmanode.node.api;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * When the operator's last closed block closed and how long it took to store, for {@code
 * plasma_status} (the load generator's block build times come from here, not from the log).
 *
 * @param blknum the block
 * @param txCount its transactions
 * @param closedAt when it closed (its timestamp)
 * @param buildMillis from its close to its stored (Merkle tree and database write), in ms
 */
public record ClosedBlockTiming(long blknum, int txCount, Instant closedAt, long buildMillis) {
  public ClosedBlockTiming {
    checkArgument(blknum > 0, "blknum must be positive, got %s", blknum);
    checkArgument(txCount >= 0, "txCount must not be negative, got %s", txCount);
    requireNonNull(closedAt, "closedAt");
    checkArgument(buildMillis >= 0, "buildMillis must not be negative, got %s", buildMillis);
  }
}
