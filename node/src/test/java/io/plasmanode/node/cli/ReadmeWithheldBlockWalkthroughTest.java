package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ReadmeWithheldBlockWalkthroughTest {
  private static final String FENCE = "```";
  private static final String WALKTHROUGH =
      String.join(
          "\n",
          "scripts/plasma devnet cheat --config .devnet/eve.properties --mint-to eve --amount 1eth",
          "scripts/plasma transfer --config .devnet/alice.properties --amount 1eth",
          "scripts/plasma watcher status --config .devnet/alice.properties",
          "scripts/plasma exit inflight start --config .devnet/alice.properties --tx \"$tx\"",
          "scripts/plasma exit piggyback --config .devnet/alice.properties --input 0",
          "scripts/plasma exit process --config .devnet/bob.properties --token ETH",
          "cast balance --rpc-url http://127.0.0.1:8545 0xB",
          "");

  private static String readme(String devnetLine, String walkthrough) {
    return String.join(
        "\n",
        "## A withheld block on the devnet",
        FENCE + "sh",
        devnetLine,
        FENCE,
        FENCE + "sh",
        walkthrough + FENCE,
        "## Next",
        "");
  }

  @Test
  void parse_takesTheDevnetOptionsAndTheCheatBlock() {
    ReadmeWithheldBlockWalkthrough walkthrough =
        ReadmeWithheldBlockWalkthrough.parse(
            readme("scripts/devnet --reset --byzantine --exit-period 120s", WALKTHROUGH));

    assertThat(walkthrough.devnetOptions())
        .containsExactly("--reset", "--byzantine", "--exit-period", "120s");
    assertThat(walkthrough.forDevnet(Path.of("/tmp/d"), "http://127.0.0.1:1", "http://127.0.0.1:2"))
        .contains("--config /tmp/d/eve.properties")
        .contains("--rpc-url http://127.0.0.1:2 0xB")
        .doesNotContain(".devnet/");
  }

  @Test
  void parse_refusesAnHonestDevnet() {
    assertThatThrownBy(
            () ->
                ReadmeWithheldBlockWalkthrough.parse(readme("scripts/devnet --reset", WALKTHROUGH)))
        .hasMessageContaining("with --byzantine");
  }

  @Test
  void parse_refusesAWalkthroughWithoutTheInputPiggyback() {
    String withoutInput = WALKTHROUGH.replace("--input 0", "--output 0");

    assertThatThrownBy(
            () ->
                ReadmeWithheldBlockWalkthrough.parse(
                    readme("scripts/devnet --byzantine", withoutInput)))
        .hasMessageContaining("lacks \"--input\"");
  }

  @Test
  void parse_refusesAManualL1Step() {
    String warped = WALKTHROUGH + "cast rpc evm_increaseTime 60\n";

    assertThatThrownBy(
            () ->
                ReadmeWithheldBlockWalkthrough.parse(readme("scripts/devnet --byzantine", warped)))
        .hasMessageContaining("moves L1 by hand (evm_increaseTime)");
  }

  /**
   * README.md itself: the walkthrough is there, and each {@code scripts/plasma} command in it (and
   * the devnet's options) parses with the real command line, so an option renamed in the CLI breaks
   * this test before the slow {@code DevnetWithheldBlockIT}.
   */
  @Test
  void readme_commandsParseWithTheRealCli() throws IOException {
    String text =
        Files.readString(
            DevnetProcess.repositoryRoot().resolve("README.md"), StandardCharsets.UTF_8);
    ReadmeWithheldBlockWalkthrough walkthrough = ReadmeWithheldBlockWalkthrough.parse(text);

    List<String> devnet = new ArrayList<>(List.of("devnet"));
    devnet.addAll(walkthrough.devnetOptions());
    assertParses(devnet);
    List<String> commands = plasmaCommands(walkthrough.script());
    assertThat(commands).hasSizeGreaterThanOrEqualTo(8);
    commands.forEach(command -> assertParses(List.of(command.split("\\s+"))));
  }

  /** The {@code scripts/plasma} commands of a script, joined over {@code \} continuations. */
  private static List<String> plasmaCommands(String script) {
    List<String> commands = new ArrayList<>();
    for (String line : script.replace("\\\n", " ").split("\n")) {
      int start = line.indexOf("scripts/plasma ");
      if (start < 0 || line.stripLeading().startsWith("#")) {
        continue;
      }
      String command = line.substring(start + "scripts/plasma ".length());
      // Up to the pipe or the end of a $(...) substitution; quoted shell words become a value;
      // the config files exist only once a devnet runs (the IT reads them).
      command =
          command
              .split("\\s*[|)]")[0]
              .replace("\"$tx\"", "0x" + "ab".repeat(32))
              .replaceAll("--config \\S+", "");
      commands.add(command.strip());
    }
    return commands;
  }

  private static void assertParses(List<String> args) {
    CommandLine commandLine = new CommandLine(new PlasmaCli());
    try {
      commandLine.parseArgs(args.toArray(String[]::new));
    } catch (CommandLine.ParameterException e) {
      throw new AssertionError("README.md's `plasma " + String.join(" ", args) + "`: " + e, e);
    }
  }
}
