package io.plasmanode.exitgame;

import static io.plasmanode.exitgame.ChainFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.l1.BlockCommitment;
import io.plasmanode.core.types.Hash32;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WithholdingDetectorTest {
  private static final Duration MAX_WAIT = Duration.ofMinutes(10);

  private final WithholdingDetector detector = new WithholdingDetector(MAX_WAIT);

  private static BlockCommitment root(long blknum, Instant committedAt) {
    return new BlockCommitment(blknum, Hash32.ZERO, committedAt);
  }

  @Test
  void check_isQuietBeforeMaxWait_andReportsAtMaxWait() {
    detector.rootCommitted(root(1000, T0), T0);

    assertThat(detector.check(T0.plus(MAX_WAIT).minusSeconds(1))).isEmpty();
    assertThat(detector.check(T0.plus(MAX_WAIT)))
        .containsExactly(
            new ByzantineEvent.BlockWithholding(1000, T0, MAX_WAIT, T0.plus(MAX_WAIT)));
  }

  @Test
  void check_reportsEachWithheldBlockOnce() {
    detector.rootCommitted(root(1000, T0), T0);
    assertThat(detector.check(T0.plus(MAX_WAIT))).hasSize(1);

    assertThat(detector.check(T0.plus(MAX_WAIT).plusSeconds(1))).isEmpty();
    assertThat(detector.check(T0.plus(MAX_WAIT.multipliedBy(5)))).isEmpty();
  }

  @Test
  void check_neverReportsABlockObtainedInTime() {
    detector.rootCommitted(root(1000, T0), T0);
    detector.blockObtained(1000);

    assertThat(detector.check(T0.plus(MAX_WAIT.multipliedBy(2)))).isEmpty();
    assertThat(detector.pending()).isEmpty();
  }

  @Test
  void check_startsTheWaitWhenTheWatcherSawTheRoot_notAtItsOlderL1Time() {
    Instant seen = T0.plus(Duration.ofHours(3));
    detector.rootCommitted(root(1000, T0), seen);

    assertThat(detector.check(seen.plus(MAX_WAIT).minusSeconds(1))).isEmpty();
    assertThat(detector.check(seen.plus(MAX_WAIT)))
        .containsExactly(
            new ByzantineEvent.BlockWithholding(1000, T0, MAX_WAIT, seen.plus(MAX_WAIT)));
  }

  @Test
  void check_startsTheWaitAtTheL1Time_whenTheWatchersClockIsBehind() {
    detector.rootCommitted(root(1000, T0), T0.minusSeconds(30));

    assertThat(detector.check(T0.plus(MAX_WAIT).minusSeconds(1))).isEmpty();
    assertThat(detector.check(T0.plus(MAX_WAIT))).hasSize(1);
  }

  @Test
  void rootCommitted_seenAgain_doesNotRestartTheWait() {
    detector.rootCommitted(root(1000, T0), T0);
    detector.rootCommitted(root(1000, T0), T0.plus(MAX_WAIT));

    assertThat(detector.check(T0.plus(MAX_WAIT))).hasSize(1);
  }

  @Test
  void rootCommitted_ignoresDepositBlocks() {
    detector.rootCommitted(root(1001, T0), T0);

    assertThat(detector.pending()).isEmpty();
    assertThat(detector.check(T0.plus(MAX_WAIT))).isEmpty();
  }

  @Test
  void check_reportsSeveralOverdueBlocksInBlockOrder() {
    detector.rootCommitted(root(3000, T0.plusSeconds(20)), T0.plusSeconds(20));
    detector.rootCommitted(root(2000, T0.plusSeconds(10)), T0.plusSeconds(10));
    detector.rootCommitted(root(4000, T0.plus(MAX_WAIT)), T0.plus(MAX_WAIT));
    Instant now = T0.plus(MAX_WAIT).plusSeconds(30);

    assertThat(detector.check(now))
        .extracting(ByzantineEvent.BlockWithholding::blknum)
        .containsExactly(2000L, 3000L);
  }

  @Test
  void restoredDetector_keepsDeadlinesAndDoesNotRepeatReports() {
    detector.rootCommitted(root(1000, T0), T0);
    detector.rootCommitted(root(2000, T0.plus(MAX_WAIT)), T0.plus(MAX_WAIT));
    assertThat(detector.check(T0.plus(MAX_WAIT))).hasSize(1);

    var restored = new WithholdingDetector(MAX_WAIT, detector.pending());

    assertThat(restored.pending()).isEqualTo(detector.pending());
    assertThat(restored.check(T0.plus(MAX_WAIT.multipliedBy(2))))
        .extracting(ByzantineEvent.BlockWithholding::blknum)
        .containsExactly(2000L);
  }

  @Test
  void constructor_refusesNonPositiveWait() {
    assertThatThrownBy(() -> new WithholdingDetector(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void blockWithholding_tellsUsersToExit() {
    var event = new ByzantineEvent.BlockWithholding(1000, T0, MAX_WAIT, T0.plus(MAX_WAIT));

    assertThat(event.type()).isEqualTo("block_withholding");
    assertThat(event.action()).isEqualTo(ByzantineEvent.Action.EXIT);
    assertThat(event.action().code()).isEqualTo("exit");
    assertThat(event.reason()).contains("block 1000").contains("600s");
    assertThat(List.of(event.detectedAt())).containsExactly(T0.plus(MAX_WAIT));
  }
}
