package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReadmeQuickStartTest {
  private static final String FENCE = "```";

  @Test
  void parse_takesTheScriptsPlasmaBlockOfTheSection() {
    String readme =
        String.join(
            "\n",
            "# title",
            "## Quick start",
            FENCE + "sh",
            "scripts/devnet",
            FENCE,
            FENCE + "sh",
            "# a comment",
            "scripts/plasma deposit --amount 1eth \\",
            "  --wait",
            "",
            "scripts/plasma status",
            FENCE,
            "## Next",
            FENCE + "sh",
            "scripts/plasma utxos",
            FENCE,
            "");

    assertThat(ReadmeQuickStart.parse(readme).commands())
        .containsExactly("scripts/plasma deposit --amount 1eth --wait", "scripts/plasma status");
  }

  @Test
  void parse_failsWithoutTheSection() {
    assertThatThrownBy(() -> ReadmeQuickStart.parse("# title\n## Setup\n"))
        .hasMessageContaining("no \"## Quick start\" section");
  }

  @Test
  void parse_failsWithoutTheBlock() {
    String readme = "## Quick start\n" + FENCE + "sh\nscripts/devnet\n" + FENCE + "\n## Next\n";

    assertThatThrownBy(() -> ReadmeQuickStart.parse(readme)).hasMessageContaining("found 0");
  }

  @Test
  void parse_failsWhenTheBlockHasOnlyComments() {
    String readme = "## Quick start\n" + FENCE + "sh\n# scripts/plasma status\n" + FENCE + "\n";

    assertThatThrownBy(() -> ReadmeQuickStart.parse(readme)).hasMessageContaining("no command");
  }
}
