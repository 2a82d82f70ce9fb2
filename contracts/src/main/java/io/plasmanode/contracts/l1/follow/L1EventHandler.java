package io.plasmanode.contracts.l1.follow;

import java.util.OptionalLong;

/**
 * What a service does with the contract's events, and where it stands: the {@link L1EventFollower}
 * asks {@link #lastBlockApplied()} at each poll and delivers the chunks after it.
 *
 * <p>A crash must not lose or double an event: {@link #apply} records {@link L1Chunk#lastBlock()}
 * either in one atomic write with what the events changed, or after effects that are idempotent (so
 * a crash in between only makes the next poll deliver the chunk again).
 */
public interface L1EventHandler {
  /** The last L1 block whose events are applied, empty before the first. */
  OptionalLong lastBlockApplied();

  /**
   * Applies {@code chunk}'s events in order and records {@code chunk.lastBlock()} as applied. A
   * failure (an exception) leaves the cursor where it was: the chunk is delivered again.
   */
  void apply(L1Chunk chunk);
}
