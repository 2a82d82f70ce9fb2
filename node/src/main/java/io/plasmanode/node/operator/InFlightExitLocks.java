package io.plasmanode.node.operator;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.inflight.InFlightExitState;
import io.plasmanode.core.inflight.OutputKey;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.l1.RootChain;
import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.ValidationResult;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.chain.StoredTransaction;
import io.plasmanode.storage.chain.TxLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the confirmed in-flight exit events for the {@link L1EventIngester}, as the operator must
 * (MoreVP; /work/shared/MOREVP-NOTES.md W2): when an in-flight exit starts, its tx's inputs are
 * locked as a standard exit's output is ({@link BlockProducer#lockExitingOutput}: no later
 * transaction spends them, {@code utxo_exiting}) and recorded as spent by that exit ({@link
 * ChainStore#recordInFlightSpend}); when an output is piggybacked, it is locked once a block holds
 * the tx ({@link BlockProducer#lockPiggybackedOutput}).
 *
 * <p>When a piggybacked output is shown spent on L1 ({@code InFlightExitOutputBlocked}), its lock
 * is released as a challenged standard exit's is: the piggyback can never be made again, so without
 * the release the output would be frozen on both chains. The spend shown is in no block (a block
 * cannot spend a locked output); L1 must show the piggyback gone, and no other exit may still pay
 * the output or have paid it ({@link OutputClaims}): then its owner can spend it here.
 *
 * <p>All are idempotent and durable in the store, so the ingester's re-delivery of a chunk after a
 * crash (before it recorded its cursor) applies them again harmlessly. When an exit ends on L1
 * (deleted, or processed to the end), {@link EndedInFlightExits} re-checks the locks it kept. The
 * other in-flight exit events change nothing here: an input piggyback needs no lock beyond the
 * start's (a blocked one releases none: the exit keeps claiming its inputs), and the canonicity
 * game is the watchers' and L1's.
 */
final class InFlightExitLocks {
  private static final Logger LOG = LoggerFactory.getLogger(InFlightExitLocks.class);

  private final RootChain rootChain;
  private final ChainStore store;
  private final BlockProducer producer;
  private final OutputClaims claims;

  InFlightExitLocks(RootChain rootChain, ChainStore store, BlockProducer producer) {
    this.rootChain = requireNonNull(rootChain, "rootChain");
    this.store = requireNonNull(store, "store");
    this.producer = requireNonNull(producer, "producer");
    this.claims = new OutputClaims(rootChain, store);
  }

  /**
   * Locks the inputs of the exit's tx; those that are not unspent here (spent, also by the tx
   * itself in the open block; unknown) stay as they are.
   *
   * @return the inputs locked now
   */
  List<UtxoPos> started(L1Event.InFlightExitStarted started) {
    ValidationResult<PaymentTransaction> decoded = TxCodec.decode(started.inFlightTx().toArray());
    if (!(decoded instanceof ValidationResult.Valid<PaymentTransaction> valid)) {
      // The contract decodes the tx with the same rules: only a contract not ours logs this.
      LOG.error(
          "In-flight exit {} (L1 block {}) of a transaction this chain cannot decode: {}",
          started.exitId(),
          started.origin().l1Block(),
          decoded);
      return List.of();
    }
    List<UtxoPos> locked = new ArrayList<>();
    for (UtxoPos input : valid.value().inputs()) {
      store.recordInFlightSpend(input, started.exitId());
      if (producer.lockExitingOutput(input)) {
        locked.add(input);
      }
    }
    LOG.info(
        "In-flight exit {} of transaction {} started: inputs {} locked{}",
        started.exitId(),
        started.txHash().toShortHex(),
        locked,
        locked.size() == valid.value().inputs().size() ? "" : " (the others were not unspent)");
    return locked;
  }

  /** Locks the piggybacked output once a block holds the exit's tx; reads the tx hash on L1. */
  Optional<PiggybackLock> outputPiggybacked(L1Event.InFlightExitOutputPiggybacked piggybacked) {
    Optional<InFlightExitState> exit = rootChain.inFlightExit(piggybacked.exitId());
    if (exit.isEmpty()) {
      LOG.error(
          "Output {} of in-flight exit {} was piggybacked in L1 block {}, but L1 has no such"
              + " exit now: a reorganisation deeper than the confirmations dropped it",
          piggybacked.outputIndex(),
          piggybacked.exitId(),
          piggybacked.origin().l1Block());
      return Optional.empty();
    }
    PiggybackLock lock =
        producer.lockPiggybackedOutput(exit.get().txHash(), piggybacked.outputIndex());
    LOG.info(
        "Output {} of in-flight exit {} (transaction {}) piggybacked on L1: {}",
        piggybacked.outputIndex(),
        piggybacked.exitId(),
        exit.get().txHash().toShortHex(),
        lock);
    return Optional.of(lock);
  }

  /**
   * Releases the lock of the blocked output if a stored block holds the exit's tx, L1 shows the
   * piggyback gone and no other exit claims the output.
   */
  ExitRelease outputBlocked(L1Event.InFlightExitOutputBlocked blocked) {
    int oindex = blocked.outputIndex();
    Optional<InFlightExitState> exit = rootChain.inFlightExit(blocked.exitId());
    if (exit.isEmpty() || exit.get().outputPiggybacked(oindex)) {
      LOG.error(
          "Output {} of in-flight exit {} was shown spent in L1 block {}, but L1 now {}: a"
              + " reorganisation deeper than the confirmations dropped the challenge; no release",
          oindex,
          blocked.exitId(),
          blocked.origin().l1Block(),
          exit.isEmpty() ? "has no such exit" : "shows it piggybacked");
      return ExitRelease.NOT_CHALLENGED_ON_L1;
    }
    Hash32 txHash = exit.get().txHash();
    Optional<TxLocation> stored = store.transaction(txHash).map(StoredTransaction::location);
    if (stored.isEmpty()) {
      // The challenge proved the tx in a block on L1; this operator commits roots only of stored
      // blocks, so that block is not one of its own: nothing of it is locked here.
      LOG.warn("Output {} of {} was shown spent; no stored block holds the tx", oindex, txHash);
      return ExitRelease.NOT_LOCKED;
    }
    UtxoPos pos = new UtxoPos(stored.get().blknum(), stored.get().txindex(), oindex);
    if (!(store.status(pos) instanceof UtxoStatus.Exiting)) {
      LOG.debug("Piggybacked output {} was shown spent; it is not locked here", pos);
      return ExitRelease.NOT_LOCKED;
    }
    Optional<String> claim = claims.otherClaim(pos, Optional.of(OutputKey.of(txHash, oindex)));
    if (claim.isPresent()) {
      LOG.warn(
          "Piggybacked output {} of in-flight exit {} was shown spent, but it stays locked: {}",
          pos,
          blocked.exitId(),
          claim.get());
      return ExitRelease.CLAIMED_ON_L1;
    }
    return producer.releaseChallengedOutput(pos, Optional.empty());
  }
}
