package io.plasmanode.core.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.types.Hash32;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class MerkleTreeTest {
  private static final Hash32 EMPTY_LEAF = Keccak.keccak256(new byte[33]);

  @Test
  void root_ofEmptyTree_isTheEmptySubtreeChain() {
    Hash32 hash = EMPTY_LEAF;
    for (int level = 0; level < 16; level++) {
      hash = node(hash, hash);
    }
    assertThat(MerkleTree.of(List.of()).root()).isEqualTo(hash);
    assertThat(MerkleTree.emptySubtreeRoot(16)).isEqualTo(hash);
    assertThat(MerkleTree.EMPTY_LEAF).isEqualTo(EMPTY_LEAF);
  }

  @Test
  void root_ofSingleLeaf_matchesManualHashing() {
    byte[] tx = "deposit".getBytes(StandardCharsets.US_ASCII);
    Hash32 hash = Keccak.keccak256(new byte[] {0}, tx);
    Hash32 empty = EMPTY_LEAF;
    for (int level = 0; level < 16; level++) {
      hash = node(hash, empty);
      empty = node(empty, empty);
    }
    assertThat(MerkleTree.leafHash(tx)).isNotEqualTo(Keccak.keccak256(tx));
    assertThat(MerkleTree.of(List.of(tx)).root()).isEqualTo(hash);
  }

  @Test
  void root_matchesNaiveFullTree() {
    for (int size : new int[] {1, 2, 3, 7, 8, 100}) {
      List<byte[]> txs = txs(size);
      assertThat(MerkleTree.of(txs).root()).as("size %s", size).isEqualTo(naiveRoot(txs));
    }
  }

  @Test
  void proof_ofEveryLeafOfSmallTree_verifies() {
    List<byte[]> txs = txs(5);
    MerkleTree tree = MerkleTree.of(txs);
    for (int i = 0; i < txs.size(); i++) {
      Hash32 leaf = MerkleTree.leafHash(txs.get(i));
      assertThat(tree.leaf(i)).isEqualTo(leaf);
      assertThat(tree.proof(i).verify(leaf, i, tree.root())).as("leaf %s", i).isTrue();
    }
  }

  @Test
  void proof_beyondSize_provesAnEmptyLeaf() {
    MerkleTree tree = MerkleTree.of(txs(5));
    for (int i : new int[] {5, 6, 8, 1000, 65_535}) {
      MerkleProof proof = tree.proof(i);
      assertThat(proof.verify(EMPTY_LEAF, i, tree.root())).as("index %s", i).isTrue();
      assertThat(proof.verify(MerkleTree.leafHash(txs(1).get(0)), i, tree.root())).isFalse();
    }
  }

  @Test
  void proof_rejectsIndexOutsideTheTree() {
    MerkleTree tree = MerkleTree.of(txs(2));
    assertThatThrownBy(() -> tree.proof(65_536)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.proof(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @Timeout(10)
  void of_fullBlock_buildsAndProvesItsLastLeaf() {
    List<byte[]> txs = txs(MerkleTree.CAPACITY);
    MerkleTree tree = MerkleTree.of(txs);

    Hash32 last = MerkleTree.leafHash(txs.get(65_535));
    assertThat(tree.size()).isEqualTo(65_536);
    assertThat(tree.proof(65_535).verify(last, 65_535, tree.root())).isTrue();
  }

  @Test
  void of_rejectsMoreThanCapacity() {
    List<Hash32> leaves = Collections.nCopies(MerkleTree.CAPACITY + 1, EMPTY_LEAF);
    List<byte[]> txs = Collections.nCopies(MerkleTree.CAPACITY + 1, new byte[1]);
    assertThatThrownBy(() -> MerkleTree.fromLeaves(leaves))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MerkleTree.of(txs)).isInstanceOf(IllegalArgumentException.class);
  }

  static List<byte[]> txs(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> ("tx " + i).getBytes(StandardCharsets.US_ASCII))
        .toList();
  }

  private static Hash32 naiveRoot(List<byte[]> txs) {
    List<Hash32> level = new ArrayList<>();
    for (int i = 0; i < 65_536; i++) {
      level.add(i < txs.size() ? Keccak.keccak256(new byte[] {0}, txs.get(i)) : EMPTY_LEAF);
    }
    while (level.size() > 1) {
      List<Hash32> parents = new ArrayList<>();
      for (int i = 0; i < level.size(); i += 2) {
        parents.add(node(level.get(i), level.get(i + 1)));
      }
      level = parents;
    }
    return level.get(0);
  }

  private static Hash32 node(Hash32 left, Hash32 right) {
    return Keccak.keccak256(new byte[] {1}, left.toArray(), right.toArray());
  }
}
