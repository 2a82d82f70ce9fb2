package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReadmeWatcherWalkthroughTest {
  private static final String FENCE = "```";

  @Test
  void parse_takesTheExitBlockOfTheSection() {
    String readme =
        String.join(
            "\n",
            "## Running a watcher",
            FENCE + "sh",
            "scripts/plasma watcher --l1 https://l1.example:8545",
            FENCE,
            FENCE + "sh",
            "curl -s http://127.0.0.1:9656",
            "cast send --rpc-url http://127.0.0.1:8545 0xC 'startStandardExit(uint256,bytes,bytes)'",
            "scripts/plasma exit list --config .devnet/alice.properties",
            FENCE,
            "## Next",
            FENCE + "sh",
            "startStandardExit elsewhere",
            FENCE,
            "");

    ReadmeWatcherWalkthrough walkthrough = ReadmeWatcherWalkthrough.parse(readme);

    assertThat(walkthrough.forDevnet(Path.of("/tmp/d"), "http://127.0.0.1:1", "http://127.0.0.1:2"))
        .isEqualTo(
            String.join(
                "\n",
                "curl -s http://127.0.0.1:1",
                "cast send --rpc-url http://127.0.0.1:2 0xC 'startStandardExit(uint256,bytes,bytes)'",
                "scripts/plasma exit list --config /tmp/d/alice.properties",
                ""));
  }

  @Test
  void parse_failsWithoutTheBlock() {
    String readme =
        "## Running a watcher\n" + FENCE + "sh\nscripts/plasma watcher\n" + FENCE + "\n";

    assertThatThrownBy(() -> ReadmeWatcherWalkthrough.parse(readme))
        .hasMessageContaining("found 0");
  }

  @Test
  void parse_refusesAManualL1Step() {
    String readme =
        "## Running a watcher\n"
            + FENCE
            + "sh\ncast send 0xC 'startStandardExit(uint256,bytes,bytes)'\n"
            + "cast rpc evm_increaseTime 60\n"
            + FENCE
            + "\n";

    assertThatThrownBy(() -> ReadmeWatcherWalkthrough.parse(readme))
        .hasMessageContaining("moves L1 by hand (evm_increaseTime)");
  }
}
