package io.plasmanode.node.loadgen;

import io.plasmanode.node.metrics.MetricsText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the bench can see of the operator from outside: its memory ({@code /proc/<pid>/status}), its
 * data directory's size, and its Prometheus metrics (docs/metrics.md: exact block build and write
 * times, journal fsyncs, server-side submit times). Each part is optional, as the operator may run
 * elsewhere or without metrics. (Without metrics, block build times come from {@code
 * plasma_status}, sampled: see {@link BlockWatcher}.)
 */
public final class OperatorProbe {
  private final OptionalLong pid;
  private final Optional<Path> dataDir;
  private final Optional<URI> metrics;

  public OperatorProbe(OptionalLong pid, Optional<Path> dataDir) {
    this(pid, dataDir, Optional.empty());
  }

  /**
   * @param metrics the operator's metrics endpoint ({@code http://host:port/metrics})
   */
  public OperatorProbe(OptionalLong pid, Optional<Path> dataDir, Optional<URI> metrics) {
    this.pid = pid;
    this.dataDir = dataDir;
    this.metrics = metrics;
  }

  /** The operator's data directory, if the bench was given it. */
  Optional<Path> dataDir() {
    return dataDir;
  }

  /**
   * A scrape of the operator's metrics, if the bench was given its endpoint.
   *
   * @throws BenchException if the endpoint does not answer 200 with the text format
   */
  Optional<MetricsText> metrics() {
    return metrics.map(OperatorProbe::scrape);
  }

  private static MetricsText scrape(URI endpoint) {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200) {
        throw new BenchException(
            "the operator's metrics at " + endpoint + " answered HTTP " + answer.statusCode());
      }
      return MetricsText.parse(answer.body());
    } catch (IOException | IllegalArgumentException e) {
      throw new BenchException("cannot read the operator's metrics at " + endpoint + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted while reading the operator's metrics", e);
    }
  }

  /** The peak resident set size over the operator's life ({@code VmHWM}), in bytes. */
  Optional<Long> peakResidentBytes() {
    return statusField("VmHWM");
  }

  /** The current resident set size ({@code VmRSS}), in bytes. */
  Optional<Long> residentBytes() {
    return statusField("VmRSS");
  }

  private Optional<Long> statusField(String field) {
    if (pid.isEmpty()) {
      return Optional.empty();
    }
    try {
      return parseStatusField(
          Files.readAllLines(Path.of("/proc", Long.toString(pid.getAsLong()), "status")), field);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** {@code field} of {@code /proc/<pid>/status} lines ({@code "VmHWM: 123456 kB"}) in bytes. */
  static Optional<Long> parseStatusField(List<String> lines, String field) {
    return lines.stream()
        .filter(line -> line.startsWith(field + ":"))
        .map(line -> line.substring(field.length() + 1).trim().split("\\s+"))
        .filter(parts -> parts.length == 2 && parts[1].equals("kB"))
        .map(parts -> Long.parseLong(parts[0]) * 1024)
        .findFirst();
  }

  /** The total size of the files under the data directory, in bytes. */
  Optional<Long> dataDirBytes() {
    return dataDir.map(OperatorProbe::sizeOf);
  }

  /**
   * The total size of the regular files under {@code dir}; 0 if it does not exist. LevelDB deletes
   * files while it compacts: one that vanishes during the walk counts as 0 (a stream over {@code
   * Files.walk} threw then, and the bench died after its load).
   */
  static long sizeOf(Path dir) {
    long[] total = {0};
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
              total[0] += attributes.isRegularFile() ? attributes.size() : 0;
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
              if (e instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE;
              }
              throw e;
            }
          });
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir, e);
    }
    return total[0];
  }
}
