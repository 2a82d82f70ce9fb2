package io.plasmanode.node.rpc;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link BlockProofs} of the most recently used child blocks, the least recently used evicted
 * first: exits and challenges come in bursts for the same recent blocks, and a full block takes ~30
 * ms to hash and ~15 MB to keep. Closed blocks never change, so entries never go stale.
 * Thread-safe.
 */
final class BlockProofCache {
  private final int capacity;
  private final Map<Long, BlockProofs> entries;

  BlockProofCache(int capacity) {
    checkArgument(capacity > 0, "capacity must be positive, got %s", capacity);
    this.capacity = capacity;
    this.entries = new LinkedHashMap<>(capacity * 2, 0.75f, true);
  }

  /** The proofs of block {@code blknum}, if cached; counts as a use. */
  synchronized Optional<BlockProofs> get(long blknum) {
    return Optional.ofNullable(entries.get(blknum));
  }

  /**
   * Caches {@code proofs} of block {@code blknum}, evicting the least recently used beyond
   * capacity.
   */
  synchronized void put(long blknum, BlockProofs proofs) {
    entries.put(blknum, requireNonNull(proofs, "proofs"));
    if (entries.size() > capacity) {
      entries.remove(entries.keySet().iterator().next());
    }
  }

  /** Whether block {@code blknum} is cached; does not count as a use. */
  synchronized boolean contains(long blknum) {
    return entries.containsKey(blknum);
  }
}
