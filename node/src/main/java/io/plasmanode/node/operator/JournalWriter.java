package io.plasmanode.node.operator;

import static java.util.Objects.requireNonNull;

import io.plasmanode.node.metrics.Metrics;
import io.plasmanode.node.metrics.OperatorMetrics;
import io.plasmanode.storage.chain.JournaledTxs;
import io.plasmanode.storage.chain.TxJournal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes accepted transactions durable before they are acknowledged, with group commit: callers
 * queue entries in acceptance order (under the producer's lock) and wait outside it; one thread
 * appends everything queued so far in one synced {@link TxJournal#append} and releases the waiters.
 * Appends happen in queue order, so whatever a crash keeps is a prefix of what was accepted.
 *
 * <p>An entry is also durable once its whole block is stored: {@link #blockStored} releases its
 * waiters and deletes the block's entries; entries of stored blocks are never appended. So if the
 * journal's disk fails, acknowledgments wait for the block write instead (with an {@link
 * #alarm()}), and nothing is acknowledged that is stored nowhere.
 */
final class JournalWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JournalWriter.class);

  /** Entries taken per synced append; more wait for the next one. */
  private static final int MAX_GROUP = 4096;

  private record Pending(JournaledTxs entry, CompletableFuture<Void> durable) {}

  private final TxJournal journal;
  private final Duration retryInterval;
  private final Metrics.Timer fsyncTime;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread thread;

  /** First txindexes of the entries appended (or replayed) per block not stored yet. */
  private final TreeMap<Long, List<Integer>> written = new TreeMap<>();

  private volatile long storedThrough; // written under the lock of "written"
  private volatile String failure;
  private volatile boolean closed;

  JournalWriter(TxJournal journal, long storedThrough, Duration retryInterval) {
    this(journal, storedThrough, retryInterval, OperatorMetrics.NONE);
  }

  JournalWriter(
      TxJournal journal, long storedThrough, Duration retryInterval, OperatorMetrics metrics) {
    this.journal = requireNonNull(journal, "journal");
    this.fsyncTime = metrics.journalFsyncTime();
    this.storedThrough = storedThrough;
    this.retryInterval = requireNonNull(retryInterval, "retryInterval");
    this.thread = Thread.ofPlatform().name("tx-journal").daemon().start(this::run);
  }

  /**
   * Queues {@code entry}; call in acceptance order.
   *
   * @return completes once the entry (or its block) is durable; fails if the producer shuts down
   *     before either
   */
  CompletableFuture<Void> append(JournaledTxs entry) {
    CompletableFuture<Void> durable = new CompletableFuture<>();
    if (closed) {
      durable.completeExceptionally(new CancellationException("journal closed"));
      return durable;
    }
    queue.add(new Pending(entry, durable));
    return durable;
  }

  /** Block {@code blknum} and all before it are stored: their entries are no longer needed. */
  void blockStored(long blknum) {
    Map<Long, List<Integer>> obsolete;
    synchronized (written) {
      storedThrough = blknum;
      obsolete = new TreeMap<>(written.headMap(blknum, true));
      written.headMap(blknum, true).clear();
    }
    for (Pending pending : queue) {
      if (pending.entry().blknum() <= blknum) {
        pending.durable().complete(null);
      }
    }
    obsolete.forEach(this::forget);
  }

  /** An entry found in the journal at start and replayed: deleted once its block is stored. */
  void replayed(JournaledTxs entry) {
    synchronized (written) {
      written
          .computeIfAbsent(entry.blknum(), blknum -> new ArrayList<>())
          .add(entry.firstTxindex());
    }
  }

  private void forget(long blknum, List<Integer> firstTxindexes) {
    try {
      journal.forget(blknum, firstTxindexes);
    } catch (RuntimeException e) {
      // Harmless: entries of stored blocks are ignored and deleted at the next start.
      LOG.warn("Could not delete the journal entries of stored block {}: {}", blknum, e.toString());
    }
  }

  /** Why appends are failing, if they are. */
  Optional<String> alarm() {
    return Optional.ofNullable(failure);
  }

  private void run() {
    List<Pending> group = new ArrayList<>();
    while (!closed) {
      try {
        group.add(queue.take());
      } catch (InterruptedException e) {
        break;
      }
      queue.drainTo(group, MAX_GROUP - 1);
      if (!write(group)) {
        break;
      }
      group.forEach(pending -> pending.durable().complete(null));
      group.clear();
    }
    failAll(group);
  }

  /** Appends the group's entries of unstored blocks, retrying; false if closed meanwhile. */
  private boolean write(List<Pending> group) {
    while (true) {
      long stored = storedThrough;
      List<JournaledTxs> entries = new ArrayList<>(group.size());
      for (Pending pending : group) {
        if (pending.entry().blknum() > stored) {
          entries.add(pending.entry());
        }
      }
      if (entries.isEmpty()) {
        return true; // all stored meanwhile; an alarm stays until an append succeeds
      }
      try {
        long start = System.nanoTime();
        journal.append(entries);
        fsyncTime.observeSince(start);
        cleared();
        remember(entries);
        return true;
      } catch (RuntimeException e) {
        failed(e);
      }
      try {
        Thread.sleep(retryInterval);
      } catch (InterruptedException e) {
        return false;
      }
      if (closed) {
        return false;
      }
    }
  }

  /**
   * Remembers the appended entries' keys for {@link #blockStored}; an entry whose block was stored
   * while it was being appended would linger, so it is deleted at once.
   */
  private void remember(List<JournaledTxs> entries) {
    Map<Long, List<Integer>> storedMeanwhile = new TreeMap<>();
    synchronized (written) {
      for (JournaledTxs entry : entries) {
        Map<Long, List<Integer>> target =
            entry.blknum() <= storedThrough ? storedMeanwhile : written;
        target
            .computeIfAbsent(entry.blknum(), blknum -> new ArrayList<>())
            .add(entry.firstTxindex());
      }
    }
    storedMeanwhile.forEach(this::forget);
  }

  private void failed(RuntimeException e) {
    boolean first = failure == null;
    failure =
        "the journal of accepted transactions cannot be written (%s): acknowledgments wait for"
                .formatted(e)
            + " their block to be stored";
    if (first) {
      LOG.error("{}; retrying every {} ms", failure, retryInterval.toMillis(), e);
    }
  }

  private void cleared() {
    if (failure != null) {
      failure = null;
      LOG.info("The journal of accepted transactions is writable again");
    }
  }

  /**
   * Ends the waits of entries left at shutdown: durable if their block was stored meanwhile (the
   * group being retried may hold some), failed otherwise.
   */
  private void failAll(List<Pending> group) {
    List<Pending> rest = new ArrayList<>(group);
    queue.drainTo(rest);
    long stored = storedThrough;
    for (Pending pending : rest) {
      if (pending.entry().blknum() <= stored) {
        pending.durable().complete(null);
      } else {
        pending.durable().completeExceptionally(new CancellationException("journal closed"));
      }
    }
  }

  /**
   * Stops the thread; entries not durable yet fail their waiters (call after the last block was
   * stored, so only entries of a block that could not be stored remain).
   */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    failAll(List.of());
  }
}
