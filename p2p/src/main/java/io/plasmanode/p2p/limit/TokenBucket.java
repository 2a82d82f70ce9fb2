package io.plasmanode.p2p.limit;

import java.util.function.LongSupplier;

/**
 * A thread-safe token bucket: refills {@code perSecond} tokens a second, holds at most as many. The
 * JSON-RPC server's request rate and each p2p peer's message rate.
 */
public final class TokenBucket {
  private static final double NANOS_PER_SECOND = 1e9;

  private final double capacity;
  private final double tokensPerNano;
  private final LongSupplier nanoTime;
  private double tokens;
  private long lastRefill;

  public TokenBucket(int perSecond, LongSupplier nanoTime) {
    if (perSecond < 1) {
      throw new IllegalArgumentException("perSecond must be positive: " + perSecond);
    }
    this.capacity = perSecond;
    this.tokensPerNano = perSecond / NANOS_PER_SECOND;
    this.nanoTime = nanoTime;
    this.tokens = perSecond;
    this.lastRefill = nanoTime.getAsLong();
  }

  public synchronized boolean tryAcquire() {
    refill();
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }

  private void refill() {
    long now = nanoTime.getAsLong();
    tokens = Math.min(capacity, tokens + (now - lastRefill) * tokensPerNano);
    lastRefill = now;
  }
}
