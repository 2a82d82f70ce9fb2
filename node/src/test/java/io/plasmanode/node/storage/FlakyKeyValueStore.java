package io.plasmanode.node.storage;

import java.util.Optional;

/** Delegates to a store; while {@link #failCommits} is set, every commit fails like a full disk. */
public final class FlakyKeyValueStore implements KeyValueStore {
  private final KeyValueStore delegate;
  private volatile boolean failCommits;

  public FlakyKeyValueStore(KeyValueStore delegate) {
    this.delegate = delegate;
  }

  /** From now on every commit fails ({@code true}) or works again ({@code false}). */
  public void failCommits(boolean fail) {
    failCommits = fail;
  }

  @Override
  public Optional<byte[]> get(byte[] key) {
    return delegate.get(key);
  }

  @Override
  public void forEachWithPrefix(byte[] prefix, EntryVisitor visitor) {
    delegate.forEachWithPrefix(prefix, visitor);
  }

  @Override
  public Transaction startTransaction() {
    Transaction transaction = delegate.startTransaction();
    return new Transaction() {
      @Override
      public void put(byte[] key, byte[] value) {
        transaction.put(key, value);
      }

      @Override
      public void delete(byte[] key) {
        transaction.delete(key);
      }

      @Override
      public void commit() {
        if (failCommits) {
          transaction.close();
          throw new StorageException("simulated write failure: no space left on device");
        }
        transaction.commit();
      }

      @Override
      public void close() {
        transaction.close();
      }
    };
  }

  @Override
  public void close() {
    delegate.close();
  }
}
