package io.plasmanode.node.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;

/** Waiting in the ITs: Awaitility polling a condition, failing with what was awaited. */
public final class Waits {
  /** How long the ITs wait for anything the node does on its own. */
  public static final Duration WAIT = Duration.ofSeconds(30);

  private Waits() {}

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
        .pollInterval(Duration.ofMillis(20))
        .until(condition::getAsBoolean);
  }
}
