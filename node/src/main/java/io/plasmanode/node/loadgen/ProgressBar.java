package io.plasmanode.node.loadgen;

import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * One line on stderr, redrawn twice a second while the measured phase runs: a bar, the current
 * rate, accepted, rejected and elapsed time.
 */
final class ProgressBar implements AutoCloseable {
  private static final int WIDTH = 30;
  private static final long REDRAW_MILLIS = 500;

  private final PrintWriter err;
  private final long total;
  private final LongSupplier accepted;
  private final LongSupplier rejected;
  private final long startNanos = System.nanoTime();
  private final Thread thread;
  private long lastDone;
  private long lastNanos = startNanos;

  ProgressBar(PrintWriter err, long total, LongSupplier accepted, LongSupplier rejected) {
    this.err = err;
    this.total = total;
    this.accepted = accepted;
    this.rejected = rejected;
    this.thread = Thread.ofPlatform().daemon().name("bench-progress").start(this::loop);
  }

  private void loop() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Thread.sleep(REDRAW_MILLIS);
        draw();
      }
    } catch (InterruptedException e) {
      // stopped
    }
  }

  private synchronized void draw() {
    long ok = accepted.getAsLong();
    long failed = rejected.getAsLong();
    long done = ok + failed;
    long now = System.nanoTime();
    double rate = (done - lastDone) * 1e9 / Math.max(1, now - lastNanos);
    lastDone = done;
    lastNanos = now;
    int filled = (int) (WIDTH * done / Math.max(1, total));
    err.print(
        "\r[%s%s] %3d%%  %,8.0f tx/s  accepted %,d  rejected %,d  %.1f s   "
            .formatted(
                "#".repeat(filled),
                ".".repeat(WIDTH - filled),
                100 * done / Math.max(1, total),
                rate,
                ok,
                failed,
                (now - startNanos) / 1e9));
    err.flush();
  }

  @Override
  public void close() {
    thread.interrupt();
    try {
      thread.join(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    draw();
    err.println();
    err.flush();
  }
}
