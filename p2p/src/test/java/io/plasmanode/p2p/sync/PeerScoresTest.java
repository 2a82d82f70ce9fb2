package io.plasmanode.p2p.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PeerScoresTest {
  private static final String PEER = "127.0.0.1:9000";

  private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
  private final PeerScores scores = new PeerScores(100, Duration.ofMinutes(10), clock);

  @Test
  void penalize_lowersTheScoreAndBansAtTheThreshold() {
    assertThat(scores.penalize(PEER, 40)).isFalse();
    assertThat(scores.penalize(PEER, 40)).isFalse();
    assertThat(scores.score(PEER)).isEqualTo(-80);
    assertThat(scores.isBanned(PEER)).isFalse();

    assertThat(scores.penalize(PEER, 25)).isTrue();
    assertThat(scores.isBanned(PEER)).isTrue();
    assertThat(scores.bans()).containsOnlyKeys(PEER);
    assertThat(scores.score("127.0.0.1:9001")).isZero();
  }

  @Test
  void ban_expiresAndTheScoreStartsOver() {
    scores.penalize(PEER, 100);
    clock.advance(Duration.ofMinutes(10).minusMillis(1));
    assertThat(scores.isBanned(PEER)).isTrue();

    clock.advance(Duration.ofMillis(1));
    assertThat(scores.isBanned(PEER)).isFalse();
    assertThat(scores.score(PEER)).isZero();
    assertThat(scores.bans()).isEmpty();
  }

  @Test
  void penalize_whileBannedDoesNotExtendTheBan() {
    scores.penalize(PEER, 100);
    clock.advance(Duration.ofMinutes(5));
    assertThat(scores.penalize(PEER, 100)).isFalse();
    clock.advance(Duration.ofMinutes(5));
    assertThat(scores.isBanned(PEER)).isFalse();
  }
}
