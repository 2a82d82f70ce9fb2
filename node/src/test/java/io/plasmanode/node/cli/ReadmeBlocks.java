package io.plasmanode.node.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fenced {@code sh} blocks of one {@code ## } section of README.md, for tests that run them.
 */
final class ReadmeBlocks {
  private static final Pattern SH_BLOCK =
      Pattern.compile("^```sh[ \\t]*\\n(.*?)^```[ \\t]*$", Pattern.MULTILINE | Pattern.DOTALL);

  private ReadmeBlocks() {}

  /**
   * The contents of the {@code sh} blocks in the section titled {@code section} (e.g. {@code "##
   * Quick start"}, up to the next {@code ## } heading), in order.
   *
   * @throws IllegalStateException if README.md has no such section
   */
  static List<String> shBlocks(String readme, String section) {
    List<String> blocks = new ArrayList<>();
    Matcher matcher = SH_BLOCK.matcher(section(readme, section));
    while (matcher.find()) {
      blocks.add(matcher.group(1));
    }
    return blocks;
  }

  private static String section(String markdown, String title) {
    String readme = "\n" + markdown;
    int start = readme.indexOf("\n" + title + "\n");
    if (start < 0) {
      throw new IllegalStateException("README.md has no \"" + title + "\" section");
    }
    int end = readme.indexOf("\n## ", start + title.length() + 1);
    return readme.substring(start + 1, end < 0 ? readme.length() : end + 1);
  }
}
