package io.plasmanode.storage.kv;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Delegates to a store and counts, per column (a key's first byte), the entries read: by point
 * reads ({@link #gets}) and by prefix scans ({@link #scanned}). What a reader did, not how long it
 * took: a test of the work done holds on a loaded machine.
 */
public final class CountingKeyValueStore implements KeyValueStore {
  private final KeyValueStore delegate;
  private final Map<Byte, LongAdder> gets = new ConcurrentHashMap<>();
  private final Map<Byte, LongAdder> scanned = new ConcurrentHashMap<>();

  public CountingKeyValueStore(KeyValueStore delegate) {
    this.delegate = delegate;
  }

  /** Point reads of {@code column}'s keys so far, found or not. */
  public long gets(ColumnId column) {
    return count(gets, column);
  }

  /** Entries of {@code column} visited by prefix scans so far. */
  public long scanned(ColumnId column) {
    return count(scanned, column);
  }

  /** Point reads and scanned entries per column id, for a test's message. */
  public String describe() {
    Map<Byte, String> all = new TreeMap<>();
    gets.forEach((id, count) -> all.put(id, count.sum() + " gets"));
    scanned.forEach((id, count) -> all.merge(id, count.sum() + " scanned", (a, b) -> a + ", " + b));
    return all.toString();
  }

  @Override
  public Optional<byte[]> get(byte[] key) {
    add(gets, key);
    return delegate.get(key);
  }

  @Override
  public void forEachWithPrefix(byte[] prefix, EntryVisitor visitor) {
    delegate.forEachWithPrefix(
        prefix,
        (key, value) -> {
          add(scanned, key);
          visitor.visit(key, value);
        });
  }

  @Override
  public void scanFrom(byte[] prefix, byte[] from, EntryScanner scanner) {
    delegate.scanFrom(
        prefix,
        from,
        (key, value) -> {
          add(scanned, key);
          return scanner.visit(key, value);
        });
  }

  @Override
  public Transaction startTransaction() {
    return delegate.startTransaction();
  }

  @Override
  public void close() {
    delegate.close();
  }

  private static void add(Map<Byte, LongAdder> counts, byte[] key) {
    counts.computeIfAbsent(key.length == 0 ? 0 : key[0], id -> new LongAdder()).increment();
  }

  private static long count(Map<Byte, LongAdder> counts, ColumnId column) {
    LongAdder count = counts.get(column.id());
    return count == null ? 0 : count.sum();
  }
}
