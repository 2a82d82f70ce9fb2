package io.plasmanode.storage.chain;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.storage.kv.KeyValueStore;
import io.plasmanode.storage.kv.LevelDbKeyValueStore;
import io.plasmanode.storage.kv.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The integrity check of a chain database (an operator's or a watcher's {@link ChainStore}):
 * everything stored must follow from the deposits and the stored blocks. Read-only; other columns
 * in the same database (a watcher's own, a journal) are ignored.
 *
 * <p>The {@linkplain ChainCheckMode#FULL full} check streams the database: {@link ChainStructure}
 * (height, blocks, commit statuses, deposits), then one pass over every stored transaction ({@link
 * BlockReplay}: chunks, decoding, hashes, roots) that recomputes the created outputs and their
 * spenders ({@link UtxoReplay}), then one pass over the UTXO column against them ({@link
 * UtxoComparison}), then one over the owner index ({@link OwnerIndexCheck}) and one over the
 * transaction index ({@link TxIndexCheck}), and the account history ({@link HistoryCheck}: the
 * outputs' owners looked up during the replay, then one pass over the history). It holds 24 bytes
 * per output ever created, 16 per unspent output and 32 per transaction, never the outputs
 * themselves. The {@linkplain ChainCheckMode#QUICK quick} check does the structure and the last
 * block ({@link LastBlockCheck}, and its transactions' and the recent deposits' history entries).
 */
public final class ChainCheck {
  private static final Logger LOG = LoggerFactory.getLogger(ChainCheck.class);

  /** Problems a report lists; the rest are only counted. */
  public static final int DEFAULT_MAX_PROBLEMS = 50;

  /** The operator's database in its data dir (see {@code OperatorNode}). */
  public static final String OPERATOR_DATABASE = "chain";

  /** The watcher's database in its data dir (see {@code WatcherNode}). */
  public static final String WATCHER_DATABASE = "watcher";

  /** Problems a node's refused start lists; {@code plasma db check} lists more. */
  private static final int STARTUP_PROBLEMS_LISTED = 10;

  private ChainCheck() {}

  /**
   * The check a node runs at start on its open {@code database}, before anything else uses it: logs
   * the summary and refuses an inconsistent database.
   *
   * @throws ChainCheckException naming the first problems and the fix
   */
  public static void requireConsistent(KeyValueStore kv, Path database, ChainCheckMode mode) {
    ChainCheckReport report = run(kv, mode, STARTUP_PROBLEMS_LISTED);
    if (!report.isConsistent()) {
      LOG.error("Database {}: {}", database, report.summary());
      throw new ChainCheckException(database, report);
    }
    LOG.info("Database {}: {}", database, report.summary());
  }

  /** Checks the chain in {@code kv}, listing at most {@link #DEFAULT_MAX_PROBLEMS} problems. */
  public static ChainCheckReport run(KeyValueStore kv, ChainCheckMode mode) {
    return run(kv, mode, DEFAULT_MAX_PROBLEMS);
  }

  /**
   * Checks the chain in {@code kv}.
   *
   * @param maxProblems how many problems the report lists (all are counted)
   * @throws StorageException if the store cannot be read at all
   */
  public static ChainCheckReport run(KeyValueStore kv, ChainCheckMode mode, int maxProblems) {
    requireNonNull(kv, "kv");
    requireNonNull(mode, "mode");
    checkArgument(maxProblems > 0, "maxProblems must be positive");
    if (mode == ChainCheckMode.OFF) {
      return ChainCheckReport.skipped();
    }
    long started = System.nanoTime();
    ChainProblems problems = new ChainProblems(maxProblems);
    ChainStructure structure = ChainStructure.read(kv, problems);
    Counts counts =
        mode == ChainCheckMode.FULL
            ? full(kv, structure, problems)
            : quick(kv, structure, problems);
    return new ChainCheckReport(
        mode,
        structure.height(),
        counts.blocks(),
        counts.txs(),
        counts.utxos(),
        problems.kept(),
        problems.count(),
        Duration.ofNanos(System.nanoTime() - started));
  }

  private record Counts(long blocks, long txs, long utxos) {}

  private static Counts full(KeyValueStore kv, ChainStructure structure, ChainProblems problems) {
    BlockIndex blocks = structure.blocks();
    TxHashes hashes = new TxHashes(0, blocks.totalTxs());
    CreatedOutputs created = new CreatedOutputs();
    UtxoReplay utxos = new UtxoReplay(structure.deposits(), created, problems);
    Optional<HistoryCheck> history = HistoryCheck.ifKept(kv, blocks, problems);
    ReplayListener listener = history.map(h -> ReplayListener.both(utxos, h)).orElse(utxos);
    BlockReplay replay = new BlockReplay(kv, blocks, problems, listener, hashes);
    replay.replayAll();
    utxos.finish();
    UtxoComparison comparison = new UtxoComparison(created, problems);
    comparison.run(kv);
    OwnerIndexCheck.run(kv, comparison.unspent(), problems);
    TxIndexCheck.scan(kv, blocks, hashes, problems);
    history.ifPresent(
        check -> {
          check.checkDeposits(structure.deposits(), blknum -> true);
          check.scan(structure.deposits());
        });
    return new Counts(replay.blocksRead(), replay.txsRead(), comparison.compared());
  }

  private static Counts quick(KeyValueStore kv, ChainStructure structure, ChainProblems problems) {
    LastBlockCheck last = new LastBlockCheck(problems);
    int index = structure.lastBlockIndex();
    long blocksRead = 0;
    long txsRead = 0;
    if (index >= 0) {
      BlockIndex blocks = structure.blocks();
      TxHashes hashes = new TxHashes(blocks.firstTx(index), blocks.txCount(index));
      Optional<HistoryCheck> history = HistoryCheck.ifKept(kv, blocks, problems);
      ReplayListener listener = history.map(h -> ReplayListener.both(last, h)).orElse(last);
      BlockReplay replay = new BlockReplay(kv, blocks, problems, listener, hashes);
      replay.replayBlock(index);
      long previous = structure.height() - UtxoPos.CHILD_BLOCK_INTERVAL;
      history.ifPresent(check -> check.checkDeposits(structure.deposits(), n -> n > previous));
      last.checkEffects(kv);
      TxIndexCheck.lookUp(kv, blocks, hashes, problems);
      blocksRead = replay.blocksRead();
      txsRead = replay.txsRead();
    }
    last.checkAround(kv, structure.height(), structure.deposits());
    return new Counts(blocksRead, txsRead, last.utxosRead());
  }

  /** The chain databases present in a data dir: the operator's, the watcher's or both. */
  public static List<Path> databasesIn(Path dataDir) {
    List<Path> found = new ArrayList<>();
    for (String name : List.of(OPERATOR_DATABASE, WATCHER_DATABASE)) {
      if (isDatabase(dataDir.resolve(name))) {
        found.add(dataDir.resolve(name));
      }
    }
    return found;
  }

  private static boolean isDatabase(Path directory) {
    return Files.isRegularFile(directory.resolve("CURRENT"));
  }

  /**
   * Opens the LevelDB database in {@code database} (never creating one), checks it and closes it.
   *
   * @throws StorageException if there is no database there, a running node holds it, or it has
   *     another storage format ({@link StoreFormat})
   */
  public static ChainCheckReport checkDatabase(
      Path database, ChainCheckMode mode, int maxProblems) {
    if (!isDatabase(database)) {
      throw new StorageException("no plasma database at " + database);
    }
    try (LevelDbKeyValueStore kv = LevelDbKeyValueStore.open(database)) {
      StoreFormat.requireReadable(kv, database);
      return run(kv, mode, maxProblems);
    }
  }

  /**
   * Checks every chain database in the data dir of a stopped operator ({@code DIR/chain}) or
   * watcher ({@code DIR/watcher}): the entry point for tools and tests.
   *
   * @return a report per database, in that order
   * @throws StorageException if there is none, or a running node holds one
   */
  public static Map<Path, ChainCheckReport> checkDataDir(Path dataDir, ChainCheckMode mode) {
    List<Path> databases = databasesIn(dataDir);
    if (databases.isEmpty()) {
      throw new StorageException(
          "no plasma database in %s: expected %s (an operator's) or %s (a watcher's)"
              .formatted(
                  dataDir, dataDir.resolve(OPERATOR_DATABASE), dataDir.resolve(WATCHER_DATABASE)));
    }
    Map<Path, ChainCheckReport> reports = new LinkedHashMap<>();
    for (Path database : databases) {
      reports.put(database, checkDatabase(database, mode, DEFAULT_MAX_PROBLEMS));
    }
    return reports;
  }
}
