package io.plasmanode.p2p.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final TokenBucket bucket = new TokenBucket(4, now::get);

  @Test
  void tryAcquire_allowsABurstOfOneSecond() {
    for (int i = 0; i < 4; i++) {
      assertThat(bucket.tryAcquire()).isTrue();
    }
    assertThat(bucket.tryAcquire()).isFalse();
  }

  @Test
  void tryAcquire_refillsAtTheRateAndCapsAtCapacity() {
    drain();
    now.addAndGet(250_000_000L);
    assertThat(bucket.tryAcquire()).isTrue();
    assertThat(bucket.tryAcquire()).isFalse();

    now.addAndGet(60_000_000_000L);
    drain();
    assertThat(bucket.tryAcquire()).isFalse();
  }

  @Test
  void constructor_rejectsNonPositiveRate() {
    assertThatThrownBy(() -> new TokenBucket(0, now::get))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private void drain() {
    for (int i = 0; i < 4; i++) {
      assertThat(bucket.tryAcquire()).isTrue();
    }
  }
}
