package io.plasmanode.p2p.rpc;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the server's open connections, all together and per remote IP address, and refuses a new
 * one beyond either limit. Thread-safe: shared by every channel of one server.
 */
final class ConnectionLimiter {
  private final int maxConnections;
  private final int maxPerAddress;
  private final AtomicInteger open = new AtomicInteger();
  private final ConcurrentMap<Object, Integer> perAddress = new ConcurrentHashMap<>();
  private final LongAdder refused = new LongAdder();

  ConnectionLimiter(int maxConnections, int maxPerAddress) {
    this.maxConnections = maxConnections;
    this.maxPerAddress = maxPerAddress;
  }

  /**
   * Counts a new connection from {@code remote}; returns why it is refused (and counts nothing) if
   * a limit is reached. A counted connection must be {@linkplain #release released} once.
   */
  Optional<String> tryAcquire(SocketAddress remote) {
    if (open.incrementAndGet() > maxConnections) {
      open.decrementAndGet();
      return refuse("the server has " + maxConnections + " open connections");
    }
    Object key = key(remote);
    boolean[] admitted = new boolean[1];
    perAddress.compute(
        key,
        (address, count) -> {
          int current = count == null ? 0 : count;
          admitted[0] = current < maxPerAddress;
          return admitted[0] ? current + 1 : count;
        });
    if (!admitted[0]) {
      open.decrementAndGet();
      return refuse(key + " has " + maxPerAddress + " open connections");
    }
    return Optional.empty();
  }

  /** Uncounts a connection {@link #tryAcquire} admitted. */
  void release(SocketAddress remote) {
    perAddress.computeIfPresent(key(remote), (address, count) -> count > 1 ? count - 1 : null);
    open.decrementAndGet();
  }

  /** Connections counted now. */
  int open() {
    return open.get();
  }

  /** Connections refused so far. */
  long refused() {
    return refused.sum();
  }

  private Optional<String> refuse(String reason) {
    refused.increment();
    return Optional.of(reason);
  }

  /** The remote IP address (any port); other address kinds (in-process channels) as they are. */
  private static Object key(SocketAddress remote) {
    return remote instanceof InetSocketAddress inet && inet.getAddress() != null
        ? inet.getAddress()
        : String.valueOf(remote);
  }
}
