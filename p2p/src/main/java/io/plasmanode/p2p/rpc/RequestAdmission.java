package io.plasmanode.p2p.rpc;

import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * What the server takes on at once, shared by every channel of one server: at most {@code maxCalls}
 * calls executing or waiting for an executor thread, and at most {@code maxBodyBytes} of request
 * bodies from the moment a request's headers announce its body until its answer is sent. Beyond
 * either, a request is refused at once (the callers answer HTTP 503), so under overload the queue
 * in front of the executor, with the wait and the memory of what was taken, stays bounded; and a
 * refused body is never buffered. Likewise at most {@code maxLargeAnswerBytes} of answers of
 * {@value #LARGE_ANSWER_BYTES} bytes or more wait to be written to slow clients. Thread-safe.
 */
final class RequestAdmission {
  private final int maxCalls;
  private final int maxBodyBytes;
  private final Semaphore calls;
  private final Semaphore bodyBytes;

  /** Answers from this size on count against the answer budget; smaller ones never wait for it. */
  static final int LARGE_ANSWER_BYTES = 1 << 20;

  private final int maxLargeAnswerBytes;
  private final Semaphore largeAnswerBytes;

  RequestAdmission(int maxCalls, int maxBodyBytes, int maxLargeAnswerBytes) {
    this.maxCalls = maxCalls;
    this.maxBodyBytes = maxBodyBytes;
    this.maxLargeAnswerBytes = maxLargeAnswerBytes;
    this.calls = new Semaphore(maxCalls);
    this.bodyBytes = new Semaphore(maxBodyBytes);
    this.largeAnswerBytes = new Semaphore(maxLargeAnswerBytes);
  }

  /**
   * Reserves room for an answer of {@code bytes} until it is written, or returns why not; release
   * it with the same size once written (or the connection is gone). Small answers always pass.
   */
  Optional<String> tryReserveAnswer(int bytes) {
    if (bytes < LARGE_ANSWER_BYTES || largeAnswerBytes.tryAcquire(answerPermits(bytes))) {
      return Optional.empty();
    }
    return Optional.of(
        "Server busy: large answers waiting for slow clients fill the "
            + maxLargeAnswerBytes
            + "-byte budget; retry later");
  }

  void releaseAnswer(int bytes) {
    if (bytes >= LARGE_ANSWER_BYTES) {
      largeAnswerBytes.release(answerPermits(bytes));
    }
  }

  /** Bytes of large answers made and not yet written (or dropped with their connection). */
  long pendingLargeAnswerBytes() {
    return maxLargeAnswerBytes - largeAnswerBytes.availablePermits();
  }

  /**
   * An answer larger than the whole budget takes all of it: it goes out when nothing else waits.
   */
  private int answerPermits(int bytes) {
    return Math.min(bytes, maxLargeAnswerBytes);
  }

  /** Reserves room for a body of {@code bytes}, or returns why not; release it once answered. */
  Optional<String> tryReserveBody(int bytes) {
    if (bodyBytes.tryAcquire(bytes)) {
      return Optional.empty();
    }
    return Optional.of(
        "Server busy: requests in progress fill the " + maxBodyBytes + "-byte budget; retry later");
  }

  void releaseBody(int bytes) {
    bodyBytes.release(bytes);
  }

  /** Admits a call to the executor, or returns why not; release it once it has run. */
  Optional<String> tryAdmitCall() {
    if (calls.tryAcquire()) {
      return Optional.empty();
    }
    return Optional.of("Server busy: " + maxCalls + " requests in progress; retry later");
  }

  void releaseCall() {
    calls.release();
  }
}
