package io.plasmanode.node.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.p2p.rpc.JsonRpcClient;
import io.plasmanode.p2p.rpc.JsonRpcException;
import io.plasmanode.p2p.rpc.JsonRpcTransportException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Polls {@code plasma_status} every {@code POLL_MILLIS} on its own thread and notes when each new
 * child block appeared (closed) and when its root was committed on L1, and the operator's build
 * time of each block ({@code lastClosedBlock.buildMs}, so a block that closes and is followed by
 * another within one poll has none); also samples the operator's resident memory. Times are as seen
 * by polling, so they are accurate to about one poll.
 */
final class BlockWatcher implements AutoCloseable {
  private static final long POLL_MILLIS = 100;

  private final JsonRpcClient rpc;
  private final Optional<OperatorProbe> probe;
  private final Map<Long, Long> closedAt = new ConcurrentSkipListMap<>();
  private final Map<Long, Long> committedAt = new ConcurrentSkipListMap<>();
  private final Map<Long, Long> buildMillis = new ConcurrentSkipListMap<>();
  private final AtomicLong maxRss = new AtomicLong();
  private final Thread thread;
  private long height;
  private volatile boolean stopped;
  private volatile String lastError = "";

  BlockWatcher(URI endpoint, Optional<OperatorProbe> probe) {
    this.rpc = new JsonRpcClient(endpoint);
    this.probe = probe;
    this.height = rpc.call("plasma_status").path("height").asLong();
    this.thread = Thread.ofPlatform().daemon().name("bench-block-watcher").start(this::loop);
  }

  private void loop() {
    while (!stopped) {
      try {
        poll();
      } catch (JsonRpcException | JsonRpcTransportException e) {
        lastError = e.getMessage();
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void poll() {
    JsonNode status = rpc.call("plasma_status");
    long now = System.nanoTime();
    long newHeight = status.path("height").asLong();
    for (long blknum = height + 1000; blknum <= newHeight; blknum += 1000) {
      closedAt.put(blknum, now);
    }
    height = Math.max(height, newHeight);
    JsonNode lastClosed = status.path("lastClosedBlock");
    if (lastClosed.isObject()) {
      buildMillis.put(lastClosed.path("blknum").asLong(), lastClosed.path("buildMs").asLong());
    }
    long committed = status.path("lastCommittedBlock").asLong();
    closedAt.keySet().stream()
        .filter(blknum -> blknum <= committed)
        .forEach(blknum -> committedAt.putIfAbsent(blknum, now));
    probe
        .flatMap(OperatorProbe::residentBytes)
        .ifPresent(rss -> maxRss.accumulateAndGet(rss, Math::max));
  }

  /** Nanos (System.nanoTime) when {@code blknum} was first seen closed. */
  OptionalLong closedAt(long blknum) {
    Long at = closedAt.get(blknum);
    return at == null ? OptionalLong.empty() : OptionalLong.of(at);
  }

  /** The operator's time from closing {@code blknum} to storing it, in ms, if a poll saw it. */
  OptionalLong buildMillis(long blknum) {
    Long millis = buildMillis.get(blknum);
    return millis == null ? OptionalLong.empty() : OptionalLong.of(millis);
  }

  OptionalLong committedAt(long blknum) {
    Long at = committedAt.get(blknum);
    return at == null ? OptionalLong.empty() : OptionalLong.of(at);
  }

  /** The highest resident set size sampled while watching, in bytes (0 without a probe). */
  long maxSampledRss() {
    return maxRss.get();
  }

  /**
   * Waits until {@code blknum} is committed on L1.
   *
   * @throws BenchException after {@code timeoutSeconds}
   */
  void awaitCommitted(long blknum, long timeoutSeconds) {
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    while (!committedAt.containsKey(blknum)) {
      if (System.nanoTime() > deadline) {
        throw new BenchException(
            "block %d was not %s within %d s (last poll error: %s)"
                .formatted(
                    blknum,
                    closedAt.containsKey(blknum) ? "committed on L1" : "closed",
                    timeoutSeconds,
                    lastError.isEmpty() ? "none" : lastError));
      }
      FanOut.sleep(POLL_MILLIS);
    }
  }

  /** {@code plasma_getBlock(blknum).txCount}, or 0 when the block is unknown. */
  long txCount(long blknum) {
    JsonNode block = rpc.call("plasma_getBlock", blknum);
    return block == null || block.isNull() ? 0 : block.path("txCount").asLong();
  }

  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    rpc.close();
  }
}
