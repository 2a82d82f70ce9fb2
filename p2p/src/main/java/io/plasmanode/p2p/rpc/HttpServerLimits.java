package io.plasmanode.p2p.rpc;

import java.time.Duration;
import java.util.Objects;

/**
 * Connection-level limits of the JSON-RPC HTTP server: they stop clients that hold many connections
 * open or send their requests slowly (slowloris) from taking the server away from everybody else.
 *
 * @param maxConnections open connections, all clients together; a connection beyond it is closed as
 *     soon as it is accepted, before anything is read
 * @param maxConnectionsPerAddress open connections from one remote IP address; a connection beyond
 *     it is closed as soon as it is accepted. Behind a reverse proxy every client has the proxy's
 *     address: raise it to {@code maxConnections} there. Above {@code maxConnections} it has no
 *     effect
 * @param requestTimeout time from a request's first byte until its request line, headers and body
 *     have all arrived; a request still incomplete then is answered HTTP 408 and its connection
 *     closed, however steadily the client keeps sending bytes (the idle timeout only closes
 *     connections that send nothing)
 * @param maxRequestLineBytes longest request line ({@code POST / HTTP/1.1}); a longer one gets HTTP
 *     414 and a close
 * @param maxHeaderBytes most bytes of header fields in one request; more get HTTP 431 and a close
 * @param maxPendingRequestBytes request bodies the server holds, all connections together, each
 *     counted from its headers (its Content-Length; the body limit if chunked) until its answer is
 *     sent: being received, waiting for an executor thread or executing. A request that would pass
 *     it gets HTTP 503 as soon as its headers arrive, and its body is dropped unparsed. It bounds
 *     the memory of requests and, as work grows with size (a transaction batch), the wait in front
 *     of the executor: under overload clients get fast 503s instead of answers that come later and
 *     later. At least the body limit
 * @param maxPendingAnswerBytes answers of 1 MiB or more (full blocks) that are made but not yet
 *     written to their clients, all connections together: a client that asks for blocks and reads
 *     slowly holds its answers in the server's memory. An answer that would pass it is replaced by
 *     HTTP 503 (the request was a read: retry later); one answer larger than the whole budget is
 *     sent when nothing else is pending
 */
public record HttpServerLimits(
    int maxConnections,
    int maxConnectionsPerAddress,
    Duration requestTimeout,
    int maxRequestLineBytes,
    int maxHeaderBytes,
    int maxPendingRequestBytes,
    int maxPendingAnswerBytes) {
  public static final int DEFAULT_MAX_CONNECTIONS = 512;
  public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 64;
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /** {@link #DEFAULT_REQUEST_TIMEOUT} as the command line spells it. */
  public static final String DEFAULT_REQUEST_TIMEOUT_TEXT = "10s";

  public static final int DEFAULT_MAX_REQUEST_LINE_BYTES = 4096;
  public static final int DEFAULT_MAX_HEADER_BYTES = 8192;
  public static final int DEFAULT_MAX_PENDING_REQUEST_BYTES = 4 << 20;
  public static final int DEFAULT_MAX_PENDING_ANSWER_BYTES = 256 << 20;

  public HttpServerLimits {
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    checkArgument(maxConnections > 0, "maxConnections must be positive, got " + maxConnections);
    checkArgument(
        maxConnectionsPerAddress > 0,
        "maxConnectionsPerAddress must be positive, got " + maxConnectionsPerAddress);
    checkArgument(
        requestTimeout.toMillis() > 0,
        "requestTimeout must be at least 1 ms, got " + requestTimeout);
    checkArgument(
        maxRequestLineBytes >= 64,
        "maxRequestLineBytes must be at least 64, got " + maxRequestLineBytes);
    checkArgument(
        maxHeaderBytes >= 256, "maxHeaderBytes must be at least 256, got " + maxHeaderBytes);
    checkArgument(
        maxPendingRequestBytes > 0,
        "maxPendingRequestBytes must be positive, got " + maxPendingRequestBytes);
    checkArgument(
        maxPendingAnswerBytes > 0,
        "maxPendingAnswerBytes must be positive, got " + maxPendingAnswerBytes);
  }

  /**
   * 512 connections, 64 per address, 10 s per request, 4 KiB request line, 8 KiB of headers, 4 MiB
   * of request bodies in progress, 256 MiB of large answers not yet written.
   */
  public static HttpServerLimits defaults() {
    return new HttpServerLimits(
        DEFAULT_MAX_CONNECTIONS,
        DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
        DEFAULT_REQUEST_TIMEOUT,
        DEFAULT_MAX_REQUEST_LINE_BYTES,
        DEFAULT_MAX_HEADER_BYTES,
        DEFAULT_MAX_PENDING_REQUEST_BYTES,
        DEFAULT_MAX_PENDING_ANSWER_BYTES);
  }

  public HttpServerLimits withMaxConnections(int connections, int perAddress) {
    return new HttpServerLimits(
        connections,
        perAddress,
        requestTimeout,
        maxRequestLineBytes,
        maxHeaderBytes,
        maxPendingRequestBytes,
        maxPendingAnswerBytes);
  }

  public HttpServerLimits withRequestTimeout(Duration timeout) {
    return new HttpServerLimits(
        maxConnections,
        maxConnectionsPerAddress,
        timeout,
        maxRequestLineBytes,
        maxHeaderBytes,
        maxPendingRequestBytes,
        maxPendingAnswerBytes);
  }

  public HttpServerLimits withMaxHeaderSizes(int requestLineBytes, int headerBytes) {
    return new HttpServerLimits(
        maxConnections,
        maxConnectionsPerAddress,
        requestTimeout,
        requestLineBytes,
        headerBytes,
        maxPendingRequestBytes,
        maxPendingAnswerBytes);
  }

  public HttpServerLimits withMaxPendingRequestBytes(int bytes) {
    return new HttpServerLimits(
        maxConnections,
        maxConnectionsPerAddress,
        requestTimeout,
        maxRequestLineBytes,
        maxHeaderBytes,
        bytes,
        maxPendingAnswerBytes);
  }

  public HttpServerLimits withMaxPendingAnswerBytes(int bytes) {
    return new HttpServerLimits(
        maxConnections,
        maxConnectionsPerAddress,
        requestTimeout,
        maxRequestLineBytes,
        maxHeaderBytes,
        maxPendingRequestBytes,
        bytes);
  }

  private static void checkArgument(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
