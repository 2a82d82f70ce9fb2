package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The distribution's example config ({@code node/src/dist/config}): every option line, commented
 * out or not, names a real option of its command with a value the command accepts, and no file
 * holds a key.
 */
class DistConfigTest {
  private static final Path CONFIG = Path.of("src/dist/config");
  private static final Pattern OPTION_LINE = Pattern.compile("^#?([a-z][a-z0-9-]*) = (.*)$");
  private static final Pattern ENV_LINE = Pattern.compile("^#?([A-Z_]+)=(.*)$");
  private static final Pattern HEX_KEY = Pattern.compile("(?i)(0x)?[0-9a-f]{64}");

  @TempDir Path temp;

  @ParameterizedTest
  @CsvSource({"operator.properties, operator", "watcher.properties, watcher"})
  void properties_nameRealOptionsWithValuesTheCommandAccepts(String file, String command)
      throws IOException {
    List<String> lines = Files.readAllLines(CONFIG.resolve(file), StandardCharsets.UTF_8);
    CommandSpec spec = cli().getSubcommands().get(command).getCommandSpec();
    StringBuilder uncommented = new StringBuilder();
    int options = 0;
    for (String line : lines) {
      Matcher option = OPTION_LINE.matcher(line);
      if (option.matches()) {
        assertThat(spec.findOption("--" + option.group(1)))
            .as("%s: %s is an option of plasma %s", file, option.group(1), command)
            .isNotNull();
        uncommented.append(option.group(1)).append(" = ").append(option.group(2)).append('\n');
        options++;
      }
    }
    assertThat(options).as("option lines in %s", file).isGreaterThan(10);
    Path all = Files.writeString(temp.resolve(file), uncommented);

    CommandLine parsed = cli();
    parsed.parseArgs(command, "--config", all.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"operator.env", "watcher.env"})
  void environmentFiles_setOnlyThePasswordAndJvmOptions(String file) throws IOException {
    for (String line : Files.readAllLines(CONFIG.resolve(file), StandardCharsets.UTF_8)) {
      Matcher variable = ENV_LINE.matcher(line);
      if (variable.matches()) {
        assertThat(variable.group(1)).isIn("PLASMA_PASSWORD", "PLASMA_OPTS", "JAVA_OPTS");
        assertThat(variable.group(1).equals("PLASMA_PASSWORD") ? variable.group(2) : "")
            .as("%s ships no password", file)
            .isEmpty();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"operator.properties", "watcher.properties", "operator.env", "watcher.env"})
  void noFile_holdsAKey(String file) throws IOException {
    String text = Files.readString(CONFIG.resolve(file), StandardCharsets.UTF_8);
    assertThat(text).doesNotContain("PLASMA_PRIVATE_KEY=").doesNotContainPattern(HEX_KEY);
  }

  private CommandLine cli() {
    return new CommandLine(new PlasmaCli(Map.of(), temp.resolve("home")));
  }
}
