package io.plasmanode.storage.chain;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What a {@link ChainCheck} found.
 *
 * @param mode how much was checked
 * @param height the stored chain height
 * @param blocks child blocks whose transactions were read
 * @param txs transactions decoded and replayed
 * @param utxos UTXO entries compared with the recomputed ones
 * @param problems the first problems found, in the order found
 * @param problemCount how many problems were found in all
 * @param elapsed how long the check took
 */
public record ChainCheckReport(
    ChainCheckMode mode,
    long height,
    long blocks,
    long txs,
    long utxos,
    List<ChainProblem> problems,
    long problemCount,
    Duration elapsed) {
  public ChainCheckReport {
    requireNonNull(mode, "mode");
    problems = List.copyOf(problems);
    requireNonNull(elapsed, "elapsed");
    checkArgument(problemCount >= problems.size(), "fewer problems counted than listed");
  }

  /** The report of a check that was not run ({@link ChainCheckMode#OFF}). */
  static ChainCheckReport skipped() {
    return new ChainCheckReport(ChainCheckMode.OFF, 0, 0, 0, 0, List.of(), 0, Duration.ZERO);
  }

  public boolean isConsistent() {
    return problemCount == 0;
  }

  /**
   * One line: {@code consistent (full check): height 5000, 5 blocks, 1000000 txs, 1200000 utxos
   * checked in 9.8 s} or {@code INCONSISTENT (full check): 3 problems; height ...}.
   */
  public String summary() {
    String counts =
        "height %d, %d blocks, %d txs, %d utxos checked in %s s"
            .formatted(height, blocks, txs, utxos, seconds());
    return isConsistent()
        ? "consistent (%s check): %s".formatted(mode, counts)
        : "INCONSISTENT (%s check): %d problem%s; %s"
            .formatted(mode, problemCount, problemCount == 1 ? "" : "s", counts);
  }

  /** The listed problems, one per line, and how many more were found but not listed. */
  public String describeProblems() {
    StringBuilder text = new StringBuilder();
    problems.forEach(problem -> text.append("  ").append(problem).append(System.lineSeparator()));
    if (problemCount > problems.size()) {
      text.append("  ... and %d more%n".formatted(problemCount - problems.size()));
    }
    return text.toString();
  }

  private String seconds() {
    return String.format(Locale.ROOT, "%.1f", elapsed.toNanos() / 1e9);
  }
}
