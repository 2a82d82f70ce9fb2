package io.plasmanode.contracts.l1.follow;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.types.Hash32;
import java.util.OptionalLong;

/**
 * A reorg deeper than the confirmations: L1 block {@code block}, whose events were applied, is now
 * {@code newHash} instead of {@code oldHash}. At least the blocks from {@code block} to {@code
 * head} were replaced; at most those after {@code unchanged}, the newest block read before whose
 * hash is the same (empty when none of those remembered is).
 */
public record L1Reorg(
    long block, Hash32 oldHash, Hash32 newHash, long head, OptionalLong unchanged) {
  public L1Reorg {
    requireNonNull(oldHash, "oldHash");
    requireNonNull(newHash, "newHash");
    requireNonNull(unchanged, "unchanged");
  }

  /** The fewest blocks the reorg replaced. */
  public long minDepth() {
    return head - block + 1;
  }

  /** A sentence for the log and the status alarms. */
  public String describe(int confirmations) {
    String bound =
        unchanged.isPresent()
            ? "at most %d (block %d is unchanged)"
                .formatted(head - unchanged.getAsLong(), unchanged.getAsLong())
            : "more than any block remembered";
    return ("L1 reorg deeper than the %d confirmations: block %d is now %s (was %s), so at least"
            + " %d blocks were replaced, %s; events already applied from the replaced blocks may"
            + " be gone from L1")
        .formatted(
            confirmations, block, newHash.toShortHex(), oldHash.toShortHex(), minDepth(), bound);
  }
}
