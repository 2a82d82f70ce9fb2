package io.plasmanode.contracts.anvil;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local L1: Foundry's anvil, started on 127.0.0.1 at a free port and stopped on {@link #close()}
 * (or at JVM exit). Used by integration tests and the devnet.
 */
public final class AnvilProcess implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AnvilProcess.class);
  private static final Pattern LISTENING = Pattern.compile("Listening on 127\\.0\\.0\\.1:(\\d+)");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  /** The chain id anvil runs with unless told otherwise. */
  public static final long CHAIN_ID = 31337;

  private final Process process;
  private final int port;
  private final Thread shutdownHook;

  private AnvilProcess(Process process, int port) {
    this.process = process;
    this.port = port;
    this.shutdownHook = new Thread(this::destroy, "anvil-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts anvil from {@code executable} with its default dev accounts, automining, and any {@code
   * extraArgs} (e.g. {@code --block-time 1}).
   */
  public static AnvilProcess start(Path executable, String... extraArgs) {
    return start(executable, 0, extraArgs);
  }

  /**
   * Starts anvil on 127.0.0.1:{@code port} (0 picks a free one), otherwise as {@link #start(Path,
   * String...)}.
   */
  public static AnvilProcess start(Path executable, int port, String... extraArgs) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " out of range");
    }
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(
        List.of("--host", "127.0.0.1", "--port", "" + port, "--chain-id", "" + CHAIN_ID));
    command.addAll(List.of(extraArgs));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      return new AnvilProcess(process, awaitPort(process));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start anvil at " + executable, e);
    }
  }

  /**
   * Starts anvil from the path in system property {@code plasma.anvil}, else from {@code
   * contracts/tools/anvil} in the working directory or one of its parents.
   */
  public static AnvilProcess start(String... extraArgs) {
    return start(locate(), extraArgs);
  }

  /**
   * The anvil to run: system property {@code plasma.anvil}, else {@code contracts/tools/anvil} in
   * the working directory or one of its parents.
   */
  public static Path locate() {
    String configured = System.getProperty("plasma.anvil");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Optional<Path> found =
          Optional.of(dir.resolve("contracts/tools/anvil")).filter(Files::isExecutable);
      if (found.isPresent()) {
        return found.get();
      }
    }
    throw new IllegalStateException(
        "anvil not found: run `npm ci` in contracts/ or set -Dplasma.anvil=/path/to/anvil");
  }

  private static int awaitPort(Process process) {
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader = new Thread(() -> pump(process, port), "anvil-output");
    reader.setDaemon(true);
    reader.start();
    try {
      return port.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new IllegalStateException("anvil did not start: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("interrupted while starting anvil", e);
    }
  }

  /** Reads anvil's output until it ends, so the pipe never fills; completes {@code port}. */
  private static void pump(Process process, CompletableFuture<Integer> port) {
    Deque<String> lastLines = new ArrayDeque<>();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        Matcher matcher = LISTENING.matcher(line);
        if (!port.isDone() && matcher.find()) {
          port.complete(Integer.parseInt(matcher.group(1)));
        }
        if (!port.isDone()) {
          lastLines.addLast(line);
          if (lastLines.size() > 5) {
            lastLines.removeFirst();
          }
        }
        LOG.trace("anvil: {}", line);
      }
    } catch (IOException e) {
      LOG.debug("anvil output closed", e);
    }
    port.completeExceptionally(
        new IllegalStateException(
            "anvil exited before listening (exit "
                + exitCode(process)
                + "): "
                + String.join(" | ", lastLines)));
  }

  private static String exitCode(Process process) {
    try {
      return process.waitFor(5, TimeUnit.SECONDS) ? "" + process.exitValue() : "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  public int port() {
    return port;
  }

  /** The JSON-RPC endpoint, e.g. {@code http://127.0.0.1:40213}. */
  public String rpcUrl() {
    return "http://127.0.0.1:" + port;
  }

  /**
   * Leaves stopping anvil at JVM exit to the caller, who must then {@link #close()} it from its own
   * shutdown hook: JVM hooks run concurrently, so a program that has to stop something before anvil
   * (an operator committing to it) orders the two itself.
   */
  public void removeShutdownHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      LOG.debug("JVM already shutting down");
    }
  }

  @Override
  public void close() {
    destroy();
    removeShutdownHook();
  }

  /** Stops anvil and any process it spawned. */
  private void destroy() {
    List<ProcessHandle> children = process.descendants().toList();
    children.forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }
}
