package io.plasmanode.node.watcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.types.Address;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatcherTimingsTest {
  private static final Duration DEVNET = Duration.ofSeconds(120);
  private static final Duration WEEK = Duration.ofDays(7);

  private static WatcherConfig config(
      Duration safety, Duration retry, Duration poll, int finalityMargin) {
    return WatcherConfig.builder(
            URI.create("http://127.0.0.1:8545"),
            Address.fromHex("0x" + "5f".repeat(20)),
            Path.of("watcher"))
        .operatorRpc(URI.create("http://127.0.0.1:9656"))
        .rpcPort(0)
        .finalityMargin(finalityMargin)
        .withholdingTimeout(Duration.ofSeconds(60))
        .safetyMargin(safety)
        .challengeRetryAfter(retry)
        .pollInterval(poll)
        .l1StartBlock(0)
        .p2pPort(0)
        .build();
  }

  @Test
  void defaults_scaleWithTheExitPeriod_andFitIt() {
    assertThat(WatcherTimings.defaultSafetyMargin(WEEK)).isEqualTo(Duration.ofDays(1));
    assertThat(WatcherTimings.defaultChallengeRetry(WEEK)).isEqualTo(Duration.ofMinutes(5));
    assertThat(WatcherTimings.defaultSafetyMargin(DEVNET)).isEqualTo(Duration.ofSeconds(30));
    assertThat(WatcherTimings.defaultChallengeRetry(DEVNET)).isEqualTo(Duration.ofSeconds(12));
    for (Duration period : List.of(DEVNET, WEEK, Duration.ofSeconds(10))) {
      var defaults =
          config(
              WatcherTimings.defaultSafetyMargin(period),
              WatcherTimings.defaultChallengeRetry(period),
              Duration.ofSeconds(period.compareTo(DEVNET) < 0 ? 1 : 2),
              period.equals(WEEK) ? 10 : 0);
      assertThat(WatcherTimings.misfit(defaults, period, Duration.ofSeconds(12))).isEmpty();
    }
  }

  @Test
  void aSafetyMarginLongerThanTheExitPeriodLeaves_isRefusedNamingAFittingValue() {
    var dayMargin = config(Duration.ofDays(1), Duration.ofSeconds(12), Duration.ofSeconds(2), 0);

    assertThat(WatcherTimings.misfit(dayMargin, DEVNET, Duration.ofSeconds(1)))
        .hasValueSatisfying(
            message ->
                assertThat(message)
                    .contains("--safety-margin 1d does not fit the contract's exit period 2m")
                    .contains("use at most --safety-margin 104s")
                    .contains("the default for this contract is 30s"));
  }

  @Test
  void theSafetyMarginAtTheLimit_fits_oneSecondMoreDoesNot() {
    // 120 s - 12 s retry - 2 x (3 blocks x 2 s + 1 s poll) = 94 s.
    Duration lag = Duration.ofSeconds(2);
    var atLimit = config(Duration.ofSeconds(94), Duration.ofSeconds(12), Duration.ofSeconds(1), 3);
    var over = config(Duration.ofSeconds(95), Duration.ofSeconds(12), Duration.ofSeconds(1), 3);

    assertThat(WatcherTimings.misfit(atLimit, DEVNET, lag)).isEmpty();
    assertThat(WatcherTimings.misfit(over, DEVNET, lag)).isPresent();
  }

  @Test
  void aRetryPollOrFinalityWaitThatFillsTheExitPeriod_isRefusedNamingTheOptions() {
    var slowRetry = config(Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofSeconds(2), 0);
    var deepFinality =
        config(Duration.ofSeconds(1), Duration.ofSeconds(12), Duration.ofSeconds(2), 10);

    assertThat(WatcherTimings.misfit(slowRetry, DEVNET, Duration.ofSeconds(1)))
        .hasValueSatisfying(
            message ->
                assertThat(message)
                    .contains("--challenge-retry-after 5m")
                    .contains("the contract's exit period 2m")
                    .contains("use at most --challenge-retry-after 12s"));
    assertThat(WatcherTimings.misfit(deepFinality, DEVNET, Duration.ofSeconds(12)))
        .hasValueSatisfying(
            message -> assertThat(message).contains("--finality-margin 10 (2m of L1 blocks)"));
  }

  @Test
  void aWithholdingTimeoutReachingIntoTheMargin_isWarnedAbout() {
    var fits = config(Duration.ofSeconds(30), Duration.ofSeconds(12), Duration.ofSeconds(2), 0);

    assertThat(WatcherTimings.withholdingWarning(fits, DEVNET, Duration.ofSeconds(1))).isEmpty();
    assertThat(WatcherTimings.withholdingWarning(fits, Duration.ofSeconds(80), Duration.ZERO))
        .hasValueSatisfying(
            message -> assertThat(message).contains("use at most --withholding-timeout 48s"));
  }

  @Test
  void format_writesDurationsAsTheOptionsTakeThem() {
    assertThat(WatcherTimings.format(Duration.ofDays(1))).isEqualTo("1d");
    assertThat(WatcherTimings.format(Duration.ofMinutes(2))).isEqualTo("2m");
    assertThat(WatcherTimings.format(Duration.ofSeconds(104))).isEqualTo("104s");
    assertThat(WatcherTimings.format(Duration.ofMillis(1500))).isEqualTo("1s");
    assertThat(WatcherTimings.format(Duration.ofMillis(100))).isEqualTo("100ms");
  }
}
