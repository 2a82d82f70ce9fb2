package io.plasmanode.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Prometheus's own checker, {@code promtool check metrics} (Debian package {@code prometheus}), run
 * on a scrape: it parses the text format and lints names, types, help and units. scripts/test
 * installs it; outside CI a machine without it skips the check, saying so; in CI it fails.
 */
final class Promtool {
  private Promtool() {}

  /** Where promtool is: on PATH, else Debian's /usr/bin. */
  static Optional<Path> find() {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.concat(Stream.of(path.split(":")), Stream.of("/usr/bin"))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, "promtool"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** The path to promtool; skips the test outside CI when it is missing, fails in CI. */
  static Path require() {
    Optional<Path> promtool = find();
    String message =
        "promtool is not installed (Debian package prometheus: apt-get install prometheus;"
            + " scripts/test installs it), so the scrape is not checked with it";
    if (promtool.isEmpty() && System.getenv("CI") != null) {
      throw new AssertionError(message + ", and CI must check it");
    }
    Assumptions.assumeTrue(promtool.isPresent(), message);
    return promtool.get();
  }

  /** Asserts that {@code promtool check metrics} accepts {@code scrape}: no error, no lint. */
  static void assertAccepts(String what, String scrape) throws IOException, InterruptedException {
    Process check =
        new ProcessBuilder(require().toString(), "check", "metrics")
            .redirectErrorStream(true)
            .start();
    try (OutputStream in = check.getOutputStream()) {
      in.write(scrape.getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(check.waitFor(30, TimeUnit.SECONDS)).as("promtool finished").isTrue();
    assertThat(check.exitValue())
        .as("promtool check metrics of the %s's scrape: %s", what, output)
        .isZero();
    assertThat(output.strip()).as("promtool's findings on the %s's scrape", what).isEmpty();
  }
}
