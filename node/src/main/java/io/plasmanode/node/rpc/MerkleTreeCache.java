package io.plasmanode.node.rpc;

import static com.google.common.base.Preconditions.checkArgument;

import io.plasmanode.core.merkle.MerkleTree;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * The Merkle trees of the most recently used child blocks, least recently used evicted first. A
 * full block's tree takes ~30 ms to build and ~10 MB to keep, so a few are cached: exits and
 * challenges come in bursts for the same recent blocks. Thread-safe; a tree is built outside the
 * lock, so two threads missing the same block may both build it (blocks never change, so either
 * tree is right).
 */
final class MerkleTreeCache {
  private final int capacity;
  private final Map<Long, MerkleTree> trees;

  MerkleTreeCache(int capacity) {
    checkArgument(capacity > 0, "capacity must be positive, got %s", capacity);
    this.capacity = capacity;
    this.trees = new LinkedHashMap<>(capacity * 2, 0.75f, true);
  }

  /** The tree of block {@code blknum}, built with {@code builder} unless cached. */
  MerkleTree get(long blknum, LongFunction<MerkleTree> builder) {
    synchronized (trees) {
      MerkleTree cached = trees.get(blknum);
      if (cached != null) {
        return cached;
      }
    }
    MerkleTree built = builder.apply(blknum);
    synchronized (trees) {
      trees.put(blknum, built);
      if (trees.size() > capacity) {
        Long eldest = trees.keySet().iterator().next();
        trees.remove(eldest);
      }
    }
    return built;
  }

  /** Whether the tree of {@code blknum} is cached (does not count as a use). */
  boolean contains(long blknum) {
    synchronized (trees) {
      return trees.containsKey(blknum);
    }
  }
}
