package io.plasmanode.node.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.crypto.SignerRecovery;
import io.plasmanode.core.types.Address;
import io.plasmanode.node.crypto.SignerRecoveries;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The meter's arithmetic on a stepped clock: nothing here is timed. */
class RecoveryRateMeterTest {
  /** Each recovery advances the clock by 50 us: 20,000 recoveries per second. */
  private static final long NANOS_PER_RECOVERY = 50_000;

  @Test
  void measure_countsRecoveriesPerSecondOfTheClock() {
    AtomicLong clock = new AtomicLong();
    SignerRecovery real = SignerRecoveries.best();
    SignerRecovery stepping =
        (digest, signature) -> {
          clock.addAndGet(NANOS_PER_RECOVERY);
          return real.recover(digest, signature);
        };

    RecoveryBaseline baseline =
        new RecoveryRateMeter(stepping, SignerRecoveries.bestSigner(), clock::get)
            .measure(0.096, 3);

    assertThat(baseline.perSecond()).isEqualTo(20_000);
    assertThat(baseline.roundsPerSecond()).containsExactly(20_000.0, 20_000.0, 20_000.0);
    assertThat(baseline.seconds()).as("a warm-up round and 3 timed ones").isEqualTo(0.128);
  }

  @Test
  void measure_takesTheBestRound() {
    AtomicLong clock = new AtomicLong();
    AtomicLong calls = new AtomicLong();
    SignerRecovery real = SignerRecoveries.best();
    SignerRecovery slowFirstRounds =
        (digest, signature) -> {
          long n = calls.incrementAndGet();
          clock.addAndGet(n <= 640 ? 2 * NANOS_PER_RECOVERY : NANOS_PER_RECOVERY);
          return real.recover(digest, signature);
        };

    RecoveryBaseline baseline =
        new RecoveryRateMeter(slowFirstRounds, SignerRecoveries.bestSigner(), clock::get)
            .measure(0.096, 3);

    assertThat(baseline.roundsPerSecond()).containsExactly(10_000.0, 20_000.0, 20_000.0);
    assertThat(baseline.perSecond()).isEqualTo(20_000);
  }

  @Test
  void measure_failsOnAWrongSigner() {
    SignerRecovery wrong = (digest, signature) -> Optional.of(Address.ZERO);

    assertThatThrownBy(
            () ->
                new RecoveryRateMeter(wrong, SignerRecoveries.bestSigner(), System::nanoTime)
                    .measure(0.01, 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does not recover signature 0");
  }
}
