package io.plasmanode.storage.kv;

import static com.google.common.base.Preconditions.checkState;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.fusesource.leveldbjni.JniDBFactory;
import org.iq80.leveldb.CompressionType;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.DBException;
import org.iq80.leveldb.DBIterator;
import org.iq80.leveldb.Options;
import org.iq80.leveldb.WriteBatch;
import org.iq80.leveldb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link KeyValueStore} on LevelDB through leveldbjni. Every operation holds a shared lock and
 * {@link #close()} the exclusive one, so closing waits for reads and commits in flight and native
 * handles are never used after they are freed.
 */
public final class LevelDbKeyValueStore implements KeyValueStore {
  private static final Logger LOG = LoggerFactory.getLogger(LevelDbKeyValueStore.class);

  /** Block cache: the UTXO set and recent blocks are read far more often than written. */
  static final long CACHE_BYTES = 64L * 1024 * 1024;

  /** Memtable size: a full block (65,536 txs) fits in one memtable before it is flushed. */
  static final int WRITE_BUFFER_BYTES = 64 * 1024 * 1024;

  private static final WriteOptions DURABLE = new WriteOptions().sync(true);

  private final Path dataDir;
  private final DB db;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final Set<LevelDbTransaction> openTransactions = ConcurrentHashMap.newKeySet();
  private boolean closed;

  private LevelDbKeyValueStore(Path dataDir, DB db) {
    this.dataDir = dataDir;
    this.db = db;
  }

  /**
   * Opens (creating if missing) the database in {@code dataDir}.
   *
   * @throws StorageException if another process (or another store in this one) holds the directory,
   *     or it cannot be created or read
   */
  public static LevelDbKeyValueStore open(Path dataDir) {
    return open(dataDir, CACHE_BYTES, WRITE_BUFFER_BYTES);
  }

  /**
   * As {@link #open(Path)}, with a block cache of {@code cacheBytes} and a memtable of {@code
   * writeBufferBytes} (for a small store such as the journal of accepted transactions).
   */
  public static LevelDbKeyValueStore open(Path dataDir, long cacheBytes, int writeBufferBytes) {
    try {
      Files.createDirectories(dataDir);
      DB db = openRecovering(dataDir, cacheBytes, writeBufferBytes);
      LOG.info("Opened LevelDB at {}", dataDir);
      return new LevelDbKeyValueStore(dataDir, db);
    } catch (IOException | DBException e) {
      throw openFailure(dataDir, e);
    }
  }

  /**
   * Opens with paranoid checks. A process killed in the middle of a large write (a block's batch is
   * megabytes) leaves a torn record at the end of LevelDB's log, and paranoid checks refuse it as
   * corruption; that write never completed, so it was never acknowledged. Then the database is
   * recovered once without paranoid checks (LevelDB drops the torn tail, writes what it recovered
   * to a table and starts a new log) and opened again with them. The node's start checks (database
   * check, L1 reconciliation, journal replay) then vouch for what was recovered.
   */
  private static DB openRecovering(Path dataDir, long cacheBytes, int writeBufferBytes)
      throws IOException {
    try {
      return JniDBFactory.factory.open(
          dataDir.toFile(), options(cacheBytes, writeBufferBytes, true));
    } catch (IOException | DBException e) { // leveldbjni reports a failed open as IOException
      if (!String.valueOf(e.getMessage()).contains("Corruption")) {
        throw e;
      }
      LOG.warn(
          "LevelDB at {} did not open cleanly ({}): the last write before a crash was torn;"
              + " recovering what was written before it",
          dataDir,
          e.getMessage());
      JniDBFactory.factory
          .open(dataDir.toFile(), options(cacheBytes, writeBufferBytes, false))
          .close();
      return JniDBFactory.factory.open(
          dataDir.toFile(), options(cacheBytes, writeBufferBytes, true));
    }
  }

  private static Options options(long cacheBytes, int writeBufferBytes, boolean paranoid) {
    return new Options()
        .createIfMissing(true)
        .cacheSize(cacheBytes)
        .writeBufferSize(writeBufferBytes)
        .compressionType(CompressionType.NONE)
        .paranoidChecks(paranoid);
  }

  private static StorageException openFailure(Path dataDir, Exception cause) {
    String message = String.valueOf(cause.getMessage());
    if (message.contains("LOCK")) {
      return new StorageException(
          "data dir %s is in use by another plasma process; stop that process or choose another data dir"
              .formatted(dataDir),
          cause);
    }
    return new StorageException("cannot open LevelDB at %s: %s".formatted(dataDir, message), cause);
  }

  @Override
  public Optional<byte[]> get(byte[] key) {
    return whileOpen(() -> Optional.ofNullable(db.get(key)));
  }

  @Override
  public void forEachWithPrefix(byte[] prefix, EntryVisitor visitor) {
    whileOpen(
        () -> {
          scan(prefix, visitor);
          return null;
        });
  }

  private void scan(byte[] prefix, EntryVisitor visitor) {
    try (DBIterator iterator = db.iterator()) {
      iterator.seek(prefix);
      while (iterator.hasNext()) {
        Map.Entry<byte[], byte[]> entry = iterator.next();
        if (!KeyPrefix.startsWith(entry.getKey(), prefix)) {
          return;
        }
        visitor.visit(entry.getKey(), entry.getValue());
      }
    } catch (IOException e) {
      throw new StorageException("cannot close a LevelDB iterator in " + dataDir, e);
    }
  }

  @Override
  public void scanFrom(byte[] prefix, byte[] from, EntryScanner scanner) {
    KeyPrefix.requireWithin(prefix, from);
    whileOpen(
        () -> {
          scanRange(prefix, from, scanner);
          return null;
        });
  }

  private void scanRange(byte[] prefix, byte[] from, EntryScanner scanner) {
    try (DBIterator iterator = db.iterator()) {
      iterator.seek(from);
      while (iterator.hasNext()) {
        Map.Entry<byte[], byte[]> entry = iterator.next();
        if (!KeyPrefix.startsWith(entry.getKey(), prefix)
            || !scanner.visit(entry.getKey(), entry.getValue())) {
          return;
        }
      }
    } catch (IOException e) {
      throw new StorageException("cannot close a LevelDB iterator in " + dataDir, e);
    }
  }

  @Override
  public Transaction startTransaction() {
    return whileOpen(
        () -> {
          LevelDbTransaction transaction = new LevelDbTransaction(db.createWriteBatch());
          openTransactions.add(transaction);
          return transaction;
        });
  }

  @Override
  public void close() {
    Lock exclusive = lock.writeLock();
    exclusive.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      openTransactions.forEach(LevelDbTransaction::close);
      db.close();
      LOG.info("Closed LevelDB at {}", dataDir);
    } catch (IOException | DBException e) {
      throw new StorageException("cannot close LevelDB at " + dataDir, e);
    } finally {
      exclusive.unlock();
    }
  }

  /** Runs {@code action} under the shared lock, converting LevelDB's failures. */
  private <T> T whileOpen(Supplier<T> action) {
    Lock shared = lock.readLock();
    shared.lock();
    try {
      if (closed) {
        throw new StorageException("the LevelDB store at %s is closed".formatted(dataDir));
      }
      return action.get();
    } catch (DBException e) {
      throw new StorageException("LevelDB failure in " + dataDir + ": " + e.getMessage(), e);
    } finally {
      shared.unlock();
    }
  }

  private final class LevelDbTransaction implements Transaction {
    private final WriteBatch batch;
    private boolean done;

    private LevelDbTransaction(WriteBatch batch) {
      this.batch = batch;
    }

    @Override
    public void put(byte[] key, byte[] value) {
      whileOpen(() -> checkPending().put(key, value));
    }

    @Override
    public void delete(byte[] key) {
      whileOpen(() -> checkPending().delete(key));
    }

    private WriteBatch checkPending() {
      checkState(!done, "transaction already committed or closed");
      return batch;
    }

    @Override
    public void commit() {
      try {
        whileOpen(() -> db.write(checkPending(), DURABLE));
      } finally {
        close();
      }
    }

    @Override
    public void close() {
      if (done) {
        return;
      }
      done = true;
      openTransactions.remove(this);
      try {
        batch.close();
      } catch (IOException e) {
        LOG.warn("Cannot release a LevelDB write batch", e);
      }
    }
  }
}
