package io.plasmanode.contracts.l1.follow;

import static com.google.common.base.Preconditions.checkArgument;

import io.plasmanode.core.l1.L1Event;
import java.util.List;

/**
 * The contract's events of L1 blocks {@code firstBlock..lastBlock} (inclusive), in log order, as an
 * {@link L1EventFollower} delivers them. {@code lastBlock} is the cursor to record with what the
 * events changed: the next poll reads on from the block after the one the handler recorded.
 */
public record L1Chunk(long firstBlock, long lastBlock, List<L1Event> events) {
  public L1Chunk {
    checkArgument(
        0 <= firstBlock && firstBlock <= lastBlock,
        "L1 blocks %s..%s out of order",
        firstBlock,
        lastBlock);
    events = List.copyOf(events);
  }
}
