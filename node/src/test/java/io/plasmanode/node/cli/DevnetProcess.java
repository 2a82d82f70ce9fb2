package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code scripts/devnet} as a child process, its output in a log file. {@link #stop} sends SIGTERM
 * and checks that the devnet and everything it started (anvil) are gone.
 */
final class DevnetProcess implements AutoCloseable {
  static final String BANNER_END = "try, in another shell:";

  private final Process process;
  private final Path log;

  private DevnetProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code scripts/devnet} in the repository root with the given options. */
  static DevnetProcess start(Path root, Map<String, String> env, Path log, List<String> options) {
    ProcessBuilder builder =
        new ProcessBuilder(
                Stream.concat(
                        Stream.of(root.resolve("scripts/devnet").toString()), options.stream())
                    .toList())
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    try {
      return new DevnetProcess(builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start scripts/devnet", e);
    }
  }

  /** Waits until the devnet prints its banner; fails if it exits or takes too long. */
  String awaitBanner(Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      String output = output();
      if (output.contains(BANNER_END)) {
        return output;
      }
      assertThat(process.isAlive())
          .as("scripts/devnet exited (%s) before its banner:%n%s", exitCode(), output)
          .isTrue();
      Thread.sleep(100);
    }
    throw new AssertionError("no devnet banner within " + timeout + ":\n" + output());
  }

  /**
   * SIGTERM (what Ctrl-C's SIGINT also triggers: the JVM's shutdown hooks), then checks that the
   * devnet exited and left no process behind.
   */
  void stop(Duration timeout) throws InterruptedException {
    List<ProcessHandle> descendants = process.descendants().toList();
    assertThat(descendants)
        .as("the devnet's child processes")
        .anySatisfy(child -> assertThat(child.info().command().orElse("")).endsWith("/anvil"));
    process.destroy();
    assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
        .as("the devnet exits on SIGTERM within %s; output:%n%s", timeout, output())
        .isTrue();
    for (ProcessHandle child : descendants) {
      child.onExit().completeOnTimeout(child, 5, TimeUnit.SECONDS).join();
      assertThat(child.isAlive())
          .as("process %d (%s) outlives the devnet", child.pid(), child.info().command())
          .isFalse();
    }
  }

  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String exitCode() {
    return process.isAlive() ? "running" : "exit code " + process.exitValue();
  }

  /** Kills whatever is left after a failed test: the devnet and its descendants. */
  @Override
  public void close() {
    List<ProcessHandle> left =
        Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
    left.forEach(ProcessHandle::destroyForcibly);
    left.forEach(handle -> handle.onExit().completeOnTimeout(handle, 5, TimeUnit.SECONDS).join());
  }
}
