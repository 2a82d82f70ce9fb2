package io.plasmanode.p2p.rpc;

import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * Which requests may go to the method executor: at most {@code maxRequests} requests, whose bodies
 * hold at most {@code maxBytes} together, executing or waiting for a thread. A request beyond
 * either is refused at once (the caller answers HTTP 503), so under overload the queue in front of
 * the executor, and with it the wait and the memory of the admitted requests, stays bounded.
 * Thread-safe: shared by every channel of one server.
 */
final class RequestAdmission {
  private final int maxRequests;
  private final int maxBytes;
  private final Semaphore requests;
  private final Semaphore bytes;

  RequestAdmission(int maxRequests, int maxBytes) {
    this.maxRequests = maxRequests;
    this.maxBytes = maxBytes;
    this.requests = new Semaphore(maxRequests);
    this.bytes = new Semaphore(maxBytes);
  }

  /**
   * Admits a request of {@code bodyBytes}, or returns why not. An admitted request must be
   * {@linkplain #release released} with the same size once it has run.
   */
  Optional<String> tryAdmit(int bodyBytes) {
    if (!requests.tryAcquire()) {
      return Optional.of("Server busy: " + maxRequests + " requests in progress; retry later");
    }
    if (!bytes.tryAcquire(bodyBytes)) {
      requests.release();
      return Optional.of(
          "Server busy: requests in progress fill the " + maxBytes + "-byte budget; retry later");
    }
    return Optional.empty();
  }

  void release(int bodyBytes) {
    bytes.release(bodyBytes);
    requests.release();
  }
}
