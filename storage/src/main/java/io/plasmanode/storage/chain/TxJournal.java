package io.plasmanode.storage.chain;

import static java.util.Objects.requireNonNull;

import io.plasmanode.storage.kv.ColumnId;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import io.plasmanode.storage.kv.KeyValueStore;
import io.plasmanode.storage.kv.KvColumn;
import io.plasmanode.storage.kv.LevelDbKeyValueStore;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * The operator's write-ahead journal of accepted transactions: what it acknowledged but has not
 * stored in a block yet (the open block and closed blocks still being written). It lives in its own
 * store, apart from the {@link ChainStore}, so that a small synced append never waits behind a
 * block's large write. A block's entries are deleted once the block is stored; entries of blocks at
 * or below the chain's height are obsolete whenever they are found.
 *
 * <p>Keys are {@code (blknum, first txindex)}, so a scan returns entries in acceptance order. The
 * producer appends entries in that order from one thread, each append synced, so what survives a
 * crash is a prefix of what was accepted: no acknowledged transaction is missing from the middle.
 * Thread-safe.
 */
public final class TxJournal implements AutoCloseable {
  private static final KvColumn<TxLocation, List<JournaledTxs.Tx>> ENTRIES =
      new KvColumn<>(
          ColumnId.JOURNAL_ENTRIES.id(),
          "journal",
          TxLocationSerializer.INSTANCE,
          JournaledTxsSerializer.INSTANCE);

  private final KeyValueStore store;

  public TxJournal(KeyValueStore store) {
    this.store = requireNonNull(store, "store");
  }

  /**
   * Opens (creating if missing) the journal kept in LevelDB at {@code dir}: a 16 MB memtable (a few
   * seconds of full load; entries live about a block interval) and an 8 MB cache (it is read only
   * at start). Refuses a journal of another storage format ({@link StoreFormat}).
   */
  public static TxJournal open(Path dir) {
    LevelDbKeyValueStore kv = LevelDbKeyValueStore.open(dir, 8L << 20, 16 << 20);
    try {
      StoreFormat.requireCurrent(kv, dir);
    } catch (RuntimeException e) {
      kv.close();
      throw e;
    }
    return new TxJournal(kv);
  }

  /** A journal that does not survive the process: for tests and tools on an in-memory chain. */
  public static TxJournal inMemory() {
    return new TxJournal(new InMemoryKeyValueStore());
  }

  /** Appends entries in one atomic, synced write: when this returns they survive a crash. */
  public void append(List<JournaledTxs> entries) {
    if (entries.isEmpty()) {
      return;
    }
    try (KeyValueStore.Transaction tx = store.startTransaction()) {
      for (JournaledTxs entry : entries) {
        ENTRIES.put(tx, new TxLocation(entry.blknum(), entry.firstTxindex()), entry.txs());
      }
      tx.commit();
    }
  }

  /**
   * Deletes the entries of child block {@code blknum} that start at {@code firstTxindexes}, once
   * the block is stored (by key: no read).
   */
  public void forget(long blknum, Collection<Integer> firstTxindexes) {
    if (firstTxindexes.isEmpty()) {
      return;
    }
    try (KeyValueStore.Transaction tx = store.startTransaction()) {
      firstTxindexes.forEach(first -> ENTRIES.delete(tx, new TxLocation(blknum, first)));
      tx.commit();
    }
  }

  /** Deletes every entry of blocks up to and including {@code height} (a scan: for the start). */
  public void forgetThrough(long height) {
    List<byte[]> keys = new ArrayList<>();
    store.forEachWithPrefix(
        new byte[] {ENTRIES.id()},
        (key, value) -> {
          if (ByteBuffer.wrap(key, 1, Long.BYTES).getLong() <= height) {
            keys.add(key);
          }
        });
    if (keys.isEmpty()) {
      return;
    }
    try (KeyValueStore.Transaction tx = store.startTransaction()) {
      keys.forEach(tx::delete);
      tx.commit();
    }
  }

  /** Calls {@code visitor} with every entry of a block above {@code height}, in key order. */
  public void forEachAbove(long height, Consumer<JournaledTxs> visitor) {
    ENTRIES.forEach(
        store,
        (location, txs) -> {
          if (location.blknum() > height) {
            visitor.accept(new JournaledTxs(location.blknum(), location.txindex(), txs));
          }
        });
  }

  @Override
  public void close() {
    store.close();
  }
}
