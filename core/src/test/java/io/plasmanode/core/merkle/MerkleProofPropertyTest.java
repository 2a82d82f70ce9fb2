package io.plasmanode.core.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.types.Hash32;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class MerkleProofPropertyTest {

  @Property
  void proof_verifiesItsLeafButNoMutatedLeaf(
      @ForAll("blocks") List<byte[]> txs,
      @ForAll @IntRange(min = 0, max = 65_535) int index,
      @ForAll @IntRange(min = 0, max = 255) int bit) {
    MerkleTree tree = MerkleTree.of(txs);
    Hash32 leaf = tree.leaf(index);
    MerkleProof proof = tree.proof(index);

    assertThat(proof.verify(leaf, index, tree.root())).isTrue();
    assertThat(proof.verify(flip(leaf, bit), index, tree.root())).isFalse();
  }

  @Property
  void proof_ofOneLeaf_provesNoOtherIndex(
      @ForAll("blocks") List<byte[]> txs,
      @ForAll @IntRange(min = 0, max = 63) int seed,
      @ForAll @IntRange(min = 0, max = 65_535) int otherIndex) {
    int index = seed % txs.size();
    Assume.that(otherIndex != index);
    MerkleTree tree = MerkleTree.of(txs);

    assertThat(tree.proof(index).verify(tree.leaf(index), otherIndex, tree.root())).isFalse();
  }

  @Property
  void proof_withAnyFlippedSiblingBit_failsToVerify(
      @ForAll("blocks") List<byte[]> txs,
      @ForAll @IntRange(min = 0, max = 65_535) int index,
      @ForAll @IntRange(min = 0, max = MerkleProof.SIZE * 8 - 1) int bit) {
    MerkleTree tree = MerkleTree.of(txs);
    byte[] bytes = tree.proof(index).toBytes();
    bytes[bit / 8] ^= (byte) (1 << (bit % 8));
    MerkleProof mutated = MerkleProof.fromBytes(bytes).orElseThrow();

    assertThat(mutated.verify(tree.leaf(index), index, tree.root())).isFalse();
  }

  /** 1..40 distinct transactions, none of them 32 zero bytes (whose leaf is the empty leaf). */
  @Provide
  Arbitrary<List<byte[]>> blocks() {
    return Arbitraries.bytes()
        .array(byte[].class)
        .ofMinSize(1)
        .ofMaxSize(80)
        .filter(tx -> !Arrays.equals(tx, new byte[32]))
        .list()
        .ofMinSize(1)
        .ofMaxSize(40)
        .filter(MerkleProofPropertyTest::distinct);
  }

  private static boolean distinct(List<byte[]> txs) {
    List<Hash32> leaves = new ArrayList<>();
    txs.forEach(tx -> leaves.add(MerkleTree.leafHash(tx)));
    return leaves.stream().distinct().count() == leaves.size();
  }

  private static Hash32 flip(Hash32 hash, int bit) {
    byte[] bytes = hash.toArray();
    bytes[bit / 8] ^= (byte) (1 << (bit % 8));
    return Hash32.of(bytes);
  }
}
