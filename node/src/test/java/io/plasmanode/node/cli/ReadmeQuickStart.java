package io.plasmanode.node.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The commands of README.md's quick start that a user types in the second shell: the one fenced
 * {@code sh} block of the "Quick start" section whose commands run {@code scripts/plasma}. Comment
 * and blank lines are dropped; a line ending in a backslash continues on the next.
 */
record ReadmeQuickStart(List<String> commands) {
  static final String SECTION = "## Quick start";

  ReadmeQuickStart {
    commands = List.copyOf(commands);
  }

  /** Parses README.md's text; fails with a message saying what is missing. */
  static ReadmeQuickStart parse(String readme) {
    List<String> blocks =
        ReadmeBlocks.shBlocks(readme, SECTION).stream()
            .filter(block -> block.contains("scripts/plasma "))
            .toList();
    if (blocks.size() != 1) {
      throw new IllegalStateException(
          "README.md's \"%s\" section must have exactly one ```sh block with the scripts/plasma commands of the second shell; found %d"
              .formatted(SECTION, blocks.size()));
    }
    List<String> commands = commandLines(blocks.get(0));
    if (commands.isEmpty()) {
      throw new IllegalStateException(
          "README.md's quick start block of scripts/plasma commands has no command line");
    }
    return new ReadmeQuickStart(commands);
  }

  private static List<String> commandLines(String block) {
    List<String> commands = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : block.split("\n")) {
      String trimmed = line.strip();
      if (current.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed.substring(0, trimmed.length() - 1).strip()).append(" ");
        continue;
      }
      commands.add(current.append(trimmed).toString().strip());
      current.setLength(0);
    }
    if (!current.isEmpty()) {
      commands.add(current.toString().strip());
    }
    return commands;
  }
}
