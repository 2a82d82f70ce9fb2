package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution archive {@code node/target/plasma-<version>.tar.gz} of the package phase, as an
 * operator installs it: unpacked with tar into a temporary directory far from the source tree, its
 * {@code bin/plasma} run through a symlink with a clean environment (Java from JAVA_HOME, anvil
 * only on PATH): {@code --version}, the refusal of an old Java, and a devnet that answers {@code
 * plasma_status} and stops on SIGTERM with everything it started.
 */
class DistributionIT {
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
  private static final List<String> CONTENTS =
      List.of(
          "bin/plasma",
          "lib/plasma.jar",
          "README.md",
          "LICENSE",
          "config/operator.properties",
          "config/watcher.properties",
          "config/operator.env",
          "config/watcher.env",
          "systemd/plasma-operator.service",
          "systemd/plasma-watcher.service");

  @TempDir Path temp;
  private final Path root = DevnetProcess.repositoryRoot();
  private Path archive;
  private String version;
  private Path home;
  private Process devnet;

  @BeforeEach
  void unpack() throws Exception {
    archive = theArchive(root.resolve("node/target"));
    String name = archive.getFileName().toString();
    version = name.substring("plasma-".length(), name.length() - ".tar.gz".length());
    Path unpacked = Files.createDirectories(temp.resolve("opt"));
    Result tar = run(List.of("tar", "-xzf", archive.toString(), "-C", unpacked.toString()), env());
    assertThat(tar.exitCode()).as("tar -xzf %s: %s", archive, tar.output()).isZero();
    home = unpacked.resolve("plasma-" + version);
  }

  @AfterEach
  void killLeftovers() {
    if (devnet != null) {
      Stream.concat(devnet.descendants(), Stream.of(devnet.toHandle()))
          .toList()
          .forEach(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void archive_holdsLauncherLibrariesConfigUnitsReadmeAndLicense() throws IOException {
    for (String file : CONTENTS) {
      assertThat(home.resolve(file)).as("%s in %s", file, archive).isRegularFile();
    }
    assertThat(home.resolve("bin/plasma")).isExecutable();
    assertThat(Files.readString(home.resolve("README.md"))).startsWith("# plasma " + version);
    assertThat(Files.readString(home.resolve("LICENSE")))
        .startsWith("MIT License")
        .isEqualTo(Files.readString(root.resolve("LICENSE")));
  }

  /** Where systemd-analyze is installed: the units' keys and values are all known to it. */
  @Test
  void systemdUnits_passSystemdAnalyzeVerify() throws Exception {
    Path analyze = Path.of("/usr/bin/systemd-analyze");
    assumeTrue(Files.isExecutable(analyze), "no systemd-analyze on this machine");
    for (String unit : List.of("plasma-operator.service", "plasma-watcher.service")) {
      String text = Files.readString(home.resolve("systemd").resolve(unit));
      Path installed = Files.createDirectories(temp.resolve("units")).resolve(unit);
      Files.writeString(installed, text.replace("/opt/plasma/", home + "/"));

      Result result =
          run(List.of(analyze.toString(), "verify", "--man=no", installed.toString()), env());

      assertThat(result.exitCode()).as(result.output()).isZero();
      assertThat(result.output()).as("systemd-analyze verify %s", unit).isEmpty();
    }
  }

  @Test
  void version_printsTheArchivesVersion_throughASymlink() throws Exception {
    Path link = Files.createDirectories(temp.resolve("usr/local/bin")).resolve("plasma");
    Files.createSymbolicLink(link, home.resolve("bin/plasma"));

    Result result = run(List.of(link.toString(), "--version"), env());

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output().strip()).isEqualTo("plasma " + version);
  }

  @Test
  void launcher_refusesAJavaOlderThan21() throws Exception {
    Path oldJava = Files.createDirectories(temp.resolve("jdk-17/bin"));
    Files.writeString(oldJava.getParent().resolve("release"), "JAVA_VERSION=\"17.0.2\"\n");
    Files.writeString(oldJava.resolve("java"), "#!/bin/sh\necho 'this old java ran'\n");
    Files.setPosixFilePermissions(
        oldJava.resolve("java"), PosixFilePermissions.fromString("rwx------"));
    Map<String, String> env = new HashMap<>(env());
    env.put("JAVA_HOME", oldJava.getParent().toString());

    Result result = run(List.of(home.resolve("bin/plasma").toString(), "--version"), env);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.output())
        .contains("is Java 17; plasma needs Java 21 or newer")
        .doesNotContain("this old java ran");
  }

  @Test
  void devnet_runsFromTheArchiveWithAnvilOnPath_andAnswersPlasmaStatus() throws Exception {
    int rpcPort = DevnetProcess.freePort();
    Path log = temp.resolve("devnet.log");
    devnet = startDevnet(rpcPort, log);
    Awaitility.await("the devnet's banner")
        .atMost(START_TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              assertThat(devnet.isAlive()).as("devnet running; output:%n%s", read(log)).isTrue();
              return read(log).contains(DevnetProcess.BANNER_END);
            });

    JsonNode status = plasmaStatus(rpcPort);

    assertThat(status.has("error")).as("plasma_status answer %s", status).isFalse();
    assertThat(status.path("result").path("height").isNumber()).as("%s", status).isTrue();
    stop(devnet, log);
  }

