package io.plasmanode.node.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The exit game on the devnet as README.md's "Running a watcher" section walks through it: its one
 * fenced {@code sh} block that starts an exit ({@code startStandardExit}), run as one bash script.
 * It must move L1 by no hand of its own (no {@code evm_*} or {@code anvil_*} call): the devnet's
 * interval mining and real time do.
 *
 * @param script the block's text
 */
record ReadmeWatcherWalkthrough(String script) {
  static final String SECTION = "## Running a watcher";

  private static final Pattern MANUAL_L1_STEP = Pattern.compile("\\b(evm|anvil)_\\w+");

  /** Parses README.md's text; fails with a message saying what is missing or wrong. */
  static ReadmeWatcherWalkthrough parse(String readme) {
    List<String> blocks =
        ReadmeBlocks.shBlocks(readme, SECTION).stream()
            .filter(block -> block.contains("startStandardExit"))
            .toList();
    if (blocks.size() != 1) {
      throw new IllegalStateException(
          "README.md's \"%s\" section must have exactly one ```sh block that exits on the devnet (startStandardExit); found %d"
              .formatted(SECTION, blocks.size()));
    }
    var manual = MANUAL_L1_STEP.matcher(blocks.get(0));
    if (manual.find()) {
      throw new IllegalStateException(
          "README.md's watcher walkthrough moves L1 by hand (%s): the devnet's L1 must advance on its own"
              .formatted(manual.group()));
    }
    return new ReadmeWatcherWalkthrough(blocks.get(0));
  }

  /**
   * The script for a devnet in {@code dir} whose operator and L1 listen at the given URLs instead
   * of the defaults the README shows.
   */
  String forDevnet(Path dir, String operatorRpc, String l1) {
    return script
        .replace(".devnet/", dir + "/")
        .replace("http://127.0.0.1:9656", operatorRpc)
        .replace("http://127.0.0.1:8545", l1);
  }
}
