package io.plasmanode.node.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineCostMeterTest {
  @TempDir Path dir;

  @Test
  void measure_givesPlausibleCostsAndLeavesNoFileBehind() throws Exception {
    MachineCosts costs = MachineCostMeter.measure(dir);

    // A page fault, a system call and a hand-off each take at least tens of nanoseconds and,
    // even on a loaded machine, far less than a tenth of a second.
    assertThat(costs.mappedPageFaultMicros()).isBetween(0.01, 100_000.0);
    assertThat(costs.syscallMicros()).isBetween(0.01, 100_000.0);
    assertThat(costs.handOffMicros()).isBetween(0.01, 100_000.0);
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void measure_refusesAMissingDirectory() {
    assertThatThrownBy(() -> MachineCostMeter.measure(dir.resolve("missing")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a directory");
  }

  @Test
  void costs_mustBePositive() {
    assertThatThrownBy(() -> new MachineCosts(0, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be positive");
  }
}
