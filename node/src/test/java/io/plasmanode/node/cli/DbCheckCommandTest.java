package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.storage.chain.TestChains;
import io.plasmanode.storage.kv.LevelDbKeyValueStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code plasma db check} on operator and watcher data dirs written with {@link TestChains}. */
class DbCheckCommandTest {
  @TempDir Path home;
  @TempDir Path dataDir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private void writeChain(String database) {
    try (LevelDbKeyValueStore kv = LevelDbKeyValueStore.open(dataDir.resolve(database))) {
      TestChains.writeConsistentChain(kv);
    }
  }

  private void damage(String database) {
    try (LevelDbKeyValueStore kv = LevelDbKeyValueStore.open(dataDir.resolve(database))) {
      TestChains.reviveSpentOutput(kv, new UtxoPos(1000, 0, 0));
    }
  }

  @Test
  void consistentOperatorDatabase_printsOneSummaryLineAndExits0() {
    writeChain("chain");

    assertThat(run("db", "check", "--data-dir", dataDir.toString())).as(err.toString()).isZero();

    assertThat(out.toString().strip())
        .startsWith(
            dataDir.resolve("chain")
                + ": consistent (full check): height 3000, 3 blocks, 5 txs, 11 utxos checked in ")
        .endsWith(" s")
        .doesNotContain("\n");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void damagedDatabase_listsTheProblemsAndExits1() {
    writeChain("chain");
    damage("chain");

    assertThat(run("db", "check", "--data-dir", dataDir.toString())).isEqualTo(1);

    assertThat(out.toString())
        .contains("INCONSISTENT (full check): 2 problems; height 3000")
        .contains("  utxo 1000:0:0 stored unspent but spent by 1000:1 [utxo_status_mismatch]")
        .contains("utxo 1000:0:0 is unspent but missing from the owner index of");
    assertThat(err.toString())
        .contains("plasma: 1 database is inconsistent: do not start the node on it; restore")
        .doesNotContain("Exception");
  }

  @Test
  void damagedHistory_isFound_andADataDirFromBeforeTheHistoryIsNamedSo() {
    writeChain("chain");
    writeChain("watcher");
    try (LevelDbKeyValueStore kv = LevelDbKeyValueStore.open(dataDir.resolve("chain"))) {
      TestChains.forgetHistory(kv);
    }
    try (LevelDbKeyValueStore kv = LevelDbKeyValueStore.open(dataDir.resolve("watcher"))) {
      TestChains.forgetHistoryEntry(kv, Address.fromHex("0x" + "a1".repeat(20)), 3000, 0);
    }

    assertThat(run("db", "check", "--quick", "--data-dir", dataDir.toString())).isEqualTo(1);

    assertThat(out.toString())
        .contains("written before the account history (plasma_getTransactions) existed")
        .contains("[history_not_kept]")
        .contains("has no entry for 3000:0, although it received an output of tx 3000:0")
        .contains("[history_missing]");
  }

  @Test
  void quick_readsOnlyTheLastBlock() {
    writeChain("chain");
    damage("chain");

    assertThat(run("db", "check", "--quick", "--data-dir", dataDir.toString())).isZero();
    assertThat(out.toString()).contains("consistent (quick check): height 3000, 1 blocks, 1 txs");
  }

  @Test
  void watcherDatabase_isCheckedToo_andJsonSaysWhatWasFound() throws Exception {
    writeChain("chain");
    writeChain("watcher");
    damage("watcher");

    assertThat(run("db", "check", "--json", "--data-dir", dataDir.toString())).isEqualTo(1);

    JsonNode reports = CliCommand.JSON.readTree(out.toString());
    assertThat(reports).hasSize(2);
    assertThat(reports.get(0).get("database").asText())
        .isEqualTo(dataDir.resolve("chain").toString());
    assertThat(reports.get(0).get("consistent").asBoolean()).isTrue();
    assertThat(reports.get(0).get("txs").asLong()).isEqualTo(5);
    JsonNode watcher = reports.get(1);
    assertThat(watcher.get("database").asText()).isEqualTo(dataDir.resolve("watcher").toString());
    assertThat(watcher.get("consistent").asBoolean()).isFalse();
    assertThat(watcher.get("problemCount").asLong()).isEqualTo(2);
    assertThat(watcher.get("problems").get(0).get("kind").asText())
        .isEqualTo("utxo_status_mismatch");
    assertThat(watcher.get("problems").get(0).get("where").asText()).isEqualTo("utxo 1000:0:0");
  }

  @Test
  void missingDatabase_isRefusedWithoutCreatingOne() {
    assertThat(run("db", "check", "--data-dir", dataDir.resolve("nowhere").toString()))
        .isEqualTo(1);

    assertThat(err.toString())
        .contains("plasma: no plasma database in " + dataDir.resolve("nowhere"))
        .contains("expected " + dataDir.resolve("nowhere").resolve("chain"));
    assertThat(dataDir.resolve("nowhere")).doesNotExist();
  }

  @Test
  void databaseOfARunningNode_isRefused() {
    writeChain("chain");
    try (LevelDbKeyValueStore running = LevelDbKeyValueStore.open(dataDir.resolve("chain"))) {
      assertThat(run("db", "check", "--data-dir", dataDir.toString())).isEqualTo(1);
    }

    assertThat(err.toString())
        .contains("plasma: cannot check " + dataDir.resolve("chain"))
        .contains("is in use by another plasma process; stop that process");
  }

  @Test
  void missingDataDirOption_isAUsageError() {
    assertThat(run("db", "check")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required option: '--data-dir=DIR'");
    assertThat(run("db", "check", "--data-dir", dataDir.toString(), "--max-problems", "0"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--max-problems must be at least 1");
    assertThat(run("db")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing command: see plasma db --help");
  }

  private int run(String... args) {
    CommandLine cli = new CommandLine(new PlasmaCli(Map.of(), home));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }
}
