package io.plasmanode.core.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.testing.Cases;
import io.plasmanode.core.testing.Gen;
import io.plasmanode.core.types.Hash32;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MerkleProofPropertyTest {
  private static final int CASES = 1000;
  private static final int LAST_INDEX = MerkleTree.CAPACITY - 1;

  @Test
  void proof_verifiesItsLeafButNoMutatedLeaf() {
    Cases.check(
        CASES,
        gen -> {
          List<byte[]> txs = block(gen);
          int index = index(gen, txs.size());
          int bit = gen.intBetween(0, Hash32.SIZE * 8 - 1);
          MerkleTree tree = MerkleTree.of(txs);
          Hash32 leaf = tree.leaf(index);
          MerkleProof proof = tree.proof(index);

          assertThat(proof.verify(leaf, index, tree.root())).isTrue();
          assertThat(proof.verify(flip(leaf, bit), index, tree.root())).isFalse();
        });
  }

  @Test
  void proof_ofOneLeaf_provesNoOtherIndex() {
    Cases.check(
        CASES,
        gen -> {
          List<byte[]> txs = block(gen);
          int index = gen.intBetween(0, 63) % txs.size();
          int otherIndex = index;
          while (otherIndex == index) {
            otherIndex = index(gen, txs.size());
          }
          MerkleTree tree = MerkleTree.of(txs);

          assertThat(tree.proof(index).verify(tree.leaf(index), otherIndex, tree.root())).isFalse();
        });
  }

  @Test
  void proof_withAnyFlippedSiblingBit_failsToVerify() {
    Cases.check(
        CASES,
        gen -> {
          List<byte[]> txs = block(gen);
          int index = index(gen, txs.size());
          int bit = gen.intBetween(0, MerkleProof.SIZE * 8 - 1);
          MerkleTree tree = MerkleTree.of(txs);
          byte[] bytes = tree.proof(index).toBytes();
          bytes[bit / 8] ^= (byte) (1 << (bit % 8));
          MerkleProof mutated = MerkleProof.fromBytes(bytes).orElseThrow();

          assertThat(mutated.verify(tree.leaf(index), index, tree.root())).isFalse();
        });
  }

  /**
   * 1..40 transactions of 1..80 bytes with distinct leaves, none of them 32 zero bytes (whose leaf
   * is the empty leaf).
   */
  private static List<byte[]> block(Gen gen) {
    int size = gen.intBetween(1, 40);
    List<byte[]> txs = new ArrayList<>();
    Set<Hash32> leaves = new HashSet<>();
    while (txs.size() < size) {
      byte[] tx = gen.bytes(1, 80);
      if (!Arrays.equals(tx, new byte[Hash32.SIZE]) && leaves.add(MerkleTree.leafHash(tx))) {
        txs.add(tx);
      }
    }
    return txs;
  }

  /**
   * Any index of the tree, 0..{@link MerkleTree#CAPACITY}-1; half of the time one of the block's
   * transactions (a uniform index over the whole tree would almost never be one).
   */
  private static int index(Gen gen, int txCount) {
    return gen.bool() ? gen.intBetween(0, txCount - 1) : gen.intBetween(0, LAST_INDEX);
  }

  private static Hash32 flip(Hash32 hash, int bit) {
    byte[] bytes = hash.toArray();
    bytes[bit / 8] ^= (byte) (1 << (bit % 8));
    return Hash32.of(bytes);
  }
}
