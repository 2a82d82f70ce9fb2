package io.plasmanode.node.operator;

import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The block producer's threads: named daemon threads, and a bounded wait for them at shutdown. */
final class ProducerThreads {
  private static final Logger LOG = LoggerFactory.getLogger(ProducerThreads.class);
  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

  private ProducerThreads() {}

  static ThreadFactory daemon(String nameFormat) {
    return new ThreadFactoryBuilder().setNameFormat(nameFormat).setDaemon(true).build();
  }

  /**
   * Shuts {@code executor} down and waits for its tasks to finish: {@code SHUTDOWN_TIMEOUT}, then
   * interrupts them and waits as long again.
   */
  static void await(ExecutorService executor) {
    if (!MoreExecutors.shutdownAndAwaitTermination(executor, SHUTDOWN_TIMEOUT.multipliedBy(2))) {
      LOG.warn("Block producer threads did not stop within {}", SHUTDOWN_TIMEOUT.multipliedBy(2));
    }
  }
}
