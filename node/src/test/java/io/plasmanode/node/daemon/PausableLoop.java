package io.plasmanode.node.daemon;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Users acting in the background (depositing, exiting) whether the node under test is up or not:
 * runs {@code action} again and again, {@code interval} apart, on its own thread. {@link #pause}
 * waits for the action in progress to finish, so a check sees a quiet L1; a failed action is
 * reported by the next {@link #pause}.
 */
final class PausableLoop implements AutoCloseable {
  private final Runnable action;
  private final Duration interval;
  private final Thread thread;
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private boolean paused;
  private boolean closed;
  private boolean acting;
  private long done;

  PausableLoop(String name, Duration interval, Runnable action) {
    this.action = action;
    this.interval = interval;
    this.thread = Thread.ofPlatform().daemon().name(name).start(this::run);
  }

  private void run() {
    try {
      while (awaitTurn()) {
        boolean succeeded = false;
        try {
          action.run();
          succeeded = true;
        } finally {
          finished(succeeded);
        }
        Thread.sleep(interval);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure.set(e);
    }
  }

  private synchronized boolean awaitTurn() throws InterruptedException {
    while (paused && !closed) {
      wait();
    }
    acting = !closed;
    return !closed;
  }

  private synchronized void finished(boolean succeeded) {
    acting = false;
    done += succeeded ? 1 : 0;
    notifyAll();
  }

  /**
   * Stops acting once the action in progress (if any) is done.
   *
   * @throws IllegalStateException if an action failed (the loop then stopped)
   */
  synchronized void pause() throws InterruptedException {
    paused = true;
    while (acting) {
      wait();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("a background action failed", failure.get());
    }
  }

  synchronized void resume() {
    paused = false;
    notifyAll();
  }

  /** Actions completed so far. */
  synchronized long done() {
    return done;
  }

  @Override
  public void close() throws InterruptedException {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    thread.interrupt();
    thread.join(10_000);
  }
}
