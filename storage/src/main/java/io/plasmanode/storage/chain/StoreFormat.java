package io.plasmanode.storage.chain;

import io.plasmanode.storage.kv.ColumnId;
import io.plasmanode.storage.kv.KeyValueStore;
import io.plasmanode.storage.kv.StorageException;
import io.plasmanode.storage.serialize.FormatVersioned;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The on-disk format of a whole plasma database (the operator's chain and journal, the watcher's
 * database), kept under one reserved key that sorts before every column. A node writes it into a
 * new, empty database and refuses any other: a database of another format, or one written before
 * formats were recorded (format 1). There is no migration: such a chain also ran on a contract with
 * the old positions, so it starts afresh with a new data dir and a new contract.
 *
 * <p>Formats: 1, positions {@code blknum * 1e9 + txindex * 1e4 + oindex} (no marker); 2, positions
 * {@code blknum * 1e6 + txindex * 10 + oindex} up to block 9 * 10^12 (docs/spec.md "Positions").
 * Per-value format bytes ({@link FormatVersioned}) stay as they are: what changed are the keys.
 */
public final class StoreFormat {
  /** The format this version writes and reads. */
  public static final int CURRENT = 2;

  /** The reserved key: byte 0, which no column id uses ({@link ColumnId#FORMAT_MARKER}). */
  static final byte[] KEY = {ColumnId.FORMAT_MARKER};

  private StoreFormat() {}

  /**
   * Checks the database in {@code kv} ({@code database} names it in messages: its path, say):
   * writes the current format into an empty database, accepts one of the current format, refuses
   * any other.
   *
   * @throws StorageException naming the database, its format and what to do
   */
  public static void requireCurrent(KeyValueStore kv, Object database) {
    Optional<Integer> format = read(kv, database);
    if (format.isEmpty() && isEmpty(kv)) {
      write(kv);
    } else {
      requireReadable(format.orElse(1), database);
    }
  }

  /**
   * Checks without writing (for {@code plasma db check}): an empty database or one of the current
   * format passes.
   *
   * @throws StorageException as {@link #requireCurrent}
   */
  public static void requireReadable(KeyValueStore kv, Object database) {
    Optional<Integer> format = read(kv, database);
    if (format.isPresent() || !isEmpty(kv)) {
      requireReadable(format.orElse(1), database);
    }
  }

  private static void requireReadable(int format, Object database) {
    if (format == CURRENT) {
      return;
    }
    throw new StorageException(
        format < CURRENT
            ? ("the database %s has storage format %d (%s); this plasma reads format %d (positions"
                    + " blknum * 1e6 + txindex * 10 + oindex, docs/spec.md) and does not migrate:"
                    + " start a new chain with a new data dir and a new contract")
                .formatted(database, format, describe(format), CURRENT)
            : ("the database %s has storage format %d, newer than this plasma's %d: was it written"
                    + " by a newer plasma?")
                .formatted(database, format, CURRENT));
  }

  private static String describe(int format) {
    return format == 1
        ? "written before version 2, with positions blknum * 1e9 + txindex * 1e4 + oindex"
        : "an older format";
  }

  private static Optional<Integer> read(KeyValueStore kv, Object database) {
    return kv.get(KEY)
        .map(
            bytes -> {
              if (bytes.length != Integer.BYTES) {
                throw new StorageException(
                    "the database %s has a corrupt format marker (%d bytes)"
                        .formatted(database, bytes.length));
              }
              return ByteBuffer.wrap(bytes).getInt();
            });
  }

  private static void write(KeyValueStore kv) {
    try (KeyValueStore.Transaction tx = kv.startTransaction()) {
      tx.put(KEY, ByteBuffer.allocate(Integer.BYTES).putInt(CURRENT).array());
      tx.commit();
    }
  }

  private static boolean isEmpty(KeyValueStore kv) {
    try {
      kv.forEachWithPrefix(
          new byte[0],
          (key, value) -> {
            throw new FoundEntry();
          });
      return true;
    } catch (FoundEntry e) {
      return false;
    }
  }

  /** Ends the emptiness scan at the first entry. */
  private static final class FoundEntry extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FoundEntry() {
      super(null, null, false, false);
    }
  }
}
