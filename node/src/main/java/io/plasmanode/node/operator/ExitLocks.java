package io.plasmanode.node.operator;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.node.storage.ChainStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Locks the outputs whose exit started on L1: marks an unspent output exiting in the store, so no
 * later transaction can spend it ({@code utxo_exiting}). If a transaction of the open block or of a
 * block being written already spends it, it stays spent: the transaction was accepted first, the
 * exit is invalid and becomes challengeable (with that transaction) once the block is committed.
 *
 * <p>Runs under the producer's lock, the one that guards inclusion, so no transaction enters the
 * open block between the check and the lock.
 */
final class ExitLocks {
  // Logs as the producer: its lines keep the name operators and log readers know.
  private static final Logger LOG = LoggerFactory.getLogger(BlockProducer.class);

  private final ChainStore store;
  private final OpenBlock open;

  ExitLocks(ChainStore store, OpenBlock open) {
    this.store = requireNonNull(store, "store");
    this.open = requireNonNull(open, "open");
  }

  /**
   * Locks the output at {@code pos}; the producer's lock is held. Idempotent.
   *
   * @return whether the output is now locked
   */
  boolean lock(UtxoPos pos) {
    if (open.status(pos) instanceof UtxoStatus.Spent
        && store.status(pos) instanceof UtxoStatus.Unspent) {
      LOG.warn(
          "Exit of {} started on L1, but a transaction of the open block {} or of a block"
              + " being written already spends it: the exit is challengeable once that block is"
              + " committed",
          pos,
          open.blknum());
      return false;
    }
    boolean locked = store.markExiting(pos);
    if (locked) {
      LOG.info("Locked output {}: its exit started on L1", pos);
    } else {
      LOG.debug("Exit of {} started on L1; it is not an unspent output here", pos);
    }
    return locked;
  }
}
