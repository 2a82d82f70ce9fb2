package io.plasmanode.core.merkle;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.types.Hash32;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An inclusion proof in a block's {@link MerkleTree}: the 16 sibling hashes from the leaf's level
 * up. On the wire it is their concatenation, exactly {@link #SIZE} bytes.
 *
 * @param siblings exactly {@link MerkleTree#HEIGHT} hashes, the leaf's sibling first
 */
public record MerkleProof(List<Hash32> siblings) {
  public static final int SIZE = MerkleTree.HEIGHT * Hash32.SIZE;

  public MerkleProof {
    siblings = List.copyOf(siblings);
    checkArgument(
        siblings.size() == MerkleTree.HEIGHT,
        "a proof has %s siblings, got %s",
        MerkleTree.HEIGHT,
        siblings.size());
  }

  /** The proof in {@code bytes}, if it is exactly 512 bytes long. */
  public static Optional<MerkleProof> fromBytes(byte[] bytes) {
    if (bytes.length != SIZE) {
      return Optional.empty();
    }
    List<Hash32> siblings = new ArrayList<>(MerkleTree.HEIGHT);
    for (int offset = 0; offset < SIZE; offset += Hash32.SIZE) {
      siblings.add(Hash32.of(bytes, offset));
    }
    return Optional.of(new MerkleProof(siblings));
  }

  /** The 512-byte wire form. */
  public byte[] toBytes() {
    byte[] bytes = new byte[SIZE];
    for (int level = 0; level < MerkleTree.HEIGHT; level++) {
      siblings.get(level).copyTo(bytes, level * Hash32.SIZE);
    }
    return bytes;
  }

  /**
   * The root this proof gives for {@code leaf} at {@code index}.
   *
   * @throws IllegalArgumentException if {@code index} is not in {@code [0, 65536)}
   */
  public Hash32 computeRoot(Hash32 leaf, int index) {
    requireNonNull(leaf, "leaf");
    checkArgument(isLeafIndex(index), "leaf index %s not in [0, %s)", index, MerkleTree.CAPACITY);
    Hash32 hash = leaf;
    for (int level = 0; level < MerkleTree.HEIGHT; level++) {
      Hash32 sibling = siblings.get(level);
      boolean isLeftChild = ((index >>> level) & 1) == 0;
      hash = isLeftChild ? MerkleTree.nodeHash(hash, sibling) : MerkleTree.nodeHash(sibling, hash);
    }
    return hash;
  }

  /** Whether {@code leaf} is at {@code index} of the tree with this {@code root}. */
  public boolean verify(Hash32 leaf, int index, Hash32 root) {
    return isLeafIndex(index) && computeRoot(leaf, index).equals(root);
  }

  /**
   * As {@link #verify}, comparing only the high 224 bits of the roots, as the L1 contract does (it
   * keeps a timestamp in the low 32 bits of the stored root; see docs/spec.md).
   */
  public boolean verifyHigh224(Hash32 leaf, int index, Hash32 root) {
    return isLeafIndex(index) && computeRoot(leaf, index).high224Equals(root);
  }

  private static boolean isLeafIndex(int index) {
    return index >= 0 && index < MerkleTree.CAPACITY;
  }
}
