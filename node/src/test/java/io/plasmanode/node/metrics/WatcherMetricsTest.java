package io.plasmanode.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.exitgame.ByzantineEvent;
import io.plasmanode.node.api.WatcherStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WatcherMetricsTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private final PrometheusMetrics registry = PrometheusMetrics.create();

  private MetricsText scrape() {
    return MetricsText.parse(registry.scrape());
  }

  @Test
  void validated_countsTheChildBlocksSinceTheLastHeight() {
    WatcherMetrics metrics = WatcherMetrics.register(registry, 2000);

    metrics.validated(5000);
    assertThat(scrape().value("plasma_watcher_blocks_validated_total")).hasValue(3);
    metrics.validated(6000);
    metrics.validated(6000);
    metrics.validated(4000); // an older round's height: no block counted twice
    assertThat(scrape().value("plasma_watcher_blocks_validated_total")).hasValue(4);
  }

  @Test
  void challengesSent_isACounter() {
    WatcherMetrics metrics = WatcherMetrics.register(registry, 0);
    metrics.challengesSent().inc();

    assertThat(scrape().value("plasma_watcher_challenges_sent_total")).hasValue(1);
  }

  @Test
  void statusGauges_readTheStatusAtEachScrape() {
    WatcherMetrics metrics = WatcherMetrics.register(registry, 0);
    AtomicReference<WatcherStatus> status =
        new AtomicReference<>(
            status(
                List.of(
                    withholding(3000),
                    withholding(4000),
                    new ByzantineEvent.UnchallengedExit(
                        new io.plasmanode.core.tx.UtxoPos(1000, 0, 0), NOW, NOW)),
                List.of("challenge at risk")));
    metrics.registerStatus(status::get);

    MetricsText text = scrape();
    assertThat(text.value("plasma_watcher_validated_height")).hasValue(2000);
    assertThat(text.value("plasma_watcher_l1_lag_blocks")).hasValue(4);
    assertThat(text.value("plasma_watcher_peers")).hasValue(2);
    assertThat(text.value("plasma_watcher_exits_tracked")).hasValue(5);
    assertThat(text.value("plasma_watcher_halted")).hasValue(1);
    assertThat(text.value("plasma_watcher_alarms")).hasValue(1);
    assertThat(text.byLabel("plasma_watcher_byzantine_events", "kind"))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("block_withholding", 2.0, "unchallenged_exit", 1.0));

    status.set(status(List.of(), List.of()));
    assertThat(scrape().byLabel("plasma_watcher_byzantine_events", "kind")).isEmpty();
    assertThat(scrape().value("plasma_watcher_alarms")).hasValue(0);
  }

  private static WatcherStatus status(List<ByzantineEvent> events, List<String> alarms) {
    return new WatcherStatus(2000, 104, 100, 2, 5, true, events, List.of(), alarms);
  }

  private static ByzantineEvent withholding(long blknum) {
    return new ByzantineEvent.BlockWithholding(blknum, NOW, Duration.ofMinutes(1), NOW);
  }
}
