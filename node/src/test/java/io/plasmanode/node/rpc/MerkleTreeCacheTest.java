package io.plasmanode.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.merkle.MerkleTree;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeCacheTest {
  private final List<Long> built = new ArrayList<>();

  private MerkleTree build(long blknum) {
    built.add(blknum);
    return MerkleTree.of(List.of(Long.toString(blknum).getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void get_buildsATreeOnceWhileItIsCached() {
    MerkleTreeCache cache = new MerkleTreeCache(2);

    MerkleTree first = cache.get(1000, this::build);
    MerkleTree second = cache.get(1000, this::build);

    assertThat(second).isSameAs(first);
    assertThat(built).containsExactly(1000L);
  }

  @Test
  void get_evictsTheLeastRecentlyUsedTree() {
    MerkleTreeCache cache = new MerkleTreeCache(2);
    cache.get(1000, this::build);
    cache.get(2000, this::build);
    cache.get(1000, this::build);

    cache.get(3000, this::build);

    assertThat(cache.contains(1000)).isTrue();
    assertThat(cache.contains(2000)).as("least recently used").isFalse();
    assertThat(cache.contains(3000)).isTrue();
    cache.get(2000, this::build);
    assertThat(built).containsExactly(1000L, 2000L, 3000L, 2000L);
  }

  @Test
  void new_rejectsNonPositiveCapacity() {
    assertThatThrownBy(() -> new MerkleTreeCache(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("capacity must be positive");
  }
}
