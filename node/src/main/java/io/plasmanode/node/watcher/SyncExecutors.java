package io.plasmanode.node.watcher;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The block sync's two helper threads: one fetches the next block while this one is validated, one
 * stores each validated block while the next is validated ({@link WatcherBlockWriter}). Closed
 * after the watcher's loop (whose step waits for the writes it started) and before the database: a
 * fetch in progress is interrupted, a write in progress is waited for.
 */
record SyncExecutors(ExecutorService prefetcher, ExecutorService blockWriter)
    implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SyncExecutors.class);
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

  static SyncExecutors start() {
    return new SyncExecutors(daemon("watcher-prefetch"), daemon("watcher-block-writer"));
  }

  private static ExecutorService daemon(String name) {
    return Executors.newSingleThreadExecutor(
        new ThreadFactoryBuilder().setNameFormat(name).setDaemon(true).build());
  }

  /** Stops both, waiting up to 30 s for a write in progress. */
  @Override
  public void close() throws InterruptedException {
    prefetcher.shutdownNow();
    blockWriter.shutdown();
    if (!blockWriter.awaitTermination(WRITE_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
      LOG.warn("The watcher's block writer did not stop within {}", WRITE_TIMEOUT);
    }
  }
}
