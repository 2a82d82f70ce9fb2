package io.plasmanode.p2p.sync;

import java.time.Duration;

/** Retries an assertion until it holds or a deadline passes; then its last failure is thrown. */
final class Eventually {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private Eventually() {}

  static void eventually(Runnable assertion) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      try {
        assertion.run();
        return;
      } catch (AssertionError e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }
}
