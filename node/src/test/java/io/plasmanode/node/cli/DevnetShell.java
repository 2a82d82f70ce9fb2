package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Where the README's devnet walkthroughs run: bash in the repository root with this JVM's JDK for
 * scripts/plasma, none of the machine's PLASMA_* settings and a private plasma home.
 */
final class DevnetShell {
  private final Path root;
  private final Path temp;
  private final Map<String, String> env;

  private DevnetShell(Path root, Path temp, Map<String, String> env) {
    this.root = root;
    this.temp = temp;
    this.env = Map.copyOf(env);
  }

  /** A shell in {@code root} whose plasma home and script outputs live in {@code temp}. */
  static DevnetShell in(Path root, Path temp) throws IOException {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.keySet().removeIf(name -> name.startsWith("PLASMA_"));
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("PLASMA_HOME", Files.createDirectories(temp.resolve("home")).toString());
    return new DevnetShell(root, temp, env);
  }

  /** The environment scripts (and the devnet) run with. */
  Map<String, String> env() {
    return env;
  }

  /**
   * Runs {@code script} with bash (-euxo pipefail: traced to its stderr); asserts it exits 0 within
   * {@code timeout}, else fails with its output, {@code hint} and the devnet's output.
   */
  String run(String script, Duration timeout, String hint, Supplier<String> devnetOutput)
      throws IOException, InterruptedException {
    Path output = Files.createTempFile(temp, "script", ".out");
    Path errors = temp.resolve(output.getFileName() + ".err");
    ProcessBuilder builder =
        new ProcessBuilder("bash", "-euxo", "pipefail", "-c", script)
            .directory(root.toFile())
            .redirectError(errors.toFile())
            .redirectOutput(output.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      Stream.concat(process.descendants(), Stream.of(process.toHandle()))
          .forEach(ProcessHandle::destroyForcibly);
      fail(
          "the script did not finish within %s (%s):%n%s%n%s%ndevnet:%n%s",
          timeout, hint, script, outputs(output, errors), devnetOutput.get());
    }
    assertThat(process.exitValue())
        .as(
            "exit code of:%n%s%noutput:%n%s%ndevnet:%n%s",
            script, outputs(output, errors), devnetOutput.get())
        .isZero();
    return Files.readString(output, StandardCharsets.UTF_8);
  }

  private static String outputs(Path output, Path errors) throws IOException {
    return Files.readString(output, StandardCharsets.UTF_8)
        + Files.readString(errors, StandardCharsets.UTF_8);
  }
}
