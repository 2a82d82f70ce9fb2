package io.plasmanode.core.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.types.Hash32;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleProofTest {
  private final List<byte[]> txs = MerkleTreeTest.txs(9);
  private final MerkleTree tree = MerkleTree.of(txs);
  private final Hash32 leaf = MerkleTree.leafHash(txs.get(6));
  private final MerkleProof proof = tree.proof(6);

  @Test
  void toBytes_is512BytesAndRoundTrips() {
    byte[] bytes = proof.toBytes();
    assertThat(bytes).hasSize(512);
    assertThat(Hash32.of(bytes, 0)).isEqualTo(tree.leaf(7));
    assertThat(MerkleProof.fromBytes(bytes)).contains(proof);
  }

  @Test
  void fromBytes_rejectsWrongLength() {
    assertThat(MerkleProof.fromBytes(new byte[511])).isEmpty();
    assertThat(MerkleProof.fromBytes(new byte[513])).isEmpty();
    assertThat(MerkleProof.fromBytes(new byte[0])).isEmpty();
  }

  @Test
  void constructor_rejectsWrongSiblingCount() {
    assertThatThrownBy(() -> new MerkleProof(Collections.nCopies(15, Hash32.ZERO)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void verify_isFalseForIndexOutsideTheTree() {
    assertThat(proof.verify(leaf, -1, tree.root())).isFalse();
    assertThat(proof.verify(leaf, 65_536, tree.root())).isFalse();
    assertThat(proof.verify(leaf, 6 + 65_536, tree.root())).isFalse();
    assertThatThrownBy(() -> proof.computeRoot(leaf, 65_536))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void verifyHigh224_ignoresOnlyTheLow32BitsOfTheRoot() {
    byte[] lowChanged = tree.root().toArray();
    lowChanged[31] ^= 0x7f;
    lowChanged[28] ^= 0x01;
    byte[] highChanged = tree.root().toArray();
    highChanged[27] ^= 0x01;

    assertThat(proof.verifyHigh224(leaf, 6, tree.root())).isTrue();
    assertThat(proof.verifyHigh224(leaf, 6, Hash32.of(lowChanged))).isTrue();
    assertThat(proof.verify(leaf, 6, Hash32.of(lowChanged))).isFalse();
    assertThat(proof.verifyHigh224(leaf, 6, Hash32.of(highChanged))).isFalse();
    assertThat(proof.verifyHigh224(leaf, 65_536, tree.root())).isFalse();
  }
}
