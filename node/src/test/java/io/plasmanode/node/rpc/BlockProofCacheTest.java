package io.plasmanode.node.rpc;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.merkle.MerkleTree;
import io.plasmanode.core.types.Hash32;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BlockProofCacheTest {
  private final Map<Long, AtomicInteger> builds = new ConcurrentHashMap<>();

  private static BlockProofs proofs(long blknum) {
    Hash32 leaf = MerkleTree.leafHash(Long.toString(blknum).getBytes(US_ASCII));
    return new BlockProofs(MerkleTree.fromLeaves(List.of(leaf)), List.of(leaf));
  }

  /** A cache whose builds are counted per block and find every block closed. */
  private BlockProofCache countingCache(int capacity) {
    return new BlockProofCache(
        capacity,
        blknum -> {
          builds.computeIfAbsent(blknum, ignored -> new AtomicInteger()).incrementAndGet();
          return Optional.of(proofs(blknum));
        });
  }

  private int builds(long blknum) {
    return builds.getOrDefault(blknum, new AtomicInteger()).get();
  }

  @Test
  void get_buildsOnFirstUseAndThenServesTheSameProofs() {
    BlockProofCache cache = countingCache(2);

    BlockProofs first = cache.get(1000).orElseThrow();

    assertThat(cache.get(1000)).containsSame(first);
    assertThat(builds(1000)).isEqualTo(1);
  }

  @Test
  void get_ofABlockNotClosed_isEmptyAndNotCached() {
    AtomicInteger calls = new AtomicInteger();
    BlockProofCache cache =
        new BlockProofCache(
            2,
            blknum ->
                calls.incrementAndGet() == 1 ? Optional.empty() : Optional.of(proofs(blknum)));

    assertThat(cache.get(1000)).isEmpty();
    assertThat(cache.contains(1000)).isFalse();
    assertThat(cache.get(1000)).as("closed since").isPresent();
  }

  @Test
  void get_passesOnWhatTheBuildThrows() {
    BlockProofCache cache =
        new BlockProofCache(
            2,
            blknum -> {
              throw new IllegalStateException("stored root is wrong");
            });

    assertThatThrownBy(() -> cache.get(1000))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("stored root is wrong");
  }

  @Test
  void get_evictsTheLeastRecentlyUsedBlock() {
    BlockProofCache cache = countingCache(2);
    cache.get(1000);
    cache.get(2000);
    cache.get(1000);

    cache.get(3000);

    assertThat(cache.contains(1000)).isTrue();
    assertThat(cache.contains(2000)).as("least recently used").isFalse();
    assertThat(cache.contains(3000)).isTrue();
  }

  @Test
  void contains_doesNotCountAsAUse() {
    BlockProofCache cache = countingCache(2);
    cache.get(1000);
    cache.get(2000);
    cache.contains(1000);

    cache.get(3000);

    assertThat(cache.contains(1000)).isFalse();
    assertThat(cache.contains(2000)).isTrue();
  }

  @Test
  void get_byCallersAtOnce_buildsTheBlockOnce() throws Exception {
    int callers = 8;
    CyclicBarrier allAsking = new CyclicBarrier(callers + 1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger blockBuilds = new AtomicInteger();
    BlockProofCache cache =
        new BlockProofCache(
            2,
            blknum -> {
              blockBuilds.incrementAndGet();
              awaitQuietly(release); // the build is slow: every caller asks while it runs
              return Optional.of(proofs(blknum));
            });
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<Optional<BlockProofs>>> answers = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        answers.add(
            pool.submit(
                () -> {
                  allAsking.await(10, TimeUnit.SECONDS);
                  return cache.get(1000);
                }));
      }
      allAsking.await(10, TimeUnit.SECONDS);
      release.countDown();
      BlockProofs first = answers.get(0).get(10, TimeUnit.SECONDS).orElseThrow();
      for (Future<Optional<BlockProofs>> answer : answers) {
        assertThat(answer.get(10, TimeUnit.SECONDS)).containsSame(first);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(blockBuilds).hasValue(1);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void new_rejectsNonPositiveCapacity() {
    assertThatThrownBy(() -> new BlockProofCache(0, blknum -> Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("capacity must be positive");
  }
}
