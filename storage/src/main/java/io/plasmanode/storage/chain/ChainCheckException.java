package io.plasmanode.storage.chain;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * A node refuses to start: its chain database is internally inconsistent ({@link ChainCheck}).
 * Running on it could serve or commit a chain that does not follow from its own blocks.
 */
public final class ChainCheckException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ChainCheckReport report;

  public ChainCheckException(Path database, ChainCheckReport report) {
    super(message(database, report));
    this.report = requireNonNull(report, "report");
  }

  public ChainCheckReport report() {
    return report;
  }

  private static String message(Path database, ChainCheckReport report) {
    return ("the database %s is inconsistent, %s%n%sRestore the data dir from a backup taken while"
            + " the node was stopped (or resync it), then check it with `plasma db check"
            + " --data-dir %s`. --check-db=off starts anyway, at the risk of forking the chain.")
        .formatted(
            database,
            report.summary(),
            report.describeProblems(),
            database.getParent() == null ? database : database.getParent());
  }
}
