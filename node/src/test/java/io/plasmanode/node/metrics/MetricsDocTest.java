package io.plasmanode.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.types.Address;
import io.plasmanode.exitgame.ByzantineEvent;
import io.plasmanode.node.api.FeeStatus;
import io.plasmanode.node.api.WatcherStatus;
import io.plasmanode.node.testing.OperatorStatusBuilder;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/metrics.md lists exactly the metrics the operator and the watcher register, as typed. */
class MetricsDocTest {
  private static final Path DOC = Path.of("..", "docs", "metrics.md");
  private static final Pattern ROW = Pattern.compile("^\\| `(plasma_[a-z0-9_]+)` \\| ([a-z]+) \\|");
  private static final Pattern TYPE = Pattern.compile("^# TYPE (plasma_[a-z0-9_]+) ([a-z]+)$");

  @Test
  void doc_listsEveryRegisteredMetric_withItsType() throws IOException {
    Set<String> documented = new TreeSet<>();
    for (String line : Files.readAllLines(DOC)) {
      Matcher row = ROW.matcher(line);
      if (row.find()) {
        documented.add(row.group(1) + " " + row.group(2));
      }
    }

    assertThat(documented).isEqualTo(registered());
  }

  private static Set<String> registered() {
    PrometheusMetrics registry = PrometheusMetrics.create();
    OperatorMetrics.register(registry)
        .registerStatus(
            () ->
                OperatorStatusBuilder.of(TestKeys.CAROL.address(), 1)
                    .fees(
                        new FeeStatus(
                            Optional.of(TestKeys.CAROL.address()),
                            Map.of(Address.ZERO, BigInteger.ONE),
                            Map.of(Address.ZERO, BigInteger.TWO)))
                    .build());
    Instant now = Instant.EPOCH;
    WatcherStatus watcher =
        new WatcherStatus(
            0,
            0,
            0,
            0,
            0,
            false,
            List.of(new ByzantineEvent.BlockWithholding(1000, now, Duration.ofMinutes(1), now)),
            List.of(),
            List.of());
    WatcherMetrics.register(registry, 0).registerStatus(() -> watcher);
    Set<String> registered = new TreeSet<>();
    for (String line : registry.scrape().split("\n")) {
      Matcher type = TYPE.matcher(line);
      if (type.matches()) {
        registered.add(type.group(1) + " " + type.group(2));
      }
    }
    return registered;
  }
}
