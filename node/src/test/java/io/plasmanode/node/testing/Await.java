package io.plasmanode.node.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polling for a condition in integration tests. */
public final class Await {
  private Await() {}

  /** Waits up to {@code timeout} for {@code condition}; fails with {@code what} otherwise. */
  public static void until(Duration timeout, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      L1Reorgs.pause(Duration.ofMillis(10));
    }
  }
}
