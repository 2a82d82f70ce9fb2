package io.plasmanode.node.rpc;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.base.Throwables;
import com.google.common.cache.CacheBuilder;
import com.google.common.cache.CacheLoader;
import com.google.common.cache.LoadingCache;
import com.google.common.util.concurrent.UncheckedExecutionException;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The {@link BlockProofs} of the most recently used child blocks, the least recently used evicted
 * first: exits and challenges come in bursts for the same recent blocks, and a full block takes ~30
 * ms to hash and ~15 MB to keep. Closed blocks never change, so entries never go stale. Callers
 * that ask for the same block at once wait for one build instead of each building the tree.
 * Thread-safe.
 */
final class BlockProofCache {
  private final LoadingCache<Long, BlockProofs> entries;

  /**
   * @param build the proofs of a block, empty when the block is not closed (not cached, so a later
   *     call builds them once it is)
   */
  BlockProofCache(int capacity, LongFunction<Optional<BlockProofs>> build) {
    checkArgument(capacity > 0, "capacity must be positive, got %s", capacity);
    requireNonNull(build, "build");
    this.entries =
        CacheBuilder.newBuilder()
            .concurrencyLevel(1) // one segment: eviction is least recently used over all entries
            .maximumSize(capacity)
            .build(
                CacheLoader.from((Long blknum) -> build.apply(blknum).orElseThrow(NotClosed::new)));
  }

  /**
   * The proofs of block {@code blknum}, built on first use (once, however many callers ask at
   * once); counts as a use. Empty when the block is not closed.
   */
  Optional<BlockProofs> get(long blknum) {
    try {
      return Optional.of(entries.getUnchecked(blknum));
    } catch (UncheckedExecutionException e) {
      if (e.getCause() instanceof NotClosed) {
        return Optional.empty();
      }
      Throwables.throwIfUnchecked(e.getCause());
      throw e;
    }
  }

  /** Whether block {@code blknum} is cached; does not count as a use. */
  boolean contains(long blknum) {
    return entries.asMap().containsKey(blknum);
  }

  /** The build found no closed block: nothing to cache. */
  private static final class NotClosed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotClosed() {
      super(null, null, false, false);
    }
  }
}
