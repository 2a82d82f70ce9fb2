package io.plasmanode.node.rpc;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.merkle.MerkleTree;
import io.plasmanode.core.types.Hash32;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockProofCacheTest {
  private static BlockProofs proofs(long blknum) {
    Hash32 leaf = MerkleTree.leafHash(Long.toString(blknum).getBytes(US_ASCII));
    return new BlockProofs(MerkleTree.fromLeaves(List.of(leaf)), List.of(leaf));
  }

  @Test
  void get_returnsWhatWasPut() {
    BlockProofCache cache = new BlockProofCache(2);
    BlockProofs proofs = proofs(1000);

    cache.put(1000, proofs);

    assertThat(cache.get(1000)).containsSame(proofs);
    assertThat(cache.get(2000)).isEmpty();
  }

  @Test
  void put_evictsTheLeastRecentlyUsedBlock() {
    BlockProofCache cache = new BlockProofCache(2);
    cache.put(1000, proofs(1000));
    cache.put(2000, proofs(2000));
    cache.get(1000);

    cache.put(3000, proofs(3000));

    assertThat(cache.contains(1000)).isTrue();
    assertThat(cache.contains(2000)).as("least recently used").isFalse();
    assertThat(cache.contains(3000)).isTrue();
  }

  @Test
  void contains_doesNotCountAsAUse() {
    BlockProofCache cache = new BlockProofCache(2);
    cache.put(1000, proofs(1000));
    cache.put(2000, proofs(2000));
    cache.contains(1000);

    cache.put(3000, proofs(3000));

    assertThat(cache.contains(1000)).isFalse();
    assertThat(cache.contains(2000)).isTrue();
  }

  @Test
  void new_rejectsNonPositiveCapacity() {
    assertThatThrownBy(() -> new BlockProofCache(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("capacity must be positive");
  }
}
