package io.plasmanode.storage.kv;

import static com.google.common.base.Preconditions.checkState;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link KeyValueStore} in a {@link TreeMap} ordered like LevelDB (unsigned lexicographic bytes),
 * for tests and tools. Same semantics as {@link LevelDbKeyValueStore} except durability: the data
 * lives as long as the object. Thread-safe through one lock.
 */
public final class InMemoryKeyValueStore implements KeyValueStore {
  private final NavigableMap<byte[], byte[]> entries = new TreeMap<>(Arrays::compareUnsigned);
  private boolean closed;

  @Override
  public synchronized Optional<byte[]> get(byte[] key) {
    assertOpen();
    return Optional.ofNullable(entries.get(key)).map(byte[]::clone);
  }

  @Override
  public void forEachWithPrefix(byte[] prefix, EntryVisitor visitor) {
    for (Map.Entry<byte[], byte[]> entry : snapshotFrom(prefix)) {
      if (!KeyPrefix.startsWith(entry.getKey(), prefix)) {
        return;
      }
      visitor.visit(entry.getKey().clone(), entry.getValue().clone());
    }
  }

  @Override
  public void scanFrom(byte[] prefix, byte[] from, EntryScanner scanner) {
    KeyPrefix.requireWithin(prefix, from);
    for (Map.Entry<byte[], byte[]> entry : snapshotFrom(prefix, from)) {
      if (!scanner.visit(entry.getKey().clone(), entry.getValue().clone())) {
        return;
      }
    }
  }

  private List<Map.Entry<byte[], byte[]>> snapshotFrom(byte[] prefix) {
    return snapshotFrom(prefix, prefix);
  }

  /**
   * Copies the entries of {@code prefix} from {@code from} on, so the visitor runs without holding
   * the lock.
   */
  private synchronized List<Map.Entry<byte[], byte[]>> snapshotFrom(byte[] prefix, byte[] from) {
    assertOpen();
    List<Map.Entry<byte[], byte[]>> copy = new ArrayList<>();
    for (Map.Entry<byte[], byte[]> entry : entries.tailMap(from, true).entrySet()) {
      if (!KeyPrefix.startsWith(entry.getKey(), prefix)) {
        break;
      }
      copy.add(Map.entry(entry.getKey(), entry.getValue()));
    }
    return copy;
  }

  @Override
  public synchronized Transaction startTransaction() {
    assertOpen();
    return new InMemoryTransaction();
  }

  @Override
  public synchronized void close() {
    closed = true;
    entries.clear();
  }

  private synchronized void apply(List<Write> writes) {
    assertOpen();
    for (Write write : writes) {
      if (write.value == null) {
        entries.remove(write.key);
      } else {
        entries.put(write.key, write.value);
      }
    }
  }

  private void assertOpen() {
    if (closed) {
      throw new StorageException("the in-memory store is closed");
    }
  }

  /** A buffered put ({@code value != null}) or delete. Arrays are private copies. */
  private static final class Write {
    private final byte[] key;
    private final byte[] value;

    private Write(byte[] key, byte[] value) {
      this.key = key;
      this.value = value;
    }
  }

  private final class InMemoryTransaction implements Transaction {
    private final List<Write> writes = new ArrayList<>();
    private boolean done;

    @Override
    public void put(byte[] key, byte[] value) {
      checkPending();
      writes.add(new Write(key.clone(), value.clone()));
    }

    @Override
    public void delete(byte[] key) {
      checkPending();
      writes.add(new Write(key.clone(), null));
    }

    @Override
    public void commit() {
      checkPending();
      try {
        apply(writes);
      } finally {
        close();
      }
    }

    private void checkPending() {
      synchronized (InMemoryKeyValueStore.this) {
        assertOpen();
      }
      checkState(!done, "transaction already committed or closed");
    }

    @Override
    public void close() {
      done = true;
      writes.clear();
    }
  }
}
