package io.plasmanode.node.rpc;

import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import io.plasmanode.storage.kv.KeyValueStore;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory store that counts prefix scans (a block read is one), to see what a call reads. */
final class CountingKeyValueStore implements KeyValueStore {
  private final InMemoryKeyValueStore delegate = new InMemoryKeyValueStore();
  private final AtomicInteger scans = new AtomicInteger();

  int scans() {
    return scans.get();
  }

  @Override
  public Optional<byte[]> get(byte[] key) {
    return delegate.get(key);
  }

  @Override
  public void forEachWithPrefix(byte[] prefix, EntryVisitor visitor) {
    scans.incrementAndGet();
    delegate.forEachWithPrefix(prefix, visitor);
  }

  @Override
  public void scanFrom(byte[] prefix, byte[] from, EntryScanner scanner) {
    scans.incrementAndGet();
    delegate.scanFrom(prefix, from, scanner);
  }

  @Override
  public Transaction startTransaction() {
    return delegate.startTransaction();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
