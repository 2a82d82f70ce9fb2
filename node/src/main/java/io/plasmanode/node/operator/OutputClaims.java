package io.plasmanode.node.operator;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.inflight.InFlightExitState;
import io.plasmanode.core.inflight.OutputKey;
import io.plasmanode.core.l1.ExitId;
import io.plasmanode.core.l1.ExitState;
import io.plasmanode.core.l1.RootChain;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.storage.chain.ChainStore;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;

/**
 * What else on L1 may still pay a locked output, or paid it, asked before its lock is released
 * because one exit of it was challenged with a spend no block holds ({@link ExitChallenges}, {@link
 * InFlightExitLocks#outputBlocked}) or an in-flight exit that kept it locked ended ({@link
 * EndedInFlightExits}): that ends one claim on the output, not the others, and a released output
 * can be spent here. The lock stays if
 *
 * <ul>
 *   <li>a standard exit of the position is active (it may be paid) or was processed (it was);
 *   <li>L1 marks the output paid ({@code outputFinalizedBy} of its position, or of its in-flight
 *       output key): a standard exit, an in-flight exit paying it as an input or as an output;
 *   <li>an in-flight exit whose tx spends the output is still active: processed non-canonical it
 *       may pay the output back to an input piggyback, processed canonical it pays that tx's
 *       outputs in its place (the operator records these spends when such an exit starts, {@link
 *       ChainStore#recordInFlightSpend}).
 * </ul>
 */
final class OutputClaims {
  private final RootChain rootChain;
  private final ChainStore store;

  OutputClaims(RootChain rootChain, ChainStore store) {
    this.rootChain = requireNonNull(rootChain, "rootChain");
    this.store = requireNonNull(store, "store");
  }

  /**
   * The claim, other than the challenged one, that keeps the output at {@code pos} locked, in
   * words; empty if there is none.
   *
   * @param outputKey the output's in-flight output key, when it is an output of a transfer whose
   *     hash is known
   */
  Optional<String> otherClaim(UtxoPos pos, Optional<BigInteger> outputKey) {
    ExitState.Status standard = rootChain.exit(pos).status();
    if (standard == ExitState.Status.ACTIVE || standard == ExitState.Status.FINALIZED) {
      return Optional.of("its standard exit is " + standard.name().toLowerCase(Locale.ROOT));
    }
    return paidOrSpentInFlight(pos, outputKey);
  }

  /**
   * As {@link #otherClaim}, for an output an in-flight exit kept locked until it ended ({@link
   * EndedInFlightExits}); also a claim while L1 shows the output piggybacked in an active in-flight
   * exit of the transaction that made it.
   *
   * @param madeBy the hash of the transaction that made the output, if a transfer did
   */
  Optional<String> endedExitClaim(UtxoPos pos, Optional<Hash32> madeBy) {
    return otherClaim(pos, madeBy.map(txHash -> OutputKey.of(txHash, pos.oindex())))
        .or(() -> madeBy.flatMap(txHash -> piggybacked(txHash, pos.oindex())));
  }

  private Optional<String> piggybacked(Hash32 txHash, int oindex) {
    InFlightExitId exitId = InFlightExitId.ofTxHash(txHash);
    return rootChain
        .inFlightExit(exitId)
        .filter(exit -> exit.isActive() && exit.outputPiggybacked(oindex))
        .map(exit -> "it is piggybacked in the in-flight exit " + exitId + ", which is active");
  }

  /**
   * As {@link #otherClaim}, for an output whose standard exit L1 was just read as challenged: the
   * payouts and the active in-flight exits spending it. Not a piggyback of it in the exit of the tx
   * that made it, as {@link #endedExitClaim} asks: L1 never pays that once its standard exit is
   * challenged ({@link ExitChallenges}).
   */
  Optional<String> paidOrSpentInFlight(UtxoPos pos, Optional<BigInteger> outputKey) {
    Optional<ExitId> paidBy =
        rootChain
            .outputFinalizedBy(BigInteger.valueOf(pos.toLong()))
            .or(() -> outputKey.flatMap(rootChain::outputFinalizedBy));
    if (paidBy.isPresent()) {
      return Optional.of("L1 paid it (exit " + paidBy.get() + ")");
    }
    for (InFlightExitId spender : store.inFlightSpendsOf(pos)) {
      if (rootChain.inFlightExit(spender).filter(InFlightExitState::isActive).isPresent()) {
        return Optional.of("the in-flight exit " + spender + ", whose tx spends it, is active");
      }
    }
    return Optional.empty();
  }
}
