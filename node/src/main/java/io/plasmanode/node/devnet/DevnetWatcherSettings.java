package io.plasmanode.node.devnet;

import static com.google.common.base.Preconditions.checkArgument;

import io.plasmanode.core.types.Address;
import io.plasmanode.node.watcher.ChallengerConfig;
import io.plasmanode.node.watcher.WatcherConfig;
import io.plasmanode.node.watcher.WatcherTimings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The timings of the devnet's watcher, derived from the contract's exit period so that an invalid
 * exit is seen, challenged (and re-challenged) and, failing that, reported well before it can
 * mature: the shortest exit matures one exit period after it starts (a deposit's; a child-block
 * output's may take up to two from its block).
 *
 * @param finalityMargin 0: anvil does not reorg unless asked to
 * @param pollInterval how often the watcher reads L1 and the operator
 * @param safetyMargin a third of the exit period: {@code unchallenged_exit} only once an invalid
 *     exit is that close to maturing and still unchallenged
 * @param challengeRetryAfter a tenth of the exit period (at least 2 s)
 * @param withholdingTimeout a quarter of the exit period (at least 5 s), so users learn of a
 *     withheld block with most of an exit period left
 */
record DevnetWatcherSettings(
    int finalityMargin,
    Duration pollInterval,
    Duration safetyMargin,
    Duration challengeRetryAfter,
    Duration withholdingTimeout) {
  /** The shortest exit period a devnet with a watcher runs with: the timings need room. */
  static final Duration MIN_EXIT_PERIOD = Duration.ofSeconds(15);

  private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

  static DevnetWatcherSettings forExitPeriod(Duration exitPeriod) {
    checkArgument(
        exitPeriod.compareTo(MIN_EXIT_PERIOD) >= 0,
        "an exit period of %s s leaves the devnet's watcher no time to challenge: use at least"
            + " %s s, or --no-watcher",
        exitPeriod.toSeconds(),
        MIN_EXIT_PERIOD.toSeconds());
    return new DevnetWatcherSettings(
        0,
        POLL_INTERVAL,
        part(exitPeriod, 3),
        max(Duration.ofSeconds(2), part(exitPeriod, 10)),
        max(Duration.ofSeconds(5), part(exitPeriod, 4)));
  }

  /** The watcher's configuration with these timings. */
  WatcherConfig config(
      URI l1,
      Address contract,
      URI operatorRpc,
      Path dataDir,
      int rpcPort,
      int p2pPort,
      long l1StartBlock) {
    return WatcherConfig.builder(l1, contract, dataDir)
        .operatorRpc(operatorRpc)
        .rpcPort(rpcPort)
        .finalityMargin(finalityMargin)
        .withholdingTimeout(withholdingTimeout)
        .safetyMargin(safetyMargin)
        .challengeRetryAfter(challengeRetryAfter)
        .pollInterval(pollInterval)
        .l1StartBlock(l1StartBlock)
        .p2pPort(p2pPort)
        .build();
  }

  /**
   * The challenger's settings: the defaults, with the urgent margin scaled to {@code exitPeriod} as
   * a {@code plasma watcher} without {@code --challenge-urgent-margin} scales it.
   */
  ChallengerConfig challengerConfig(Duration exitPeriod) {
    return ChallengerConfig.of(
        ChallengerConfig.DEFAULT_RESEND_BLOCKS,
        WatcherTimings.defaultUrgentMargin(exitPeriod, safetyMargin),
        ChallengerConfig.DEFAULT_MAX_FEE_PER_GAS);
  }

  /** The flags that give a {@code plasma watcher} these timings. */
  String flags() {
    return "--finality-margin %d --poll-interval %s --safety-margin %s --challenge-retry-after %s"
            .formatted(
                finalityMargin,
                seconds(pollInterval),
                seconds(safetyMargin),
                seconds(challengeRetryAfter))
        + " --withholding-timeout "
        + seconds(withholdingTimeout);
  }

  private static String seconds(Duration duration) {
    return duration.toSeconds() + "s";
  }

  /** {@code 1/divisor} of {@code exitPeriod} in whole seconds (so {@link #flags} says it all). */
  private static Duration part(Duration exitPeriod, int divisor) {
    return Duration.ofSeconds(exitPeriod.toSeconds() / divisor);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
