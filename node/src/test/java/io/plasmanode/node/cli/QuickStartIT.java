package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README.md's quick start, exactly as a user runs it: {@code scripts/devnet} in one process, the
 * quick start's commands (with {@code .devnet/} moved to a temporary directory) one by one, then
 * Ctrl-C (SIGTERM) and a second start that resumes. Runs the shaded {@code node/target/plasma.jar}
 * of the {@code package} phase; fails rather than let {@code scripts/plasma} rebuild it.
 */
class QuickStartIT {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(40);
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
  private static final Pattern SUBCOMMAND = Pattern.compile("^scripts/plasma\\s+(\\S+)");
  private static final Pattern ACCOUNT = Pattern.compile("/(\\w+)\\.properties");
  private static final Pattern ALICE_AFTER_DEPOSIT =
      Pattern.compile("(?m)^\\s*alice\\s+0x[0-9a-f]{40}\\s+9,998\\.99\\d* ETH, 1,000,000 DEV\\s");
  private static final Pattern HEIGHT = Pattern.compile("(?m)^\\s*height:\\s+(\\d+)");

  @TempDir Path temp;
  private final Path root = DevnetProcess.repositoryRoot();
  private DevnetProcess devnet;
  private int watcherRpcPort;
  private int watcherP2pPort;

  @AfterEach
  void killLeftovers() {
    if (devnet != null) {
      devnet.close();
    }
  }

  @Test
  void quickStart_runsAsWrittenAndResumes() throws Exception {
    List<String> commands = ReadmeQuickStart.parse(readme()).commands();
    DevnetProcess.assertJarIsCurrent(root);
    Path dir = temp.resolve("devnet");
    int l1Port = DevnetProcess.freePort();
    int rpcPort = DevnetProcess.freePort();
    watcherRpcPort = DevnetProcess.freePort();
    watcherP2pPort = DevnetProcess.freePort();
    Map<String, String> env = environment(rpcPort);

    devnet = startDevnet(env, dir, l1Port, rpcPort, "devnet.log");
    runQuickStart(commands, env, dir);
    assertThat(run(env, "scripts/plasma balance --config " + dir.resolve("alice.properties")))
        .as("0.25 ETH paid to bob and the devnet's fee of 0.000001 ETH")
        .contains("0.749999 ETH (749999000000000000 wei)");
    devnet.stop(STOP_TIMEOUT);

    devnet = startDevnet(env, dir, l1Port, rpcPort, "devnet-resumed.log");
    assertThat(devnet.output())
        .as("the resumed devnet's banner shows alice's L1 balance after her 1 ETH deposit and gas")
        .containsPattern(ALICE_AFTER_DEPOSIT);
    assertThat(run(env, "scripts/plasma balance --config " + dir.resolve("bob.properties")))
        .as("bob's balance after a restart")
        .contains("0.25 ETH (250000000000000000 wei)");
    devnet.stop(STOP_TIMEOUT);
  }

  private DevnetProcess startDevnet(
      Map<String, String> env, Path dir, int l1Port, int rpcPort, String log)
      throws InterruptedException {
    List<String> options =
        List.of(
            "--dir",
            dir.toString(),
            "--l1-port",
            "" + l1Port,
            "--rpc-port",
            "" + rpcPort,
            "--watcher-rpc-port",
            "" + watcherRpcPort,
            "--watcher-p2p-port",
            "" + watcherP2pPort);
    DevnetProcess started = DevnetProcess.start(root, env, temp.resolve(log), options);
    devnet = started;
    assertThat(started.awaitBanner(START_TIMEOUT))
        .contains("operator JSON-RPC http://127.0.0.1:" + rpcPort)
        .contains("explorer          http://127.0.0.1:" + rpcPort + "/explorer/")
        .contains("fees              0.000001 ETH per payment")
        .contains("--config " + dir.resolve("bob.properties"));
    return started;
  }

