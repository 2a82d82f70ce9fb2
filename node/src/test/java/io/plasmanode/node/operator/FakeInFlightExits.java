package io.plasmanode.node.operator;

import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.inflight.InFlightExitState;
import io.plasmanode.core.inflight.NonCanonicalChallenge;
import io.plasmanode.core.inflight.TxInclusion;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Bytes;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The in-flight exits of a {@link FakeRootChain}, kept in memory as its events set them: no proof,
 * signature or period is checked (the contract's ITs do that), only what the events say.
 */
final class FakeInFlightExits {
  private final Map<InFlightExitId, InFlightExitState> exits = new HashMap<>();

  /** Records the start of the in-flight exit of {@code txBytes}; its event. */
  L1Event.InFlightExitStarted start(
      L1Event.L1Origin origin, byte[] txBytes, Address initiator, List<Signature> witnesses) {
    PaymentTransaction tx = TxCodec.decode(txBytes).get();
    Hash32 txHash = Keccak.keccak256(txBytes);
    InFlightExitId id = InFlightExitId.ofTxHash(txHash);
    UtxoPos youngest = tx.inputs().stream().max(UtxoPos::compareTo).orElseThrow();
    exits.put(
        id,
        new InFlightExitState(
            InFlightExitState.Status.ACTIVE,
            txHash,
            initiator,
            Instant.EPOCH.plusSeconds(origin.l1Block()),
            Optional.empty(),
            youngest,
            Optional.empty(),
            true,
            inputs(tx),
            List.of(),
            0));
    return new L1Event.InFlightExitStarted(
        origin, id, initiator, txHash, youngest, Bytes.of(txBytes), witnesses);
  }

  L1Event.InFlightExitInputPiggybacked piggybackInput(
      L1Event.L1Origin origin, InFlightExitId id, Address owner, int index) {
    update(id, exit -> withPiggybacked(exit, exit.piggybacked() | (1 << index)));
    return new L1Event.InFlightExitInputPiggybacked(origin, id, owner, index);
  }

  L1Event.InFlightExitOutputPiggybacked piggybackOutput(
      L1Event.L1Origin origin, InFlightExitId id, Address owner, int index) {
    update(id, exit -> withPiggybacked(exit, exit.piggybacked() | (1 << (index + 4))));
    return new L1Event.InFlightExitOutputPiggybacked(origin, id, owner, index);
  }

  L1Event.InFlightExitChallenged challenge(
      L1Event.L1Origin origin, Address challenger, NonCanonicalChallenge challenge) {
    InFlightExitId id = idOf(challenge.inFlightTx().toArray());
    Optional<UtxoPos> competitorPos = challenge.competitorInclusion().map(TxInclusion::txPos);
    update(
        id,
        exit ->
            copy(
                exit,
                InFlightExitState.Status.ACTIVE,
                false,
                challenger,
                Optional.of(new InFlightExitState.Competitor(competitorPos)),
                exit.piggybacked()));
    return new L1Event.InFlightExitChallenged(
        origin,
        id,
        challenger,
        challenge.inputIndex(),
        Keccak.keccak256(challenge.competingTx().toArray()),
        competitorPos);
  }

  L1Event.InFlightExitChallengeResponded respond(
      L1Event.L1Origin origin, Address responder, byte[] txBytes, TxInclusion inclusion) {
    InFlightExitId id = idOf(txBytes);
    update(
        id,
        exit ->
            copy(
                exit,
                exit.status(),
                true,
                responder,
                Optional.of(new InFlightExitState.Competitor(Optional.of(inclusion.txPos()))),
                exit.piggybacked()));
    return new L1Event.InFlightExitChallengeResponded(origin, id, responder, inclusion.txPos());
  }

  L1Event.InFlightExitInputBlocked blockInput(
      L1Event.L1Origin origin, Address challenger, byte[] txBytes, int index) {
    InFlightExitId id = idOf(txBytes);
    update(id, exit -> withPiggybacked(exit, exit.piggybacked() & ~(1 << index)));
    return new L1Event.InFlightExitInputBlocked(origin, id, challenger, index);
  }

  L1Event.InFlightExitOutputBlocked blockOutput(
      L1Event.L1Origin origin, Address challenger, byte[] txBytes, int index) {
    InFlightExitId id = idOf(txBytes);
    update(id, exit -> withPiggybacked(exit, exit.piggybacked() & ~(1 << (index + 4))));
    return new L1Event.InFlightExitOutputBlocked(origin, id, challenger, index);
  }

  L1Event.InFlightExitDeleted delete(L1Event.L1Origin origin, InFlightExitId id) {
    update(id, exit -> finalized(exit, exit.canonical(), exit.piggybacked()));
    return new L1Event.InFlightExitDeleted(origin, id);
  }

  /**
   * Processes the exit to its end, as {@code processInFlightExit} does with its last token: the
   * piggybacks are cleared and it is finalized. The payouts ({@code outputFinalizedBy}) are the
   * test's to set.
   */
  L1Event.InFlightExitProcessed process(
      L1Event.L1Origin origin, InFlightExitId id, boolean canonical, int paidSlots) {
    update(id, exit -> finalized(exit, canonical, 0));
    return new L1Event.InFlightExitProcessed(origin, id, Address.ZERO, canonical, paidSlots, true);
  }

  private static InFlightExitState finalized(
      InFlightExitState exit, boolean canonical, int piggybacked) {
    return copy(
        exit,
        InFlightExitState.Status.FINALIZED,
        canonical,
        exit.bondOwner(),
        exit.oldestCompetitor(),
        piggybacked);
  }

  /** The inputs as the contract records them; owners and amounts are not read by the operator. */
  private static List<InFlightExitState.Input> inputs(PaymentTransaction tx) {
    List<InFlightExitState.Input> inputs = new ArrayList<>();
    for (int i = 0; i < tx.inputs().size(); i++) {
      inputs.add(
          new InFlightExitState.Input(
              i, tx.inputs().get(i), Address.ZERO, Address.ZERO, BigInteger.ZERO));
    }
    return inputs;
  }

  private static InFlightExitState copy(
      InFlightExitState exit,
      InFlightExitState.Status status,
      boolean canonical,
      Address bondOwner,
      Optional<InFlightExitState.Competitor> competitor,
      int piggybacked) {
    return new InFlightExitState(
        status,
        exit.txHash(),
        bondOwner,
        exit.startedAt(),
        exit.exitableAt(),
        exit.youngestInputPos(),
        competitor,
        canonical,
        exit.inputs(),
        exit.outputs(),
        piggybacked);
  }

  /** Forgets an exit, as a reorganisation deeper than the confirmations would. */
  void forget(InFlightExitId id) {
    exits.remove(id);
  }

  Optional<InFlightExitState> exit(InFlightExitId id) {
    return Optional.ofNullable(exits.get(id));
  }

  static InFlightExitId idOf(byte[] txBytes) {
    return InFlightExitId.of(txBytes);
  }

  private void update(InFlightExitId id, UnaryOperator<InFlightExitState> change) {
    InFlightExitState exit = exits.get(id);
    if (exit == null) {
      throw new IllegalStateException("InFlightExitNotActive: " + id);
    }
    exits.put(id, change.apply(exit));
  }

  private static InFlightExitState withPiggybacked(InFlightExitState exit, int bits) {
    return new InFlightExitState(
        exit.status(),
        exit.txHash(),
        exit.bondOwner(),
        exit.startedAt(),
        exit.exitableAt().or(() -> Optional.of(exit.startedAt().plusSeconds(60))),
        exit.youngestInputPos(),
        exit.oldestCompetitor(),
        exit.canonical(),
        exit.inputs(),
        exit.outputs(),
        bits);
  }

  static final BigInteger IN_FLIGHT_EXIT_BOND = BigInteger.valueOf(37);
  static final BigInteger PIGGYBACK_BOND = BigInteger.valueOf(28);
}
