package io.plasmanode.core.inflight;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An in-flight exit as the contract records it ({@code inFlightExits}, {@code inFlightExitInput},
 * {@code inFlightExitOutput} of contracts/src/IPlasmaInFlightExits.sol), for one that was started.
 *
 * @param status {@code ACTIVE}, or {@code FINALIZED} once processed or deleted
 * @param txHash the in-flight tx's hash
 * @param bondOwner who gets the exit bond: the starter, then each challenger and responder
 * @param startedAt the L1 time the exit started (phase 1 is the first half exit period after it)
 * @param exitableAt when it can be processed; empty until its first piggyback
 * @param youngestInputPos its priority
 * @param oldestCompetitor the oldest competitor shown, if any
 * @param canonical whether the game holds the exit's tx canonical now
 * @param inputs the tx's inputs, as their input txs created them, in input order
 * @param outputs the outputs the contract knows (it learns an output at its first piggyback), in
 *     output order
 * @param piggybacked bits 0..3 inputs, 4..7 outputs, as they are now (a blocked or processed
 *     piggyback is cleared)
 */
public record InFlightExitState(
    Status status,
    Hash32 txHash,
    Address bondOwner,
    Instant startedAt,
    Optional<Instant> exitableAt,
    UtxoPos youngestInputPos,
    Optional<Competitor> oldestCompetitor,
    boolean canonical,
    List<Input> inputs,
    List<Output> outputs,
    int piggybacked) {

  public InFlightExitState {
    requireNonNull(status, "status");
    requireNonNull(txHash, "txHash");
    requireNonNull(exitableAt, "exitableAt");
    requireNonNull(oldestCompetitor, "oldestCompetitor");
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    checkArgument(piggybacked >= 0 && piggybacked <= 0xff, "piggybacked %s", piggybacked);
  }

  /** Where an in-flight exit is in its life (the contract's {@code None} reads as empty). */
  public enum Status {
    ACTIVE,
    FINALIZED
  }

  /**
   * A competitor of the exit's tx.
   *
   * @param txPos its tx position (oindex 0); empty for one shown without inclusion (in flight)
   */
  public record Competitor(Optional<UtxoPos> txPos) {
    public Competitor {
      requireNonNull(txPos, "txPos");
    }
  }

  /** Input {@code index}: the output it spends, at {@code utxoPos}. */
  public record Input(
      int index, UtxoPos utxoPos, Address owner, Address token, BigInteger amount) {}

  /** Output {@code index} of the exit's tx. */
  public record Output(int index, Address owner, Address token, BigInteger amount) {}

  /** Whether input {@code index} is piggybacked now. */
  public boolean inputPiggybacked(int index) {
    checkArgument(index >= 0 && index < 4, "input index %s", index);
    return (piggybacked & (1 << index)) != 0;
  }

  /** Whether output {@code index} is piggybacked now. */
  public boolean outputPiggybacked(int index) {
    checkArgument(index >= 0 && index < 4, "output index %s", index);
    return (piggybacked & (1 << (index + 4))) != 0;
  }

  public boolean isActive() {
    return status == Status.ACTIVE;
  }
}
