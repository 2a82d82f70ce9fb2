package io.plasmanode.bench.storage;

import io.plasmanode.bench.fixture.TransferBlocks;
import io.plasmanode.core.ledger.BlockApplier;
import io.plasmanode.core.ledger.InMemoryUtxoSet;
import io.plasmanode.core.ledger.UtxoDelta;
import io.plasmanode.core.ledger.VerifiedTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.chain.StoredBlock;
import io.plasmanode.storage.kv.LevelDbKeyValueStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code ChainStore.commitBlock} of a full block into LevelDB: the block, its transaction index and
 * its UTXO changes in one synced write batch, as the operator closes a block. Each iteration opens
 * a fresh database holding block 1000 (whose outputs the measured block 2000 spends), so one
 * iteration is one commit; the database is deleted afterwards.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(
    value = 1,
    jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx4g"})
public class ChainStoreCommitBenchmark {
  private static final long FUNDING_BLKNUM = 1000;
  private static final long BLKNUM = 2000;

  /** Transfers in the block; 65,536 fills it. */
  @Param({"65536"})
  public int txs;

  /** Inputs (and outputs) per transfer. */
  @Param({"1"})
  public int inputs;

  /**
   * Where the temporary databases go (default: java.io.tmpdir). Point it at the operator's disk:
   * the synced write is what this measures.
   */
  @Param({""})
  public String parentDir;

  private StoredBlock funding;
  private UtxoDelta fundingDelta;
  private StoredBlock block;
  private UtxoDelta delta;
  private Path dataDir;
  private LevelDbKeyValueStore store;
  private ChainStore chain;

  @Setup(Level.Trial)
  public void buildBlocks() {
    // Block 1000 spends outputs that the store does not know (it only marks them spent).
    InMemoryUtxoSet utxos = new InMemoryUtxoSet();
    utxos.apply(TransferBlocks.spendable(FUNDING_BLKNUM - 1, txs, inputs));
    List<VerifiedTransaction> fundingTxs = TransferBlocks.verified(FUNDING_BLKNUM - 1, txs, inputs);
    fundingDelta = applied(utxos, FUNDING_BLKNUM, fundingTxs);
    funding = stored(FUNDING_BLKNUM, fundingTxs);

    utxos.apply(fundingDelta);
    List<VerifiedTransaction> blockTxs = TransferBlocks.verified(FUNDING_BLKNUM, txs, inputs);
    delta = applied(utxos, BLKNUM, blockTxs);
    block = stored(BLKNUM, blockTxs);
  }

  @Setup(Level.Iteration)
  public void openStoreWithFundingBlock() throws IOException {
    Path parent =
        parentDir.isEmpty() ? Path.of(System.getProperty("java.io.tmpdir")) : Path.of(parentDir);
    dataDir = Files.createTempDirectory(parent, "plasma-bench-leveldb-");
    store = LevelDbKeyValueStore.open(dataDir);
    chain = new ChainStore(store);
    chain.commitBlock(funding, fundingDelta);
  }

  @Benchmark
  public long commitBlock() {
    chain.commitBlock(block, delta);
    return chain.height();
  }

  @TearDown(Level.Iteration)
  public void deleteStore() throws IOException {
    store.close();
    try (Stream<Path> files = Files.walk(dataDir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  private static UtxoDelta applied(
      InMemoryUtxoSet utxos, long blknum, List<VerifiedTransaction> txs) {
    return BlockApplier.apply(utxos, blknum, txs).get();
  }

  private static StoredBlock stored(long blknum, List<VerifiedTransaction> txs) {
    List<SignedTransaction> signed = txs.stream().map(VerifiedTransaction::signed).toList();
    return StoredBlock.of(blknum, signed, Instant.ofEpochSecond(1_700_000_000L));
  }
}
