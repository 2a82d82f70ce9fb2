package io.plasmanode.node.metrics;

import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.exitgame.ByzantineEvent;
import io.plasmanode.node.api.WatcherStatus;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The watcher's instruments, each registered once here under the name docs/metrics.md lists: what
 * the watcher's loop records (blocks validated, challenges sent, L1 events) and the gauges read
 * from {@code watcher_status}'s snapshot at each scrape.
 */
public final class WatcherMetrics {
  /** Records nothing. */
  public static final WatcherMetrics NONE = new WatcherMetrics(Metrics.NONE, 0);

  private final Metrics metrics;
  private final Metrics.Counter blocksValidated;
  private final Metrics.Counter challengesSent;
  private final Metrics.LabelledCounter l1Events;
  private final AtomicLong validatedHeight;

  private WatcherMetrics(Metrics metrics, long validatedHeight) {
    this.metrics = metrics;
    this.validatedHeight = new AtomicLong(validatedHeight);
    blocksValidated =
        metrics.counter(
            "plasma_watcher_blocks_validated",
            "Child blocks validated and applied (its rate is the sync throughput)");
    challengesSent =
        metrics.counter(
            "plasma_watcher_challenges_sent",
            "Challenges of invalid exits sent to L1 (first sends)");
    l1Events = L1EventCounter.register(metrics, "watcher");
  }

  /**
   * The watcher's instruments in {@code metrics}.
   *
   * @param validatedHeight the validated chain's height at start
   */
  public static WatcherMetrics register(Metrics metrics, long validatedHeight) {
    return new WatcherMetrics(metrics, validatedHeight);
  }

  /** Registers the gauges read from the watcher's status at each scrape. */
  public void registerStatus(Supplier<WatcherStatus> status) {
    metrics.gauge(
        "plasma_watcher_validated_height",
        "The last child block the watcher validated",
        () -> status.get().syncedHeight());
    metrics.gauge(
        "plasma_watcher_l1_lag_blocks",
        "L1 blocks seen but whose events are not applied yet (the finality margin included)",
        () -> OperatorMetrics.lag(status.get().l1Height(), status.get().l1HeightSeen()));
    metrics.gauge("plasma_watcher_peers", "Connected p2p peers", () -> status.get().peers());
    metrics.gauge(
        "plasma_watcher_exits_tracked",
        "Exits the watcher follows (started, not finalized)",
        () -> status.get().exitsTracked());
    metrics.gauge(
        "plasma_watcher_halted",
        "1 while an event tells users to exit (the watcher applies no more blocks), else 0",
        () -> status.get().halted() ? 1 : 0);
    metrics.gauge(
        "plasma_watcher_alarms",
        "Problems watcher_status reports that a person must look at (0 when healthy)",
        () -> status.get().alarms().size());
    metrics.labelledGauge(
        "plasma_watcher_byzantine_events",
        "Active byzantine events (their cause still holds), by kind (invalid_block, ...)",
        "kind",
        () -> byKind(status.get()));
  }

  private static Map<String, Integer> byKind(WatcherStatus status) {
    Map<String, Integer> kinds = new TreeMap<>();
    for (ByzantineEvent event : status.byzantineEvents()) {
      kinds.merge(event.type(), 1, Integer::sum);
    }
    return kinds;
  }

  /**
   * The validated chain reached {@code height}: counts the child blocks since the last height
   * (child blocks are numbered every {@value UtxoPos#CHILD_BLOCK_INTERVAL}).
   */
  public void validated(long height) {
    long previous = validatedHeight.getAndAccumulate(height, Math::max);
    if (height > previous) {
      blocksValidated.inc((height - previous) / UtxoPos.CHILD_BLOCK_INTERVAL);
    }
  }

  public Metrics.Counter challengesSent() {
    return challengesSent;
  }

  public Metrics.LabelledCounter l1Events() {
    return l1Events;
  }
}
