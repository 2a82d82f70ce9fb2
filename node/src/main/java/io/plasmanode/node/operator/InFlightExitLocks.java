package io.plasmanode.node.operator;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.inflight.InFlightExitState;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.l1.RootChain;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.validation.ValidationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the confirmed in-flight exit events for the {@link L1EventIngester}, as the operator must
 * (MoreVP; /work/shared/MOREVP-NOTES.md W2): when an in-flight exit starts, its tx's inputs are
 * locked as a standard exit's output is ({@link BlockProducer#lockExitingOutput}: no later
 * transaction spends them, {@code utxo_exiting}); when an output is piggybacked, it is locked once
 * a block holds the tx ({@link BlockProducer#lockPiggybackedOutput}).
 *
 * <p>Both are idempotent and durable in the store, so the ingester's re-delivery of a chunk after a
 * crash (before it recorded its cursor) applies them again harmlessly. The other in-flight exit
 * events change nothing here: an input piggyback needs no lock beyond the start's, and the
 * canonicity game and processing are the watchers' and L1's.
 */
final class InFlightExitLocks {
  private static final Logger LOG = LoggerFactory.getLogger(InFlightExitLocks.class);

  private final RootChain rootChain;
  private final BlockProducer producer;

  InFlightExitLocks(RootChain rootChain, BlockProducer producer) {
    this.rootChain = requireNonNull(rootChain, "rootChain");
    this.producer = requireNonNull(producer, "producer");
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
}
