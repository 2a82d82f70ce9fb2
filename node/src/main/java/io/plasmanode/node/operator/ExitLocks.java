package io.plasmanode.node.operator;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.chain.StoredTransaction;
import io.plasmanode.storage.chain.TxLocation;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Locks the outputs whose exit started on L1: marks an unspent output exiting in the store, so no
 * later transaction can spend it ({@code utxo_exiting}). If a transaction of the open block or of a
 * block being written already spends it, it stays spent: the transaction was accepted first, the
 * exit is invalid and becomes challengeable (with that transaction) once the block is committed.
 *
 * <p>Releases the lock when the exit was challenged on L1 with a spend that no block holds (a
 * half-signed swap, a censored transfer): the owner can never exit that output on L1 again (the
 * contract refuses to restart a challenged exit), so without the release it would be frozen on both
 * chains. The output becomes unspent again, to be spent by its owner's signature, including the
 * challenging spend itself. A lock whose output a block spends never exists, so a challenge with an
 * included spend finds no lock to release.
 *
 * <p>Locks the outputs piggybacked in an in-flight exit on L1 ({@link #lockPiggybacked}) as soon as
 * a block holds their transaction: at once if the block is stored; else the open block refuses
 * their spends ({@link OpenBlock#lockUnstored}) and the store creates them locked when it stores
 * the block ({@link ChainStore#markExitingOnInclusion}, durable).
 *
 * <p>Runs under the producer's lock, the one that guards inclusion, so no transaction enters the
 * open block between the check and the lock.
 */
final class ExitLocks {
  private static final Logger LOG = LoggerFactory.getLogger(ExitLocks.class);

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

  /**
   * Releases the lock of the output at {@code pos}, whose exit L1 holds as challenged with the
   * transaction {@code spendingTxHash} (when L1 names it: an in-flight output-spent challenge does
   * not, and needs not, as no block can spend a locked output); the producer's lock is held.
   * Idempotent.
   */
  ExitRelease release(UtxoPos pos, Optional<Hash32> spendingTxHash) {
    if (!(store.status(pos) instanceof UtxoStatus.Exiting)) {
      LOG.debug("Exit of {} was challenged on L1; the output is not locked here", pos);
      return ExitRelease.NOT_LOCKED;
    }
    Optional<StoredTransaction> included = spendingTxHash.flatMap(store::transaction);
    if (included.isPresent()) {
      LOG.error(
          "Exit of {} was challenged on L1 with transaction {} of block {}, which spends it, yet"
              + " the output is locked here, not spent: keeping the lock",
          pos,
          spendingTxHash.get().toShortHex(),
          included.get().location().blknum());
      return ExitRelease.SPENDER_INCLUDED;
    }
    store.releaseExiting(pos);
    LOG.info(
        "Released output {}: its exit was challenged on L1 with {}, which no block holds; its"
            + " owner can spend it here again",
        pos,
        spendingTxHash.map(hash -> "transaction " + hash.toShortHex()).orElse("a spend"));
    return ExitRelease.RELEASED;
  }

  /**
   * Releases the lock of the output at {@code pos}, which the in-flight exit {@code ended} kept
   * until it ended on L1 without paying it; the producer's lock is held. Idempotent.
   */
  ExitRelease releaseUnclaimed(UtxoPos pos, InFlightExitId ended) {
    if (!store.releaseExiting(pos)) {
      LOG.debug("In-flight exit {} ended on L1; output {} is not locked here", ended, pos);
      return ExitRelease.NOT_LOCKED;
    }
    LOG.info(
        "Released output {}: the in-flight exit {} that kept it locked ended on L1 without"
            + " paying it, and no other exit claims it; its owner can spend it here again",
        pos,
        ended);
    return ExitRelease.RELEASED;
  }

  /**
   * Locks output {@code oindex} of transaction {@code txHash}, piggybacked in an in-flight exit on
   * L1; the producer's lock is held. Idempotent.
   */
  PiggybackLock lockPiggybacked(Hash32 txHash, int oindex) {
    Optional<TxLocation> stored = store.markExitingOnInclusion(txHash, oindex);
    if (stored.isPresent()) {
      UtxoPos pos = new UtxoPos(stored.get().blknum(), stored.get().txindex(), oindex);
      return lock(pos) ? PiggybackLock.LOCKED : PiggybackLock.NOT_UNSPENT;
    }
    Optional<UtxoPos> pending = open.txPosition(txHash);
    if (pending.isPresent()) {
      UtxoPos pos = new UtxoPos(pending.get().blknum(), pending.get().txindex(), oindex);
      open.lockUnstored(pos);
      LOG.info("Locked output {} (piggybacked on L1) for when its block is stored", pos);
      return PiggybackLock.LOCKED_ON_INCLUSION;
    }
    if (store.transaction(txHash).isPresent()) {
      // Stored meanwhile by the writer, after the record: the store created the output locked.
      return PiggybackLock.LOCKED_ON_INCLUSION;
    }
    LOG.info(
        "Output {} of transaction {} was piggybacked on L1; no block holds the transaction",
        oindex,
        txHash.toShortHex());
    return PiggybackLock.NOT_INCLUDED;
  }

  /**
   * After a restart, refuses again the spends of piggybacked outputs whose transaction the journal
   * replayed into a block not yet stored; the producer's lock is held.
   */
  void restorePiggybacked() {
    for (Map.Entry<Hash32, Long> record : store.exitingOnInclusion().entrySet()) {
      Optional<UtxoPos> pending = open.txPosition(record.getKey());
      for (int oindex = 0; pending.isPresent() && oindex < UtxoPos.MAX_OUTPUTS; oindex++) {
        if ((record.getValue() & (1L << oindex)) != 0) {
          open.lockUnstored(new UtxoPos(pending.get().blknum(), pending.get().txindex(), oindex));
        }
      }
    }
  }
}
