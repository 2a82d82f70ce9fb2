package io.plasmanode.node.operator;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.validation.Rejection;
import io.plasmanode.node.api.SubmitResult;
import java.util.Optional;

/**
 * Whether the {@link BlockProducer} takes transactions and closes blocks, and why not: production
 * halted for good ({@link #halt}), shutting down ({@link #stop}), a journal that did not replay
 * ({@link #replayFailed}), a full chain, a block the writer cannot store, or a writer too far
 * behind. Guarded by the producer's lock.
 *
 * <p><b>A failed write halts production, without losing the block.</b> The writer keeps the block
 * and retries it every interval ({@link BlockWriter}); new transactions are rejected with {@link
 * Rejection#OPERATOR_UNAVAILABLE} (JSON-RPC -32013), with a detail naming the storage failure,
 * until the write succeeds.
 *
 * <p><b>A chain it cannot continue halts production for good.</b> {@link
 * BlockProducer#haltProduction} (called when the root committer finds a block root on L1 that this
 * operator did not produce) refuses new transactions with {@link Rejection#OPERATOR_HALTED}
 * (JSON-RPC -32016) and closes no further block, until a person resolves it.
 */
final class ProductionGate {
  /** Why a transaction is refused while the producer shuts down. */
  static final String SHUTTING_DOWN = "the operator is shutting down; resubmit when it is back";

  private final OpenBlock open;
  private final UnwrittenBlocks unwritten;
  private final BlockWriter writer;

  private boolean stopped;

  /** Why block production is halted for good ({@link #halt}); empty while it runs. */
  private Optional<String> halted = Optional.empty();

  /** The journal did not replay: nothing of it may be stored, not even at shutdown. */
  private boolean replayFailed;

  ProductionGate(OpenBlock open, UnwrittenBlocks unwritten, BlockWriter writer) {
    this.open = requireNonNull(open, "open");
    this.unwritten = requireNonNull(unwritten, "unwritten");
    this.writer = requireNonNull(writer, "writer");
  }

  /** Why a new transaction is refused before it is checked against the open block, if it is. */
  Optional<SubmitResult> refusal() {
    if (halted.isPresent()) {
      return Optional.of(
          new SubmitResult.Rejected(
              Rejection.OPERATOR_HALTED, "the operator halted block production: " + halted.get()));
    }
    if (open.isChainFull()) {
      return Optional.of(
          new SubmitResult.Rejected(Rejection.CHAIN_FULL, OpenBlock.chainFullMessage()));
    }
    if (stopped) {
      return Optional.of(new SubmitResult.Rejected(Rejection.OPERATOR_UNAVAILABLE, SHUTTING_DOWN));
    }
    return writer
        .failure()
        .map(
            failure ->
                new SubmitResult.Rejected(
                    Rejection.OPERATOR_UNAVAILABLE,
                    "the operator cannot take transactions: " + failure));
  }

  /** The refusal for a transaction when the open block is full and the writer too far behind. */
  SubmitResult busy() {
    return new SubmitResult.Rejected(
        Rejection.OPERATOR_BUSY,
        "the operator is busy: block %d is full and the %d blocks before it are still being"
                .formatted(open.blknum(), unwritten.size())
            + " written to disk; retry shortly");
  }

  /** Whether the open block may close while running: neither stopped nor halted. */
  boolean mayClose() {
    return !stopped && halted.isEmpty();
  }

  /** Whether the open block may close at shutdown: the journal replayed and nothing halted. */
  boolean mayCloseAtShutdown() {
    return !replayFailed && halted.isEmpty();
  }

  /**
   * Halts production for good with {@code reason}; the first reason stays.
   *
   * @return whether this call halted it (false if it already was)
   */
  boolean halt(String reason) {
    if (halted.isPresent()) {
      return false;
    }
    halted = Optional.of(reason);
    return true;
  }

  /** Refuses transactions from now on: the producer shuts down. */
  void stop() {
    stopped = true;
  }

  /** The journal did not replay: stop, and store nothing of it, not even at shutdown. */
  void replayFailed() {
    replayFailed = true;
    stopped = true;
  }
}
