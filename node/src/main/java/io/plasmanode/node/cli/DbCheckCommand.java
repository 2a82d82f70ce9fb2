package io.plasmanode.node.cli;

import io.plasmanode.storage.chain.ChainCheck;
import io.plasmanode.storage.chain.ChainCheckMode;
import io.plasmanode.storage.chain.ChainCheckReport;
import io.plasmanode.storage.chain.ChainProblem;
import io.plasmanode.storage.kv.StorageException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code plasma db check}: the integrity check of a stopped node's chain database. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ConfigDefaultProvider.class,
    description = {
      "Checks that a stopped operator's or watcher's database is consistent: recomputes the UTXO"
          + " set from the deposits and every stored block and compares it, the owner and"
          + " transaction indexes, every block's root and transaction count, the height and the"
          + " commit statuses with what is stored. Prints one summary line per database and exits"
          + " 0 when consistent; lists the problems and exits 1 otherwise.",
      "The node must be stopped: a running node holds its database and is refused."
    },
    footer = ConfigDefaultProvider.FOOTER)
final class DbCheckCommand extends CliCommand {
  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      required = true,
      description =
          "The node's data dir: an operator's database is DIR/chain, a watcher's DIR/watcher"
              + " (both are checked when both exist).")
  Path dataDir;

  @Option(
      names = "--quick",
      description =
          "Only what the operator checks at start: the height, blocks and commit statuses, and"
              + " the last block's effects.")
  boolean quick;

  @Option(
      names = "--max-problems",
      paramLabel = "N",
      defaultValue = "" + ChainCheck.DEFAULT_MAX_PROBLEMS,
      description = "Problems listed per database; all are counted (default: ${DEFAULT-VALUE}).")
  int maxProblems;

  @Override
  protected void run() {
    if (maxProblems < 1) {
      throw new ParameterException(spec.commandLine(), "--max-problems must be at least 1");
    }
    List<Path> databases = ChainCheck.databasesIn(dataDir);
    if (databases.isEmpty()) {
      throw new CliException(
          ("no plasma database in %s: expected %s (an operator's) or %s (a watcher's); is"
                  + " --data-dir the directory given to the node?")
              .formatted(
                  dataDir,
                  dataDir.resolve(ChainCheck.OPERATOR_DATABASE),
                  dataDir.resolve(ChainCheck.WATCHER_DATABASE)));
    }
    Map<Path, ChainCheckReport> reports = new LinkedHashMap<>();
    for (Path database : databases) {
      reports.put(database, check(database));
    }
    print(human(reports), json(reports));
    long inconsistent = reports.values().stream().filter(r -> !r.isConsistent()).count();
    if (inconsistent > 0) {
      throw new CliException(
          ("%d database%s inconsistent: do not start the node on it; restore the data dir from a"
                  + " backup taken while the node was stopped (or resync it)")
              .formatted(inconsistent, inconsistent == 1 ? " is" : "s are"));
    }
  }

  private ChainCheckReport check(Path database) {
    try {
      return ChainCheck.checkDatabase(
          database, quick ? ChainCheckMode.QUICK : ChainCheckMode.FULL, maxProblems);
    } catch (StorageException e) {
      throw new CliException("cannot check " + database + ": " + e.getMessage(), e);
    }
  }

  private static String human(Map<Path, ChainCheckReport> reports) {
    StringBuilder text = new StringBuilder();
    reports.forEach(
        (database, report) -> {
          if (!text.isEmpty()) {
            text.append(System.lineSeparator());
          }
          text.append(database).append(": ").append(report.summary());
          if (!report.isConsistent()) {
            text.append(System.lineSeparator()).append(report.describeProblems().stripTrailing());
          }
        });
    return text.toString();
  }

  private static List<Map<String, Object>> json(Map<Path, ChainCheckReport> reports) {
    List<Map<String, Object>> json = new ArrayList<>();
    reports.forEach(
        (database, report) -> {
          Map<String, Object> entry = new LinkedHashMap<>();
          entry.put("database", database.toString());
          entry.put("consistent", report.isConsistent());
          entry.put("mode", report.mode().toString());
          entry.put("height", report.height());
          entry.put("blocks", report.blocks());
          entry.put("txs", report.txs());
          entry.put("utxos", report.utxos());
          entry.put("seconds", report.elapsed().toMillis() / 1000.0);
          entry.put("problemCount", report.problemCount());
          entry.put("problems", report.problems().stream().map(DbCheckCommand::json).toList());
          json.add(entry);
        });
    return json;
  }

  private static Map<String, String> json(ChainProblem problem) {
    Map<String, String> entry = new LinkedHashMap<>();
    entry.put("kind", problem.kind().code());
    entry.put("where", problem.where());
    entry.put("detail", problem.detail());
    return entry;
  }
}
