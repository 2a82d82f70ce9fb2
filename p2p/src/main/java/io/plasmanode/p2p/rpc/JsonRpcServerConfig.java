package io.plasmanode.p2p.rpc;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the JSON-RPC HTTP server.
 *
 * @param host address to bind; loopback by default, as the API can submit transactions
 * @param port TCP port, 0 for an ephemeral one (the bound port is returned by start)
 * @param maxBodyBytes largest accepted request body; larger ones get HTTP 413 and a close
 * @param maxBatchSize most requests in one batch
 * @param idleTimeout a connection with no traffic and no call in flight for this long is closed
 * @param maxConcurrentRequests HTTP requests executing or waiting for an executor thread across all
 *     connections; beyond it requests get HTTP 503 (each connection has at most one). Their bodies
 *     together are bounded too ({@link HttpServerLimits#maxPendingRequestBytes})
 * @param requestsPerSecond global rate limit (token bucket holding one second of requests); beyond
 *     it requests get HTTP 429
 * @param executorThreads threads running the methods (event loops never do)
 * @param limits the connection-level limits against slow and greedy clients (see {@link
 *     HttpServerLimits}): open connections, server-wide (default 512) and per remote address (64),
 *     beyond which new connections are closed at once; the request deadline (10 s from a request's
 *     first byte to its last, else HTTP 408 and a close); the longest request line (4 KiB, else
 *     HTTP 414) and header block (8 KiB, else HTTP 431); the request bodies held from their headers
 *     until answered (4 MiB, else HTTP 503 from the headers)
 */
public record JsonRpcServerConfig(
    String host,
    int port,
    int maxBodyBytes,
    int maxBatchSize,
    Duration idleTimeout,
    int maxConcurrentRequests,
    int requestsPerSecond,
    int executorThreads,
    HttpServerLimits limits) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
  public static final int DEFAULT_MAX_BATCH_SIZE = 100;
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
  public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 256;
  public static final int DEFAULT_REQUESTS_PER_SECOND = 1_000;
  public static final int DEFAULT_EXECUTOR_THREADS = 4;

  public JsonRpcServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(limits, "limits");
    checkArgument(port >= 0 && port <= 0xFFFF, "port out of range: " + port);
    checkArgument(maxBodyBytes > 0, "maxBodyBytes must be positive");
    checkArgument(maxBatchSize > 0, "maxBatchSize must be positive");
    checkArgument(idleTimeout.toMillis() > 0, "idleTimeout must be at least 1 ms");
    checkArgument(maxConcurrentRequests > 0, "maxConcurrentRequests must be positive");
    checkArgument(requestsPerSecond > 0, "requestsPerSecond must be positive");
    checkArgument(executorThreads > 0, "executorThreads must be positive");
    checkArgument(
        limits.maxPendingRequestBytes() >= maxBodyBytes,
        "limits.maxPendingRequestBytes ("
            + limits.maxPendingRequestBytes()
            + ") must be at least maxBodyBytes ("
            + maxBodyBytes
            + "), or the largest requests could never run");
  }

  /** Loopback, ephemeral port and the default limits. */
  public static JsonRpcServerConfig defaults() {
    return new JsonRpcServerConfig(
        DEFAULT_HOST,
        0,
        DEFAULT_MAX_BODY_BYTES,
        DEFAULT_MAX_BATCH_SIZE,
        DEFAULT_IDLE_TIMEOUT,
        DEFAULT_MAX_CONCURRENT_REQUESTS,
        DEFAULT_REQUESTS_PER_SECOND,
        DEFAULT_EXECUTOR_THREADS,
        HttpServerLimits.defaults());
  }

  public JsonRpcServerConfig withHost(String newHost) {
    return new JsonRpcServerConfig(
        newHost,
        port,
        maxBodyBytes,
        maxBatchSize,
        idleTimeout,
        maxConcurrentRequests,
        requestsPerSecond,
        executorThreads,
        limits);
  }

  public JsonRpcServerConfig withPort(int newPort) {
    return new JsonRpcServerConfig(
        host,
        newPort,
        maxBodyBytes,
        maxBatchSize,
        idleTimeout,
        maxConcurrentRequests,
        requestsPerSecond,
        executorThreads,
        limits);
  }

  public JsonRpcServerConfig withMaxBodyBytes(int newMaxBodyBytes) {
    return new JsonRpcServerConfig(
        host,
        port,
        newMaxBodyBytes,
        maxBatchSize,
        idleTimeout,
        maxConcurrentRequests,
        requestsPerSecond,
        executorThreads,
        limits);
  }

  public JsonRpcServerConfig withRequestsPerSecond(int newRequestsPerSecond) {
    return new JsonRpcServerConfig(
        host,
        port,
        maxBodyBytes,
        maxBatchSize,
        idleTimeout,
        maxConcurrentRequests,
        newRequestsPerSecond,
        executorThreads,
        limits);
  }

  public JsonRpcServerConfig withLimits(HttpServerLimits newLimits) {
    return new JsonRpcServerConfig(
        host,
        port,
        maxBodyBytes,
        maxBatchSize,
        idleTimeout,
        maxConcurrentRequests,
        requestsPerSecond,
        executorThreads,
        newLimits);
  }

  private static void checkArgument(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
