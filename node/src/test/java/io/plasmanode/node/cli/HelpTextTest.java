package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * Every command's {@code --help} as a user sees it (80 columns): no word or path split over two
 * lines, and no option named that the command does not have.
 */
class HelpTextTest {
  private static final int TERMINAL_WIDTH = 80;
  private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--[a-z][a-z0-9-]*");

  static Stream<String> commands() {
    List<String> names = new ArrayList<>();
    collect(root(), names);
    return names.stream();
  }

  @ParameterizedTest
  @MethodSource("commands")
  void help_splitsNoWordOrPathOverTwoLines(String command) {
    Set<String> words = words(usage(command, 1000));
    List<String> lines = usage(command, TERMINAL_WIDTH).lines().toList();
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      for (String word : line.strip().split("\\s+")) {
        assertThat(words)
            .as("'%s' in line '%s' of '%s --help' is part of a longer word", word, line, command)
            .contains(word);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("commands")
  void help_namesOnlyOptionsTheCommandHas(String command) {
    Set<String> options = optionsOf(find(command));
    Matcher matcher = OPTION.matcher(usage(command, 1000));
    while (matcher.find()) {
      assertThat(options)
          .as("'%s --help' mentions %s", command, matcher.group())
          .contains(matcher.group());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"plasma utxos", "plasma balance", "plasma exit list", "plasma status"})
  void commandsThatSignNothing_offerNoPasswordOptionAndNoKeysFooter(String command) {
    assertThat(find(command).getCommandSpec().optionsMap()).doesNotContainKey("--password-file");
    assertThat(usage(command, TERMINAL_WIDTH)).doesNotContain("Keys:");
  }

  @Test
  void noHelp_promisesADevnetDefaultThatNothingDetects() {
    commands()
        .forEach(
            command ->
                assertThat(usage(command, 1000)).as(command).doesNotContain("0 on a devnet"));
  }

  /** The command's options and, for a group such as {@code exit}, its subcommands' options. */
  private static Set<String> optionsOf(CommandLine command) {
    Set<String> options = new HashSet<>(command.getCommandSpec().optionsMap().keySet());
    command.getSubcommands().values().forEach(sub -> options.addAll(optionsOf(sub)));
    return options;
  }

  private static String usage(String command, int width) {
    CommandLine commandLine = find(command);
    commandLine.setUsageHelpWidth(width);
    return commandLine.getUsageMessage(CommandLine.Help.Ansi.OFF);
  }

  private static Set<String> words(String text) {
    return Arrays.stream(text.strip().split("\\s+")).collect(Collectors.toSet());
  }

  private static CommandLine find(String command) {
    CommandLine current = root();
    for (String name : command.split(" ")) {
      if (!name.equals("plasma")) {
        current = current.getSubcommands().get(name);
      }
    }
    return current;
  }

  private static CommandLine root() {
    return new CommandLine(new PlasmaCli(Map.of(), Path.of("/nonexistent-plasma-home")));
  }

  private static void collect(CommandLine command, List<String> names) {
    names.add(command.getCommandSpec().qualifiedName());
    command.getSubcommands().values().forEach(sub -> collect(sub, names));
  }
}
