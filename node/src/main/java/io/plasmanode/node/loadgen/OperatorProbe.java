package io.plasmanode.node.loadgen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * What the bench can see of the operator from outside, through the OS: its memory ({@code
 * /proc/<pid>/status}) and its data directory's size. Each part is optional, as the operator may
 * run elsewhere. (Block build times come from {@code plasma_status}, see {@link BlockWatcher}.)
 */
public final class OperatorProbe {
  private final OptionalLong pid;
  private final Optional<Path> dataDir;

  public OperatorProbe(OptionalLong pid, Optional<Path> dataDir) {
    this.pid = pid;
    this.dataDir = dataDir;
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

  private static long sizeOf(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.mapToLong(OperatorProbe::fileSize).sum();
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir, e);
    }
  }

  private static long fileSize(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      return 0; // a LevelDB file compacted away while walking
    }
  }
}
