package io.plasmanode.node.operator;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.inflight.InFlightExitState;
import io.plasmanode.core.l1.RootChain;
import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.chain.StoredTransaction;
import io.plasmanode.storage.chain.TxLocation;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-checks the locks an in-flight exit kept once it ended on L1 without paying them: deleted
 * ({@code InFlightExitDeleted}: nobody piggybacked in phase 1, nothing paid) or processed to the
 * end ({@code InFlightExitProcessed} with {@code finalized}). While it was active it kept locked
 * the outputs its tx spends (its start locked them, and a challenge of another exit of one left it
 * locked, {@link OutputClaims}) and its tx's piggybacked outputs; an exit that ends never restarts,
 * so without this re-check an output it did not pay would stay frozen here, its owner's only way
 * out a standard exit on L1.
 *
 * <p>Each such output still locked here is released only if nothing on L1 may still pay it or paid
 * it ({@link OutputClaims#endedExitClaim}): no active or processed standard exit of it, no payout
 * marked on its position or output key (a canonical exit marks all its inputs paid, a non-canonical
 * one the inputs it paid, either one the outputs it paid), no other active in-flight exit spending
 * it, and L1 no longer shows it piggybacked in an exit of the tx that made it. The ingester runs
 * the re-checks after all the events of a chunk are applied ({@link L1EventIngester}), so an exit
 * spending the output that started later in the same chunk is recorded before the re-check reads
 * the spends; a re-delivered chunk re-checks again, against L1's state then, and a release is one
 * durable store batch ({@link ChainStore#releaseExiting}): nothing else is recorded.
 */
final class EndedInFlightExits {
  private static final Logger LOG = LoggerFactory.getLogger(EndedInFlightExits.class);

  private final RootChain rootChain;
  private final ChainStore store;
  private final BlockProducer producer;
  private final OutputClaims claims;

  EndedInFlightExits(RootChain rootChain, ChainStore store, BlockProducer producer) {
    this.rootChain = requireNonNull(rootChain, "rootChain");
    this.store = requireNonNull(store, "store");
    this.producer = requireNonNull(producer, "producer");
    this.claims = new OutputClaims(rootChain, store);
  }

  /**
   * Re-checks, for each of {@code ended} (L1 showed them deleted or finalized), the outputs locked
   * here that it spends or made.
   *
   * @return what was done with each output re-checked, in order
   */
  Map<UtxoPos, ExitRelease> recheck(Collection<InFlightExitId> ended) {
    Map<UtxoPos, ExitRelease> outcomes = new LinkedHashMap<>();
    for (InFlightExitId exitId : new LinkedHashSet<>(ended)) {
      Optional<InFlightExitState> exit = rootChain.inFlightExit(exitId);
      if (exit.isEmpty() || exit.get().isActive()) {
        LOG.error(
            "In-flight exit {} ended on L1, but L1 now {}: a reorganisation deeper than the"
                + " confirmations dropped its end; its locks are kept",
            exitId,
            exit.isEmpty() ? "has no such exit" : "shows it active");
        continue;
      }
      for (UtxoPos pos : lockedBy(exit.get())) {
        outcomes.putIfAbsent(pos, release(pos, exitId));
      }
    }
    return outcomes;
  }

  /** The outputs locked here that the ended exit's tx spends or made (once a block held it). */
  private Set<UtxoPos> lockedBy(InFlightExitState exit) {
    Set<UtxoPos> candidates = new LinkedHashSet<>();
    exit.inputs().forEach(input -> candidates.add(input.utxoPos()));
    Optional<TxLocation> stored = store.transaction(exit.txHash()).map(StoredTransaction::location);
    for (int oindex = 0; stored.isPresent() && oindex < UtxoPos.MAX_OUTPUTS; oindex++) {
      candidates.add(new UtxoPos(stored.get().blknum(), stored.get().txindex(), oindex));
    }
    candidates.removeIf(pos -> !(store.status(pos) instanceof UtxoStatus.Exiting));
    return candidates;
  }

  private ExitRelease release(UtxoPos pos, InFlightExitId ended) {
    Optional<Hash32> madeBy = Optional.empty();
    if (!pos.isDeposit()) {
      Optional<StoredTransaction> tx =
          store.transaction(new TxLocation(pos.blknum(), pos.txindex()));
      if (tx.isEmpty()) {
        LOG.error("Output {} is locked, but no stored block holds its transaction: kept", pos);
        return ExitRelease.NOT_LOCKED;
      }
      madeBy = Optional.of(tx.get().tx().txHash());
    }
    Optional<String> claim = claims.endedExitClaim(pos, madeBy);
    if (claim.isPresent()) {
      LOG.info(
          "In-flight exit {} ended on L1 without paying output {}; it stays locked: {}",
          ended,
          pos,
          claim.get());
      return ExitRelease.CLAIMED_ON_L1;
    }
    return producer.releaseUnclaimedOutput(pos, ended);
  }
}
