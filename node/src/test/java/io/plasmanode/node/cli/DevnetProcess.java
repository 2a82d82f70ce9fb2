package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

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
  String awaitBanner(Duration timeout) {
    try {
      return Awaitility.await("the devnet's banner")
          .atMost(timeout)
          .dontCatchUncaughtExceptions()
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(100))
          .until(this::outputWhileAlive, output -> output.contains(BANNER_END));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("no devnet banner within " + timeout + ":\n" + output(), e);
    }
  }

  /** The output so far; fails if the devnet exited before printing its banner. */
  private String outputWhileAlive() {
    String output = output();
    if (!output.contains(BANNER_END)) {
      assertThat(process.isAlive())
          .as("scripts/devnet exited (%s) before its banner:%n%s", exitCode(), output)
          .isTrue();
    }
    return output;
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

  /**
   * scripts/plasma rebuilds the jar when a source or pom is newer (its {@code stale} check); a
   * build inside the test would take minutes and compete with the outer Maven, so fail instead.
   */
  static void assertJarIsCurrent(Path root) throws IOException {
    Path jar = root.resolve("node/target/plasma.jar");
    if (!Files.exists(jar)) {
      fail(
          "%s is missing: run this test through Maven's verify (the jar is built in package)", jar);
    }
    FileTime built = Files.getLastModifiedTime(jar);
    Optional<Path> newer = newerThan(root, built);
    if (newer.isPresent()) {
      fail(
          "%s is newer than %s, so scripts/plasma would rebuild the jar inside this test; build"
              + " it first: ./mvnw -B package -DskipTests -Dforge.test.skip -pl node -am",
          newer.get(), jar);
    }
  }

  private static Optional<Path> newerThan(Path root, FileTime built) throws IOException {
    List<Path> sources = new ArrayList<>();
    sources.add(root.resolve("pom.xml"));
    try (Stream<Path> children = Files.list(root)) {
      children
          .map(child -> child.resolve("pom.xml"))
          .filter(Files::isRegularFile)
          .forEach(sources::add);
    }
    for (String module : List.of("core", "contracts", "p2p", "exit-game", "storage", "node")) {
      Path src = root.resolve(module).resolve("src");
      if (!Files.isDirectory(src)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(src)) {
        files.filter(Files::isRegularFile).forEach(sources::add);
      }
    }
    for (Path source : sources) {
      if (Files.getLastModifiedTime(source).compareTo(built) > 0) {
        return Optional.of(source);
      }
    }
    return Optional.empty();
  }

  /** maven.multiModuleProjectDirectory when set, else the nearest parent with scripts/devnet. */
  static Path repositoryRoot() {
    String configured = System.getProperty("maven.multiModuleProjectDirectory");
    Path start = Path.of(configured != null ? configured : "").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isExecutable(dir.resolve("scripts/devnet"))
          && Files.exists(dir.resolve("README.md"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no repository root (with scripts/devnet) above " + start);
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
