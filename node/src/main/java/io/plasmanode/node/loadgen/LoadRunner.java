package io.plasmanode.node.loadgen;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The measured phase: K connections take the pre-signed batches in order and submit them, as fast
 * as the operator answers or paced to a target rate. Records each request's latency: from sending
 * when unpaced; from when the batch was due when paced, so a stalled operator shows in the latency
 * instead of silently lowering the rate (no coordinated omission).
 */
final class LoadRunner {
  private final URI endpoint;
  private final int connections;
  private final double rate;
  private final AtomicInteger next = new AtomicInteger();
  private final LongAdder accepted = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final AtomicLong firstBlknum = new AtomicLong(Long.MAX_VALUE);
  private final AtomicLong lastBlknum = new AtomicLong();
  private final Map<String, LongAdder> reasons = new ConcurrentHashMap<>();
  private volatile long startNanos;
  private volatile long endNanos;

  /**
   * @param rate transactions per second to pace to; 0 for as fast as possible
   */
  LoadRunner(URI endpoint, int connections, double rate) {
    this.endpoint = endpoint;
    this.connections = connections;
    this.rate = rate;
  }

  /** Submits all {@code batches}; returns each request's latency in nanoseconds, by batch. */
  long[] run(List<PreSigner.Batch> batches) {
    long[] latencies = new long[batches.size()];
    startNanos = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(connections)) {
      List<Future<?>> workers = new ArrayList<>();
      for (int i = 0; i < connections; i++) {
        workers.add(pool.submit(() -> work(batches, latencies)));
      }
      for (Future<?> worker : workers) {
        join(worker);
      }
    }
    endNanos = System.nanoTime();
    return latencies;
  }

  private Void work(List<PreSigner.Batch> batches, long[] latencies)
      throws IOException, InterruptedException {
    double nanosPerTx = rate > 0 ? 1e9 / rate : 0;
    try (SubmitConnection connection = new SubmitConnection(endpoint)) {
      for (int b = next.getAndIncrement(); b < batches.size(); b = next.getAndIncrement()) {
        PreSigner.Batch batch = batches.get(b);
        long due = startNanos + (long) (nanosPerTx * (long) b * batches.get(0).count());
        long now = System.nanoTime();
        if (rate > 0 && due > now) {
          LockSupport.parkNanos(due - now);
        }
        long sent = System.nanoTime();
        List<SubmitConnection.Outcome> outcomes = connection.submit(batch.body(), batch.count());
        latencies[b] = System.nanoTime() - (rate > 0 ? Math.min(due, sent) : sent);
        record(outcomes);
      }
    }
    return null;
  }

  private void record(List<SubmitConnection.Outcome> outcomes) {
    for (SubmitConnection.Outcome outcome : outcomes) {
      if (outcome.accepted()) {
        accepted.increment();
        firstBlknum.accumulateAndGet(outcome.blknum(), Math::min);
        lastBlknum.accumulateAndGet(outcome.blknum(), Math::max);
      } else {
        rejected.increment();
        reasons.computeIfAbsent(outcome.reason(), reason -> new LongAdder()).increment();
      }
    }
  }

  private static void join(Future<?> worker) {
    try {
      worker.get();
    } catch (ExecutionException e) {
      throw new BenchException("submitting failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted while submitting", e);
    }
  }

  long accepted() {
    return accepted.sum();
  }

  long rejected() {
    return rejected.sum();
  }

  /** Rejection reasons (wire names) and how many transactions got each. */
  Map<String, Long> reasons() {
    Map<String, Long> counts = new TreeMap<>();
    reasons.forEach((reason, count) -> counts.put(reason, count.sum()));
    return counts;
  }

  /** The child blocks the accepted transactions went into: {@code [first, last]}, or empty. */
  long firstBlknum() {
    return firstBlknum.get() == Long.MAX_VALUE ? 0 : firstBlknum.get();
  }

  long lastBlknum() {
    return lastBlknum.get();
  }

  /** Seconds from the first send to the last answer (so far, while running). */
  double elapsedSeconds() {
    long end = endNanos == 0 ? System.nanoTime() : endNanos;
    return startNanos == 0 ? 0 : (end - startNanos) / 1e9;
  }
}
