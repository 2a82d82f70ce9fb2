package io.plasmanode.storage.chain;

import static io.plasmanode.storage.chain.ChainFixture.transfer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.plasmanode.core.ledger.PendingBlock;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.storage.chain.ChainProblem.Kind;
import io.plasmanode.storage.kv.ColumnId;
import io.plasmanode.storage.kv.CountingKeyValueStore;
import io.plasmanode.storage.kv.KeyValueStore;
import io.plasmanode.storage.kv.LevelDbKeyValueStore;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ChainCheck} on a big LevelDB chain written through {@link ChainStore#commitBlock} with
 * core's {@link PendingBlock}: 999 deposits, then full blocks (at least four) of one-input,
 * two-output transfers (so about one more unspent output per transaction), some exits, half the
 * blocks committed. Both checks find it consistent, the quick one reads the last block's entries
 * only (counted, not timed), the full one finds one damaged entry in the middle, and the figures
 * are printed.
 *
 * <p>CI: 20,000 transactions. The size: {@code -Dplasma.dbcheck.txs=1000000} (also {@code
 * -Dplasma.dbcheck.dir=DIR} to keep the database).
 */
class ChainCheckScaleIT {
  private static final int TXS = Integer.getInteger("plasma.dbcheck.txs", 20_000);
  private static final int DEPOSITS = 999;

  /**
   * Transfers per block: full blocks, but at least four blocks (5,000 txs each in CI), so the quick
   * check has an earlier chain to leave alone.
   */
  private static final int BLOCK_TXS = Math.min(UtxoPos.MAX_TXS_PER_BLOCK, Math.max(1, TXS / 4));

  private static final BigInteger START = BigInteger.TEN.pow(30);

  @TempDir Path tempDir;

  @Test
  void bigChain_isConsistent_andOneDamagedEntryIsFound() {
    Path database =
        Path.of(System.getProperty("plasma.dbcheck.dir", tempDir.toString())).resolve("chain");
    long started = System.nanoTime();
    UtxoPos spentInTheMiddle;
    try (LevelDbKeyValueStore kv = LevelDbKeyValueStore.open(database)) {
      spentInTheMiddle = write(new ChainStore(kv), TXS);
    }
    print("wrote %d txs in %s", TXS, since(started));

    CountingKeyValueStore fullReads;
    CountingKeyValueStore quickReads;
    ChainCheckReport full;
    ChainCheckReport quick;
    try (LevelDbKeyValueStore kv = LevelDbKeyValueStore.open(database)) {
      fullReads = new CountingKeyValueStore(kv);
      full = ChainCheck.run(fullReads, ChainCheckMode.FULL, 10);
      print("full:  %s (heap used after: %d MB)", full.summary(), usedHeapMegabytes());
      print("full read:  %s", fullReads.describe());
      quickReads = new CountingKeyValueStore(kv);
      quick = ChainCheck.run(quickReads, ChainCheckMode.QUICK, 10);
      print("quick: %s", quick.summary());
      print("quick read: %s", quickReads.describe());
    }

    assertThat(full.problems()).isEmpty();
    assertThat(full.txs()).isEqualTo(TXS);
    assertThat(full.utxos()).isGreaterThan(2L * TXS);
    assertThat(quick.problems()).isEmpty();
    assertQuickReadsTheLastBlockOnly(quick, quickReads, full, fullReads);

    byte[] key = ChainColumns.UTXOS.key(spentInTheMiddle);
    byte[] original;
    try (LevelDbKeyValueStore kv = LevelDbKeyValueStore.open(database)) {
      original = kv.get(key).orElseThrow();
      TestChains.reviveSpentOutput(kv, spentInTheMiddle);
    }
    ChainCheckReport damaged = ChainCheck.checkDatabase(database, ChainCheckMode.FULL, 10);
    assertThat(damaged.problems())
        .extracting(ChainProblem::kind, ChainProblem::where)
        .containsExactly(
            tuple(Kind.UTXO_STATUS_MISMATCH, "utxo " + ChainProblem.pos(spentInTheMiddle)),
            tuple(Kind.OWNER_INDEX_MISSING, "utxo " + ChainProblem.pos(spentInTheMiddle)));
    try (LevelDbKeyValueStore kv = LevelDbKeyValueStore.open(database)) {
      try (KeyValueStore.Transaction tx = kv.startTransaction()) {
        tx.put(key, original); // repaired, for OperatorDbCheckIT's timed restarts on it
        tx.commit();
      }
    }
  }

  /**
   * The quick check's work, not its time (a timed assertion fails on a loaded machine): it replays
   * the last block alone and reads each big column's entries of that block only, never the column
   * through, while the full check scans every UTXO.
   */
  private static void assertQuickReadsTheLastBlockOnly(
      ChainCheckReport quick,
      CountingKeyValueStore quickReads,
      ChainCheckReport full,
      CountingKeyValueStore fullReads) {
    int lastBlockTxs = TXS % BLOCK_TXS == 0 ? BLOCK_TXS : TXS % BLOCK_TXS;
    assertThat(quick.blocks()).isEqualTo(1);
    assertThat(quick.txs()).isEqualTo(lastBlockTxs);
    // A transfer of the last block: its input, its two outputs; plus a few entries around it.
    long lastBlockBound = 3L * lastBlockTxs + 16;
    assertThat(fullReads.scanned(ColumnId.UTXOS))
        .isEqualTo(full.utxos())
        .isGreaterThan(2 * lastBlockBound);
    for (ColumnId column :
        List.of(ColumnId.UTXOS, ColumnId.OWNER_UTXOS, ColumnId.TX_INDEX, ColumnId.HISTORY)) {
      assertThat(quickReads.gets(column) + quickReads.scanned(column))
          .as("entries of %s the quick check read: %s", column, quickReads.describe())
          .isLessThanOrEqualTo(lastBlockBound);
    }
    assertThat(quickReads.scanned(ColumnId.BLOCK_TXS))
        .isLessThan(fullReads.scanned(ColumnId.BLOCK_TXS));
  }

  /**
   * Writes the chain.
   *
   * @return an output of a block in the middle that a later transaction spent
   */
  private static UtxoPos write(ChainStore chain, int txCount) {
    Random random = new Random(42);
    List<Address> owners = IntStream.range(1, 65).mapToObj(ChainFixture::address).toList();
    ArrayDeque<Utxo> unspent = new ArrayDeque<>();
    for (long blknum = 1; blknum <= DEPOSITS; blknum++) {
      Utxo deposit =
          new Utxo(
              new UtxoPos(blknum, 0, 0),
              new Output(owners.get(random.nextInt(owners.size())), ChainFixture.ETH, START));
      chain.applyDeposit(deposit, blknum);
      unspent.add(deposit);
    }
    UtxoPos middle = null;
    int written = 0;
    for (long blknum = 1000; written < txCount; blknum += 1000) {
      PendingBlock block = new PendingBlock(chain, blknum);
      int size = Math.min(BLOCK_TXS, txCount - written);
      for (int i = 0; i < size; i++) {
        Utxo input = unspent.poll();
        if (middle == null && written + i >= txCount / 2) {
          middle = input.pos();
        }
        BigInteger half = input.output().amount().shiftRight(1);
        Address to = owners.get(random.nextInt(owners.size()));
        assertThat(
                block
                    .add(
                        transfer(
                            List.of(input.pos()),
                            List.of(
                                new Output(to, ChainFixture.ETH, half),
                                new Output(
                                    input.output().owner(),
                                    ChainFixture.ETH,
                                    input.output().amount().subtract(half))),
                            List.of(input.output().owner())))
                    .isValid())
            .isTrue();
        unspent.add(new Utxo(new UtxoPos(blknum, i, 0), new Output(to, ChainFixture.ETH, half)));
        unspent.add(
            new Utxo(
                new UtxoPos(blknum, i, 1),
                new Output(
                    input.output().owner(),
                    ChainFixture.ETH,
                    input.output().amount().subtract(half))));
      }
      chain.commitBlock(ChainFixture.stored(block), block.delta());
      written += size;
      if (blknum % 2000 == 0) {
        chain.markCommitted(blknum, Hash32.fromHex("0x" + "cd".repeat(32)));
      }
      chain.markExiting(unspent.pollLast().pos());
      Utxo deposit =
          new Utxo(
              new UtxoPos(blknum + 1, 0, 0),
              new Output(owners.getFirst(), ChainFixture.ETH, START));
      chain.applyDeposit(deposit, blknum);
      unspent.add(deposit);
    }
    return middle;
  }

  private static long usedHeapMegabytes() {
    Runtime runtime = Runtime.getRuntime();
    return (runtime.totalMemory() - runtime.freeMemory()) >> 20;
  }

  private static String since(long startedNanos) {
    return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startedNanos) / 1e9);
  }

  private static void print(String format, Object... args) {
    System.out.println("[db check] " + format.formatted(args));
  }
}
