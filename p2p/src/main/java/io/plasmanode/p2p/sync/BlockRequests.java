package io.plasmanode.p2p.sync;

import io.plasmanode.p2p.sync.SyncMessage.Blocks;
import io.plasmanode.p2p.sync.SyncMessage.GetBlocks;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * The GetBlocks this node sent to one peer and awaits. An answer must match a pending request and
 * hold only requested blocks, in increasing order; anything else is a {@link
 * SyncProtocolException}. Thread-safe: requests start on callers' threads, answers arrive on the
 * event loop.
 */
final class BlockRequests {
  private record Pending(
      GetBlocks request, CompletableFuture<List<SyncBlock>> future, Future<?> timeout) {}

  private final Map<Long, Pending> pending = new HashMap<>();
  private long nextRequestId;
  private boolean closed;

  /** A new request; empty when the connection closed or {@code maxPending} requests await. */
  synchronized Optional<GetBlocks> start(long fromBlknum, int count, int maxPending) {
    if (closed || pending.size() >= maxPending) {
      return Optional.empty();
    }
    return Optional.of(new GetBlocks(nextRequestId++, fromBlknum, count));
  }

  /** Starts awaiting the answer to {@code request}; {@code timeout} is cancelled on answer. */
  synchronized void await(
      GetBlocks request, CompletableFuture<List<SyncBlock>> future, Future<?> timeout) {
    if (closed) {
      timeout.cancel(false);
      future.completeExceptionally(new IllegalStateException("the connection closed"));
      return;
    }
    pending.put(request.requestId(), new Pending(request, future, timeout));
  }

  /** True while {@code requestId} awaits an answer. */
  synchronized boolean isPending(long requestId) {
    return pending.containsKey(requestId);
  }

  /**
   * Completes the request that {@code answer} answers.
   *
   * @throws SyncProtocolException when it answers nothing pending or holds unrequested blocks
   */
  void answer(Blocks answer) {
    Pending request;
    synchronized (this) {
      request = pending.remove(answer.requestId());
    }
    if (request == null) {
      throw new SyncProtocolException(
          Misbehaviour.UNSOLICITED_RESPONSE, "Blocks for unknown request " + answer.requestId());
    }
    request.timeout().cancel(false);
    try {
      checkRange(request.request(), answer.blocks());
    } catch (SyncProtocolException e) {
      request.future().completeExceptionally(e);
      throw e;
    }
    request.future().complete(answer.blocks());
  }

  private static void checkRange(GetBlocks request, List<SyncBlock> blocks) {
    long previous = 0;
    for (SyncBlock block : blocks) {
      if (!request.covers(block.blknum()) || block.blknum() <= previous) {
        throw new SyncProtocolException(
            Misbehaviour.OUT_OF_RANGE_RESPONSE,
            String.format(
                "block %d answering %d..%d (after %d)",
                block.blknum(), request.fromBlknum(), request.toBlknum(), previous));
      }
      previous = block.blknum();
    }
  }

  /** Fails every pending request with {@code cause} and refuses new ones. */
  void close(Throwable cause) {
    List<Pending> failed;
    synchronized (this) {
      closed = true;
      failed = List.copyOf(pending.values());
      pending.clear();
    }
    for (Pending request : failed) {
      request.timeout().cancel(false);
      request.future().completeExceptionally(cause);
    }
  }
}