  private Process startDevnet(int rpcPort, Path log) throws IOException {
    List<String> command =
        new ArrayList<>(List.of(home.resolve("bin/plasma").toString(), "devnet"));
    for (String option :
        List.of("--l1-port", "--rpc-port", "--watcher-rpc-port", "--watcher-p2p-port")) {
      command.add(option);
      command.add("" + (option.equals("--rpc-port") ? rpcPort : DevnetProcess.freePort()));
    }
    command.addAll(List.of("--dir", temp.resolve("devnet").toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(Files.createDirectories(temp.resolve("work")).toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().clear();
    builder.environment().putAll(env());
    return builder.start();
  }

  /** SIGTERM; the devnet and anvil (found on PATH) must be gone afterwards. */
  private static void stop(Process devnet, Path log) throws Exception {
    List<ProcessHandle> children = devnet.descendants().toList();
    assertThat(children)
        .as("the devnet's processes")
        .anySatisfy(child -> assertThat(child.info().command().orElse("")).endsWith("/anvil"));
    devnet.destroy();
    assertThat(devnet.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
        .as("the devnet exits on SIGTERM; output:%n%s", read(log))
        .isTrue();
    for (ProcessHandle child : children) {
      child.onExit().completeOnTimeout(child, 5, TimeUnit.SECONDS).join();
      assertThat(child.isAlive()).as("%s outlives the devnet", child.info().command()).isFalse();
    }
  }

  private static JsonNode plasmaStatus(int rpcPort) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rpcPort))
            .header("Content-Type", "application/json")
            .timeout(COMMAND_TIMEOUT)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"plasma_status\",\"params\":[]}"))
            .build();
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      return new ObjectMapper().readTree(response.body());
    }
  }

  /**
   * A clean environment: Java from JAVA_HOME (this JVM's), HOME and PLASMA_HOME in the temporary
   * directory, and anvil only on PATH (a link to the npm-installed binary; no checkout above the
   * working dir).
   */
  private Map<String, String> env() throws IOException {
    Path bin = temp.resolve("anvil-bin");
    if (!Files.exists(bin.resolve("anvil"))) {
      Files.createDirectories(bin);
      Files.createSymbolicLink(bin.resolve("anvil"), anvilBinary());
    }
    Path userHome = Files.createDirectories(temp.resolve("home"));
    return Map.of(
        "PATH",
        bin + ":/usr/bin:/bin",
        "JAVA_HOME",
        System.getProperty("java.home"),
        "HOME",
        userHome.toString(),
        PlasmaCli.HOME_ENV,
        userHome.resolve(".plasma").toString());
  }

  private Path anvilBinary() throws IOException {
    Path packages = root.resolve("contracts/node_modules/@foundry-rs");
    try (DirectoryStream<Path> found = Files.newDirectoryStream(packages, "anvil-*")) {
      for (Path dir : found) {
        if (Files.isExecutable(dir.resolve("bin/anvil"))) {
          return dir.resolve("bin/anvil");
        }
      }
    }
    throw new AssertionError("no anvil under " + packages + ": run npm ci in contracts/");
  }

  private static Path theArchive(Path target) throws IOException {
    try (Stream<Path> files = Files.list(target)) {
      List<Path> archives =
          files
              .filter(file -> file.getFileName().toString().matches("plasma-.+\\.tar\\.gz"))
              .toList();
      assertThat(archives)
          .as("one plasma-<version>.tar.gz in %s (built in the package phase)", target)
          .hasSize(1);
      return archives.get(0);
    }
  }

  private static String read(Path log) throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  private static Result run(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command + " did not finish within " + COMMAND_TIMEOUT);
    }
    return new Result(process.exitValue(), output);
  }

  private record Result(int exitCode, String output) {}
}
