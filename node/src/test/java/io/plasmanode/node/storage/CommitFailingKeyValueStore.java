package io.plasmanode.node.storage;

import java.util.Optional;

/** Delegates to a store but fails every commit, as a full disk would. */
final class CommitFailingKeyValueStore implements KeyValueStore {
  private final KeyValueStore delegate;

  CommitFailingKeyValueStore(KeyValueStore delegate) {
    this.delegate = delegate;
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
        transaction.close();
        throw new StorageException("simulated write failure");
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
