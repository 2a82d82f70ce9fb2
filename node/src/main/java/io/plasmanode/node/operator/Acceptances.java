package io.plasmanode.node.operator;

import com.google.common.util.concurrent.Uninterruptibles;
import io.plasmanode.core.ledger.PendingBlock;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.node.api.SubmitResult;
import io.plasmanode.storage.chain.JournaledTxs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One submission's accepted transactions on their way to an answer: grouped into journal entries
 * (consecutive in each block), queued for the {@link JournalWriter} in acceptance order, then
 * awaited. A transaction is answered accepted only once its entry or its block is durable, so an
 * acknowledgment survives a crash; one whose block the operator stopped before storing is answered
 * {@link Rejection#OPERATOR_UNAVAILABLE}.
 *
 * <p>{@link #add} and {@link #queue} run under the producer's lock, {@link #awaitDurable} outside
 * it; one instance serves one call on one thread.
 */
final class Acceptances {
  private final List<JournaledTxs> entries = new ArrayList<>();
  private final Map<Long, CompletableFuture<Void>> durable = new HashMap<>();
  private long blknum;
  private int firstTxindex;
  private List<JournaledTxs.Tx> txs = new ArrayList<>();

  /** Records a transaction accepted at {@code inclusion}; call in acceptance order. */
  void add(PendingBlock.Inclusion inclusion, CheckedTx tx) {
    if (!txs.isEmpty() && inclusion.blknum() != blknum) {
      flush();
    }
    if (txs.isEmpty()) {
      blknum = inclusion.blknum();
      firstTxindex = inclusion.txindex();
    }
    txs.add(new JournaledTxs.Tx(tx.stored(), tx.vtx().signers()));
  }

  private void flush() {
    entries.add(new JournaledTxs(blknum, firstTxindex, txs));
    txs = new ArrayList<>();
  }

  /** Queues the entries for the journal; the producer's lock is held, so they queue in order. */
  void queue(JournalWriter journalWriter) {
    if (!txs.isEmpty()) {
      flush();
    }
    entries.forEach(entry -> durable.put(entry.blknum(), journalWriter.append(entry)));
  }

  /**
   * Waits until the queued entries are durable, then answers {@code results}: as given, except that
   * an acceptance whose entry was lost (the operator stopped first) becomes a rejection.
   */
  List<SubmitResult> awaitDurable(List<SubmitResult> results) {
    if (durable.isEmpty()) {
      return results;
    }
    Set<Long> lost = lostBlocks();
    if (lost.isEmpty()) {
      return results;
    }
    return results.stream()
        .map(
            result ->
                result instanceof SubmitResult.Accepted accepted && lost.contains(accepted.blknum())
                    ? new SubmitResult.Rejected(
                        Rejection.OPERATOR_UNAVAILABLE,
                        "the operator stopped before block %d was stored; resubmit when it is back"
                            .formatted(accepted.blknum()))
                    : result)
        .toList();
  }

  private Set<Long> lostBlocks() {
    Set<Long> lost = new HashSet<>();
    durable.forEach(
        (blknum, future) -> {
          try {
            // Uninterruptibly: the answer must say what happened, and the wait always ends (the
            // journal writer fails what is left when it closes). The interrupt is kept.
            Uninterruptibles.getUninterruptibly(future);
          } catch (ExecutionException | CancellationException e) {
            lost.add(blknum);
          }
        });
    return lost;
  }
}
