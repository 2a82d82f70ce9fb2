package io.plasmanode.core.merkle;

import static com.google.common.base.Preconditions.checkArgument;

import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.types.Hash32;
import java.util.ArrayList;
import java.util.List;

/**
 * A block's fixed-height Merkle tree (docs/spec.md): 2^16 leaves, {@code leaf = keccak(0x00 ||
 * txBytes)}, {@code node = keccak(0x01 || left || right)}, missing leaves empty. Only the non-empty
 * part is hashed: building a tree of n leaves costs about 2n hashes.
 */
public final class MerkleTree {
  public static final int HEIGHT = 16;
  public static final int CAPACITY = 1 << HEIGHT;

  private static final byte LEAF_PREFIX = 0x00;
  private static final byte NODE_PREFIX = 0x01;

  /** The empty leaf, {@code keccak(0x00 || 32 zero bytes)}. */
  public static final Hash32 EMPTY_LEAF = Keccak.keccak256(new byte[1 + Hash32.SIZE]);

  private static final Hash32[] EMPTY_SUBTREES = emptySubtrees();

  /** levels[0] are the leaves, levels[HEIGHT] holds the root (when there is any leaf). */
  private final Hash32[][] levels;

  private MerkleTree(Hash32[][] levels) {
    this.levels = levels;
  }

  /** The tree whose leaf i is {@link #leafHash} of {@code txBytes.get(i)}. */
  public static MerkleTree of(List<byte[]> txBytes) {
    checkCapacity(txBytes.size());
    return fromLeaves(txBytes.stream().map(MerkleTree::leafHash).toList());
  }

  /** The tree with these leaf hashes, at most {@link #CAPACITY}. */
  public static MerkleTree fromLeaves(List<Hash32> leaves) {
    checkCapacity(leaves.size());
    Hash32[][] levels = new Hash32[HEIGHT + 1][];
    levels[0] = leaves.toArray(Hash32[]::new);
    for (int level = 0; level < HEIGHT; level++) {
      levels[level + 1] = parents(levels[level], level);
    }
    return new MerkleTree(levels);
  }

  /** {@code keccak(0x00 || txBytes)}. */
  public static Hash32 leafHash(byte[] txBytes) {
    return Keccak.keccak256(new byte[] {LEAF_PREFIX}, txBytes);
  }

  /** {@code keccak(0x01 || left || right)}. */
  public static Hash32 nodeHash(Hash32 left, Hash32 right) {
    byte[] buffer = new byte[1 + 2 * Hash32.SIZE];
    buffer[0] = NODE_PREFIX;
    left.copyTo(buffer, 1);
    right.copyTo(buffer, 1 + Hash32.SIZE);
    return Keccak.keccak256(buffer);
  }

  /** The root of an empty subtree of {@code height} levels (0: the empty leaf; 16: empty tree). */
  public static Hash32 emptySubtreeRoot(int height) {
    checkArgument(height >= 0 && height <= HEIGHT, "height %s not in [0, %s]", height, HEIGHT);
    return EMPTY_SUBTREES[height];
  }

  /** The number of leaves given (the rest are empty). */
  public int size() {
    return levels[0].length;
  }

  public Hash32 root() {
    return levels[HEIGHT].length == 0 ? EMPTY_SUBTREES[HEIGHT] : levels[HEIGHT][0];
  }

  public Hash32 leaf(int index) {
    checkIndex(index);
    return nodeAt(0, index);
  }

  /** The proof for leaf {@code index}; beyond {@link #size()} it proves an empty leaf. */
  public MerkleProof proof(int index) {
    checkIndex(index);
    List<Hash32> siblings = new ArrayList<>(HEIGHT);
    for (int level = 0; level < HEIGHT; level++) {
      siblings.add(nodeAt(level, (index >>> level) ^ 1));
    }
    return new MerkleProof(siblings);
  }

  private Hash32 nodeAt(int level, int position) {
    Hash32[] nodes = levels[level];
    return position < nodes.length ? nodes[position] : EMPTY_SUBTREES[level];
  }

  private static Hash32[] parents(Hash32[] children, int level) {
    Hash32[] parents = new Hash32[(children.length + 1) / 2];
    for (int i = 0; i < parents.length; i++) {
      int right = 2 * i + 1;
      Hash32 rightChild = right < children.length ? children[right] : EMPTY_SUBTREES[level];
      parents[i] = nodeHash(children[2 * i], rightChild);
    }
    return parents;
  }

  private static Hash32[] emptySubtrees() {
    Hash32[] empty = new Hash32[HEIGHT + 1];
    empty[0] = EMPTY_LEAF;
    for (int level = 1; level <= HEIGHT; level++) {
      empty[level] = nodeHash(empty[level - 1], empty[level - 1]);
    }
    return empty;
  }

  private static void checkCapacity(int size) {
    checkArgument(
        size <= CAPACITY, "a block holds at most %s transactions, got %s", CAPACITY, size);
  }

  private static void checkIndex(int index) {
    checkArgument(index >= 0 && index < CAPACITY, "leaf index %s not in [0, %s)", index, CAPACITY);
  }
}
