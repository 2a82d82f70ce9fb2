package io.plasmanode.contracts.l1.follow;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.types.Hash32;
import java.util.OptionalLong;

/**
 * A reorg deeper than the confirmations: L1 block {@code block}, whose events were applied, is now
 * {@code newHash} instead of {@code oldHash}. The blocks from {@code block} to {@code previousHead}
 * (the head seen before) were replaced, and maybe more: the chain forked after {@code unchanged},
 * the newest block read before whose hash is the same (empty when none of those remembered is).
 */
public record L1Reorg(
    long block, Hash32 oldHash, Hash32 newHash, long previousHead, OptionalLong unchanged) {
  public L1Reorg {
    requireNonNull(oldHash, "oldHash");
    requireNonNull(newHash, "newHash");
    requireNonNull(unchanged, "unchanged");
  }

  /** The fewest blocks the reorg replaced. */
  public long minDepth() {
    return Math.max(previousHead, block) - block + 1;
  }

  /** A sentence for the log and the status alarms. */
  public String describe(int confirmations) {
    String fork =
        unchanged.isPresent()
            ? "forked after block " + unchanged.getAsLong()
            : "forked before it (no earlier block remembered is unchanged)";
    return ("L1 reorg deeper than the %d confirmations: block %d is now %s (was %s), a reorg of at"
            + " least %d blocks, %s; events applied from the replaced blocks may be gone from L1")
        .formatted(
            confirmations, block, newHash.toShortHex(), oldHash.toShortHex(), minDepth(), fork);
  }
}
