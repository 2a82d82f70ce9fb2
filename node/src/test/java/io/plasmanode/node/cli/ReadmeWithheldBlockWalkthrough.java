package io.plasmanode.node.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Issue 14's scenario 1 on the devnet as README.md's "A withheld block on the devnet" section walks
 * through it: the options of its {@code scripts/devnet} line (with {@code --byzantine}) and its one
 * fenced {@code sh} block that tells the operator to cheat ({@code plasma devnet cheat}), run as
 * one bash script. Like the watcher walkthrough it moves L1 by no hand of its own.
 *
 * @param devnetOptions the options the section starts the devnet with
 * @param script the walkthrough block's text
 */
record ReadmeWithheldBlockWalkthrough(List<String> devnetOptions, String script) {
  static final String SECTION = "## A withheld block on the devnet";

  private static final Pattern MANUAL_L1_STEP = Pattern.compile("\\b(evm|anvil)_\\w+");

  /** What the walkthrough must do, in the CLI's words. */
  private static final List<String> STEPS =
      List.of(
          "scripts/plasma devnet cheat ",
          "scripts/plasma transfer ",
          "scripts/plasma watcher status ",
          "scripts/plasma exit inflight start ",
          "scripts/plasma exit piggyback ",
          " --input ",
          "scripts/plasma exit process ");

  /** Parses README.md's text; fails with a message saying what is missing or wrong. */
  static ReadmeWithheldBlockWalkthrough parse(String readme) {
    List<String> blocks = ReadmeBlocks.shBlocks(readme, SECTION);
    List<String> devnet =
        blocks.stream()
            .flatMap(String::lines)
            .filter(line -> line.startsWith("scripts/devnet "))
            .toList();
    if (devnet.size() != 1 || !devnet.getFirst().contains(" --byzantine")) {
      throw new IllegalStateException(
          "README.md's \"%s\" section must start the devnet once, with --byzantine; found %s"
              .formatted(SECTION, devnet));
    }
    List<String> cheats = blocks.stream().filter(b -> b.contains("plasma devnet cheat")).toList();
    if (cheats.size() != 1) {
      throw new IllegalStateException(
          "README.md's \"%s\" section must have exactly one ```sh block that cheats (plasma devnet cheat); found %d"
              .formatted(SECTION, cheats.size()));
    }
    String script = cheats.getFirst();
    for (String step : STEPS) {
      if (!script.contains(step)) {
        throw new IllegalStateException(
            "README.md's withheld-block walkthrough lacks \"%s\"".formatted(step.strip()));
      }
    }
    var manual = MANUAL_L1_STEP.matcher(script);
    if (manual.find()) {
      throw new IllegalStateException(
          "README.md's withheld-block walkthrough moves L1 by hand (%s): the devnet's L1 must advance on its own"
              .formatted(manual.group()));
    }
    String options = devnet.getFirst().substring("scripts/devnet ".length()).strip();
    return new ReadmeWithheldBlockWalkthrough(Arrays.asList(options.split("\\s+")), script);
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
