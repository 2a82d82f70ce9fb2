package io.plasmanode.node.fees;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.fees.FeeTable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's {@code --fee-specs} file, reloaded when it changes: read every {@code
 * pollInterval} and, when its bytes differ from the last read, parsed ({@link FeeSpecsParser}). A
 * well-formed table becomes current in the {@link FeeSchedule} (the previous one stays accepted for
 * the grace period); a malformed, unreadable or missing file is refused with a WARN naming the
 * line, column and reason, the last good table stays current, and {@link #alarm()} says so until
 * the file is good again. Polling rather than a file watch: editors replace files by renaming, and
 * a poll sees that on every file system.
 */
public final class FeeSpecsFile implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FeeSpecsFile.class);

  /** How often the file is read for changes. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);

  private final Path file;
  private final FeeSchedule schedule;
  private byte[] lastRead; // guarded by this
  private volatile String alarm;
  private ScheduledFuture<?> polling; // guarded by this

  private FeeSpecsFile(Path file, byte[] read, FeeSchedule schedule) {
    this.file = file;
    this.lastRead = read;
    this.schedule = schedule;
  }

  /**
   * Reads and parses {@code file}, the operator's fee table from now on.
   *
   * @param grace how long a replaced table stays accepted after the file changes
   * @throws FeeSpecsException if the file cannot be read or is malformed (naming the line, column
   *     and reason): the operator must not start without the fee table it was asked for
   */
  public static FeeSpecsFile load(Path file, Duration grace, Clock clock) {
    requireNonNull(file, "file");
    byte[] read;
    try {
      read = readBytes(file);
    } catch (IOException e) {
      throw new FeeSpecsException(
          "cannot read the fee specs %s: %s".formatted(file, e.getMessage()), e);
    }
    return switch (parse(read)) {
      case FeeSpecsParser.Parsed parsed ->
          new FeeSpecsFile(file, read, new FeeSchedule(parsed.table(), grace, clock));
      case FeeSpecsParser.Malformed malformed ->
          throw new FeeSpecsException(
              "the fee specs %s are malformed: %s".formatted(file, malformed.message()), null);
    };
  }

  /** The tables this file made current, and those within their grace period. */
  public FeeSchedule schedule() {
    return schedule;
  }

  /** Reads the file every {@code interval} on {@code scheduler} (the caller owns and stops it). */
  public synchronized void startPolling(ScheduledExecutorService scheduler, Duration interval) {
    long nanos = interval.toNanos();
    polling = scheduler.scheduleWithFixedDelay(this::poll, nanos, nanos, TimeUnit.NANOSECONDS);
  }

  private void poll() {
    try {
      reload();
    } catch (RuntimeException e) {
      LOG.error("Unexpected failure reloading the fee specs {}", file, e);
    }
  }

  /**
   * Reads the file and, if it changed since the last read, takes its table or refuses it.
   *
   * @return whether the current fee table changed
   */
  public synchronized boolean reload() {
    byte[] read;
    try {
      read = readBytes(file);
    } catch (IOException e) {
      refuse("cannot be read (%s)".formatted(e.getMessage()));
      lastRead = null;
      return false;
    }
    if (Arrays.equals(read, lastRead)) {
      return false;
    }
    lastRead = read;
    return switch (parse(read)) {
      case FeeSpecsParser.Parsed parsed -> take(parsed.table());
      case FeeSpecsParser.Malformed malformed -> {
        refuse("are malformed: " + malformed.message());
        yield false;
      }
    };
  }

  private boolean take(FeeTable table) {
    if (alarm != null) {
      alarm = null;
      LOG.info("The fee specs {} are well-formed again", file);
    }
    boolean changed = schedule.update(table);
    if (changed) {
      LOG.info("Fee specs reloaded from {}: {}", file, table);
    }
    return changed;
  }

  private void refuse(String why) {
    String message =
        "the fee specs %s %s; the last good fee table stays in force".formatted(file, why);
    if (!message.equals(alarm)) {
      LOG.warn("{}", message);
    }
    alarm = message;
  }

  /** Why the file's current content is not in force, while it is not. */
  public Optional<String> alarm() {
    return Optional.ofNullable(alarm);
  }

  private static byte[] readBytes(Path file) throws IOException {
    if (Files.size(file) > FeeSpecsParser.MAX_BYTES) {
      throw new IOException("larger than %d bytes".formatted(FeeSpecsParser.MAX_BYTES));
    }
    return Files.readAllBytes(file);
  }

  private static FeeSpecsParser.Result parse(byte[] read) {
    try {
      return FeeSpecsParser.parse(
          StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(read)).toString());
    } catch (CharacterCodingException e) {
      return new FeeSpecsParser.Malformed(1, 1, "not UTF-8 text");
    }
  }

  /** Stops polling. */
  @Override
  public synchronized void close() {
    if (polling != null) {
      polling.cancel(false);
    }
  }
}
