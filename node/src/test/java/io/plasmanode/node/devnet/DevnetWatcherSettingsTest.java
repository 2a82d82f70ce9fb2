package io.plasmanode.node.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DevnetWatcherSettingsTest {
  @ParameterizedTest
  @ValueSource(longs = {15, 20, 60, 600, 7 * 24 * 3600})
  void forExitPeriod_leavesTimeToChallengeBeforeTheShortestExitMatures(long seconds) {
    Duration exitPeriod = Duration.ofSeconds(seconds);

    DevnetWatcherSettings settings = DevnetWatcherSettings.forExitPeriod(exitPeriod);

    // An invalid exit is read at once (no finality margin), challenged within a poll, re-sent
    // after challengeRetryAfter, and only reported unchallenged safetyMargin before it matures.
    assertThat(settings.finalityMargin()).isZero();
    Duration beforeAlarm = exitPeriod.minus(settings.safetyMargin());
    assertThat(settings.pollInterval().plus(settings.challengeRetryAfter().multipliedBy(2)))
        .isLessThan(beforeAlarm);
    assertThat(settings.safetyMargin()).isPositive().isLessThanOrEqualTo(exitPeriod.dividedBy(3));
    assertThat(settings.withholdingTimeout()).isLessThan(exitPeriod.dividedBy(2));
  }

  @ParameterizedTest
  @ValueSource(longs = {15, 60})
  void flags_sayTheTimingsInWholeSeconds(long seconds) {
    DevnetWatcherSettings settings =
        DevnetWatcherSettings.forExitPeriod(Duration.ofSeconds(seconds));

    assertThat(settings.flags())
        .contains("--finality-margin 0")
        .contains("--safety-margin " + settings.safetyMargin().toSeconds() + "s")
        .contains("--challenge-retry-after " + settings.challengeRetryAfter().toSeconds() + "s")
        .contains("--withholding-timeout " + settings.withholdingTimeout().toSeconds() + "s");
    assertThat(settings.safetyMargin().toMillis() % 1000).isZero();
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 14})
  void forExitPeriod_refusesAPeriodTooShortToChallengeIn(long seconds) {
    assertThatThrownBy(() -> DevnetWatcherSettings.forExitPeriod(Duration.ofSeconds(seconds)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("use at least 15 s, or --no-watcher");
  }
}