  /** Runs the README's commands in order, checking each one's output against the story. */
  private void runQuickStart(List<String> commands, Map<String, String> env, Path dir)
      throws Exception {
    Set<String> seen = new HashSet<>();
    for (String command : commands) {
      String line = command.replace(".devnet/", dir + "/");
      String output = run(env, line);
      String subcommand = subcommand(line);
      checkOutput(subcommand, account(line), seen.contains("transfer"), output);
      seen.add(subcommand.equals("balance") ? "balance " + account(line) : subcommand);
    }
    assertThat(seen)
        .as("the quick start's commands (the story this test checks)")
        .contains("deposit", "transfer", "balance bob", "status");
  }

  private static void checkOutput(
      String subcommand, String account, boolean transferred, String output) {
    switch (subcommand) {
      case "deposit" ->
          assertThat(output).contains("deposited 1 ETH", "credited on the child chain");
      case "transfer" ->
          assertThat(output)
              .containsPattern(
                  "sent 0\\.25 ETH[\\s\\S]*fee:     0\\.000001 ETH \\(1000000000000 wei\\)[\\s\\S]*"
                      + "block 1000 committed on L1 \\(tx 0x[0-9a-f]{64}\\): the transfer is final");
      case "balance" -> assertThat(output).contains(expectedBalance(account, transferred));
      case "history" ->
          assertThat(output)
              .containsPattern(
                  "1000:0 .*0x[0-9a-f]{64}\\s+sent +1 ETH[\\s\\S]*received 0\\.749999 ETH[\\s\\S]*"
                      + "1:0  deposit\\s+received 1 ETH");
      case "status" -> assertThat(height(output)).isGreaterThanOrEqualTo(1000);
      default -> {}
    }
  }

  private static String expectedBalance(String account, boolean transferred) {
    return switch (account) {
      case "alice" ->
          transferred ? "0.749999 ETH (749999000000000000 wei)" : "1 ETH (1000000000000000000 wei)";
      case "bob" -> "0.25 ETH (250000000000000000 wei)";
      default -> " ETH";
    };
  }

  private static long height(String statusOutput) {
    Matcher matcher = HEIGHT.matcher(statusOutput);
    assertThat(matcher.find()).as("a height line in:%n%s", statusOutput).isTrue();
    return Long.parseLong(matcher.group(1));
  }

  private static String subcommand(String line) {
    Matcher matcher = SUBCOMMAND.matcher(line);
    assertThat(matcher.find()).as("a scripts/plasma command: %s", line).isTrue();
    return matcher.group(1);
  }

  private static String account(String line) {
    Matcher matcher = ACCOUNT.matcher(line);
    return matcher.find() ? matcher.group(1) : "";
  }

  /** Runs one command line with bash in the repository root; asserts exit code 0. */
  private String run(Map<String, String> env, String line) throws Exception {
    Path output = Files.createTempFile(temp, "command", ".out");
    ProcessBuilder builder =
        new ProcessBuilder("bash", "-c", line)
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      fail("%s did not finish within %s:%n%s", line, COMMAND_TIMEOUT, Files.readString(output));
    }
    String text = Files.readString(output, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as("exit code of %s; output:%n%s", line, text).isZero();
    return text;
  }

  /**
   * The child processes' environment: this JVM's JDK (so scripts/plasma uses it), no PLASMA_*
   * settings of the machine, a private PLASMA_HOME, and the operator's RPC URL for commands that
   * take no --config (as the devnet's default port would give them).
   */
  private Map<String, String> environment(int rpcPort) throws IOException {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.keySet().removeIf(name -> name.startsWith("PLASMA_"));
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("PLASMA_HOME", Files.createDirectories(temp.resolve("home")).toString());
    env.put("PLASMA_RPC", "http://127.0.0.1:" + rpcPort);
    return env;
  }

  private String readme() throws IOException {
    return Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8);
  }
}
