package io.plasmanode.storage.kv;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delegates to a store; while {@link #failCommits} is set, every commit fails like a full disk, and
 * while {@link #holdCommits} is set, commits wait like a slow disk.
 */
public final class FlakyKeyValueStore implements KeyValueStore {
  private final KeyValueStore delegate;
  private volatile boolean failCommits;
  private volatile CountDownLatch hold = new CountDownLatch(0);
  private final AtomicInteger held = new AtomicInteger();

  public FlakyKeyValueStore(KeyValueStore delegate) {
    this.delegate = delegate;
  }

  /** From now on every commit fails ({@code true}) or works again ({@code false}). */
  public void failCommits(boolean fail) {
    failCommits = fail;
  }

  /** Commits from now on wait until {@link #releaseCommits} (at most a minute). */
  public void holdCommits() {
    hold = new CountDownLatch(1);
  }

  /** Commits waiting for {@link #releaseCommits} now. */
  public int heldCommits() {
    return held.get();
  }

  /** Lets held and later commits through. */
  public void releaseCommits() {
    hold.countDown();
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
  public void scanFrom(byte[] prefix, byte[] from, EntryScanner scanner) {
    delegate.scanFrom(prefix, from, scanner);
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
        awaitRelease();
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

  private void awaitRelease() {
    held.incrementAndGet();
    try {
      if (!hold.await(1, TimeUnit.MINUTES)) {
        throw new StorageException("a held commit was never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while a commit was held");
    } finally {
      held.decrementAndGet();
    }
  }

  @Override
  public void close() {
    delegate.close();
  }
}
