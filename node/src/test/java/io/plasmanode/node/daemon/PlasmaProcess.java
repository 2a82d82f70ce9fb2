package io.plasmanode.node.daemon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code plasma operator} or {@code plasma watcher} in a child JVM on this test's class path, with
 * its key in the environment as in production, so a test can read everything it printed and logged,
 * kill it for real ({@code SIGKILL}) and start it again on the same data directory.
 */
final class PlasmaProcess implements AutoCloseable {
  private final Process process;
  private final int port;
  private final List<String> output;

  private PlasmaProcess(Process process, int port, List<String> output) {
    this.process = process;
    this.port = port;
    this.output = output;
  }

  /**
   * Starts the operator of {@code contract} on the L1 at {@code l1Url}, keeping its database in
   * {@code dataDir}; the key comes from the environment, as in production. Every start checks the
   * whole database ({@code --check-db full}): a test's database is small, and a crash that left it
   * inconsistent must fail the test.
   */
  static PlasmaProcess operator(
      String l1Url, String contract, Path dataDir, String operatorKeyHex) {
    return operator(l1Url, contract, dataDir, operatorKeyHex, Duration.ofMillis(300));
  }

  /** As {@link #operator(String, String, Path, String)}, closing blocks every {@code interval}. */
  static PlasmaProcess operator(
      String l1Url, String contract, Path dataDir, String operatorKeyHex, Duration interval) {
    return operator(l1Url, contract, dataDir, operatorKeyHex, interval, List.of(), List.of());
  }

  /**
   * As {@link #operator(String, String, Path, String, Duration)}, with {@code jvmOptions} for the
   * child JVM and {@code moreOptions} after the operator's others.
   */
  static PlasmaProcess operator(
      String l1Url,
      String contract,
      Path dataDir,
      String operatorKeyHex,
      Duration interval,
      List<String> jvmOptions,
      List<String> moreOptions) {
    List<String> options =
        new ArrayList<>(
            List.of(
                "--l1",
                l1Url,
                "--contract",
                contract,
                "--data-dir",
                dataDir.toString(),
                "--rpc-port",
                "0",
                "--block-interval",
                interval.toMillis() + "ms",
                "--deposit-confirmations",
                "0",
                "--commit-confirmations",
                "0",
                "--l1-poll-interval",
                "200ms",
                "--check-db",
                "full"));
    options.addAll(moreOptions);
    return start("operator", jvmOptions, options, dataDir, operatorKeyHex);
  }

  /**
   * Starts a watcher of {@code contract} that syncs from the operator at {@code operatorRpc} and
   * challenges with the key {@code challengerKeyHex} from the environment.
   */
  static PlasmaProcess watcher(
      String l1Url, String contract, URI operatorRpc, Path dataDir, String challengerKeyHex) {
    return watcher(l1Url, contract, operatorRpc, dataDir, challengerKeyHex, List.of());
  }

  /** As {@link #watcher(String, String, URI, Path, String)}, with {@code moreOptions} last. */
  static PlasmaProcess watcher(
      String l1Url,
      String contract,
      URI operatorRpc,
      Path dataDir,
      String challengerKeyHex,
      List<String> moreOptions) {
    List<String> options =
        new ArrayList<>(
            List.of(
                "--l1",
                l1Url,
                "--contract",
                contract,
                "--operator-rpc",
                operatorRpc.toString(),
                "--data-dir",
                dataDir.toString(),
                "--rpc-port",
                "0",
                "--p2p-port",
                "0",
                "--finality-margin",
                "0",
                "--poll-interval",
                "200ms"));
    options.addAll(moreOptions);
    return start("watcher", List.of(), options, dataDir, challengerKeyHex);
  }

  private static PlasmaProcess start(
      String command, List<String> jvmOptions, List<String> options, Path dataDir, String keyHex) {
    Pattern running = Pattern.compile(command + " running: JSON-RPC http://127\\.0\\.0\\.1:(\\d+)");
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> commandLine = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
    commandLine.addAll(jvmOptions);
    commandLine.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            "io.plasmanode.node.cli.PlasmaCli",
            command));
    commandLine.addAll(options);
    ProcessBuilder builder = new ProcessBuilder(commandLine).redirectErrorStream(true);
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(name -> name.startsWith("PLASMA_"));
    environment.put("PLASMA_PRIVATE_KEY", keyHex);
    environment.put("PLASMA_HOME", dataDir.resolveSibling(command + "-home").toString());
    try {
      Process process = builder.start();
      List<String> output = new CopyOnWriteArrayList<>();
      CompletableFuture<Integer> port = new CompletableFuture<>();
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader lines =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.add(line);
                    Matcher matcher = running.matcher(line);
                    if (matcher.find()) {
                      port.complete(Integer.parseInt(matcher.group(1)));
                    }
                  }
                } catch (IOException e) {
                  port.completeExceptionally(e);
                }
                port.completeExceptionally(
                    new IllegalStateException(
                        command + " exited before serving:\n" + String.join("\n", output)));
              },
              command + "-output");
      reader.setDaemon(true);
      reader.start();
      try {
        return new PlasmaProcess(process, port.get(60, TimeUnit.SECONDS), output);
      } catch (Exception e) {
        process.destroyForcibly();
        throw new IllegalStateException(
            command + " did not start: " + e.getMessage() + "\n" + String.join("\n", output), e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  URI rpcUrl() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** What the process printed and logged so far. */
  List<String> output() {
    return List.copyOf(output);
  }

  /** {@code kill -9}: no shutdown hook runs, nothing is flushed or closed. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** {@code SIGTERM}: the graceful path (closes the open block, stops the services). */
  int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("process did not stop within 30 s of SIGTERM");
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
