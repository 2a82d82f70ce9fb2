package io.plasmanode.node.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.awaitility.pollinterval.IterativePollInterval;
import org.awaitility.pollinterval.PollInterval;

/** Waiting in the ITs: Awaitility polling a condition, failing with what was awaited. */
public final class Waits {
  /** How long the ITs wait for anything the node does on its own. */
  public static final Duration WAIT = Duration.ofSeconds(30);

  /**
   * Polls after 10 ms, then twice as long each time up to every 50 ms: quick conditions are seen at
   * once, and a long wait does not flood the node under test with reads.
   */
  private static final PollInterval POLL =
      new IterativePollInterval(
          previous -> min(previous.multipliedBy(2), Duration.ofMillis(50)), Duration.ofMillis(10));

  private Waits() {}

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** Waits up to {@link #WAIT} for {@code condition}; fails naming {@code what} otherwise. */
  public static void await(String what, BooleanSupplier condition) {
    await(WAIT, what, condition);
  }

  /** Waits up to {@code timeout} for {@code condition}; fails naming {@code what} otherwise. */
  public static void await(Duration timeout, String what, BooleanSupplier condition) {
    Awaitility.await(what)
        .atMost(timeout)
        .dontCatchUncaughtExceptions()
        .pollDelay(Duration.ZERO)
        .pollInterval(POLL)
        .until(condition::getAsBoolean);
  }
}
