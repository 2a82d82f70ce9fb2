package io.plasmanode.storage.kv;

import io.plasmanode.storage.chain.ChainStore;
import java.util.Optional;

/**
 * The byte-level storage port: ordered keys (unsigned lexicographic), point reads, prefix scans and
 * atomic write batches. Domain stores such as {@link ChainStore} sit on top through {@link
 * KvColumn}s. Implementations are thread-safe; after {@link #close()} every method except {@code
 * close} throws {@link StorageException}.
 */
public interface KeyValueStore extends AutoCloseable {

  /** The value stored at {@code key}, if any. */
  Optional<byte[]> get(byte[] key);

  /**
   * Calls {@code visitor} with every entry whose key starts with {@code prefix}, in ascending
   * unsigned byte order of keys. The visitor must not close this store.
   */
  void forEachWithPrefix(byte[] prefix, EntryVisitor visitor);

  /**
   * Calls {@code scanner} with the entries whose key starts with {@code prefix} and is not below
   * {@code from}, in ascending unsigned byte order of keys, until it returns false: a page of a
   * long prefix read without visiting what comes before or after it. The scanner must not close
   * this store.
   *
   * @param from where to start; must itself start with {@code prefix}
   */
  void scanFrom(byte[] prefix, byte[] from, EntryScanner scanner);

  /**
   * Starts a transaction: writes are buffered and become visible all at once on {@link
   * Transaction#commit()}.
   */
  Transaction startTransaction();

  /** Releases the store; open transactions are discarded. Idempotent. */
  @Override
  void close();

  /** Receives the entries of a prefix scan; the arrays belong to the visitor. */
  @FunctionalInterface
  interface EntryVisitor {
    void visit(byte[] key, byte[] value);
  }

  /** Receives the entries of {@link #scanFrom} while it answers true; the arrays are its own. */
  @FunctionalInterface
  interface EntryScanner {
    /** Takes an entry; false ends the scan. */
    boolean visit(byte[] key, byte[] value);
  }

  /**
   * A batch of writes (one LevelDB {@code WriteBatch}) applied atomically by {@link #commit()}.
   * Reads through the store do not see uncommitted writes. Not thread-safe: one writer owns it.
   * Closing an uncommitted transaction discards it, so use try-with-resources.
   */
  interface Transaction extends AutoCloseable {

    /** Buffers a write of {@code value} at {@code key} (both copied). */
    void put(byte[] key, byte[] value);

    /** Buffers a deletion of {@code key}; deleting an absent key is not an error. */
    void delete(byte[] key);

    /**
     * Applies every buffered write atomically and durably, then closes the transaction.
     *
     * <p>Commits are synchronous (LevelDB {@code sync=true}, the log is fsynced before this
     * returns): the daemon acknowledges a block, a deposit or an exit only after its batch is on
     * disk, so a crash or power loss right after an acknowledgement cannot lose it. Writes are few
     * (about one batch per child block or L1 event), so the fsync cost is small next to the cost of
     * a chain that forgets what it told users and L1.
     *
     * @throws IllegalStateException if already committed or closed
     * @throws StorageException if the write fails; nothing was applied
     */
    void commit();

    /** Discards the buffered writes unless committed. Idempotent. */
    @Override
    void close();
  }
}
