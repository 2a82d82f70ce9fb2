package io.plasmanode.core.l1;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Bytes;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The contract's events that the child chain acts on, with where they happened on L1. */
public sealed interface L1Event {
  /** The L1 block and transaction that emitted the event. */
  L1Origin origin();

  /** Where an event happened: L1 block number, L1 transaction hash and the log's index. */
  record L1Origin(long l1Block, Hash32 l1TxHash, long logIndex) {
    public L1Origin {
      requireNonNull(l1TxHash, "l1TxHash");
    }
  }

  /** A deposit created deposit block {@code blknum}, whose one output is owner/token/amount. */
  record Deposit(L1Origin origin, long blknum, Address owner, Address token, BigInteger amount)
      implements L1Event {}

  /** Someone started a standard exit of the output at {@code utxoPos}. */
  record ExitStarted(
      L1Origin origin,
      UtxoPos utxoPos,
      Address owner,
      Address token,
      BigInteger amount,
      Instant exitableAt)
      implements L1Event {}

  /** An exit was cancelled by a transaction spending its output. */
  record ExitChallenged(L1Origin origin, UtxoPos utxoPos, Address challenger, Hash32 spendingTxHash)
      implements L1Event {}

  /** A matured exit was processed; {@code paid} is false when the payout was credited instead. */
  record ExitFinalized(
      L1Origin origin,
      UtxoPos utxoPos,
      Address owner,
      Address token,
      BigInteger amount,
      boolean paid)
      implements L1Event {}

  /** The operator committed child block {@code blknum}. */
  record BlockSubmitted(L1Origin origin, long blknum, Hash32 root) implements L1Event {}

  /**
   * An event of the in-flight exit game (contracts/src/IPlasmaInFlightExits.sol), about the
   * in-flight exit {@code exitId}. A consumer with no use for them matches this one type.
   */
  sealed interface InFlightExitEvent extends L1Event {
    InFlightExitId exitId();
  }

  /**
   * {@code initiator} started the in-flight exit of {@code inFlightTx} (the unsigned RLP bytes,
   * whose hash is {@code txHash}); its inputs are no longer spendable on the child chain. Its
   * priority is {@code youngestInputPos}'s. {@code witnesses} are the input owners' signatures over
   * it, in input order: with them the log holds the signed tx.
   */
  record InFlightExitStarted(
      L1Origin origin,
      InFlightExitId exitId,
      Address initiator,
      Hash32 txHash,
      UtxoPos youngestInputPos,
      Bytes inFlightTx,
      List<Signature> witnesses)
      implements InFlightExitEvent {
    public InFlightExitStarted {
      requireNonNull(inFlightTx, "inFlightTx");
      witnesses = List.copyOf(witnesses);
    }
  }

  /** {@code owner} piggybacked input {@code inputIndex} (0..3) of the exit's tx. */
  record InFlightExitInputPiggybacked(
      L1Origin origin, InFlightExitId exitId, Address owner, int inputIndex)
      implements InFlightExitEvent {
    public InFlightExitInputPiggybacked {
      checkSlot(inputIndex);
    }
  }

  /** {@code owner} piggybacked output {@code outputIndex} (0..3) of the exit's tx. */
  record InFlightExitOutputPiggybacked(
      L1Origin origin, InFlightExitId exitId, Address owner, int outputIndex)
      implements InFlightExitEvent {
    public InFlightExitOutputPiggybacked {
      checkSlot(outputIndex);
    }
  }

  /**
   * {@code challenger} showed a competitor ({@code competitorHash}) of the exit's input {@code
   * inputIndex}: the exit is non-canonical. {@code competitorPos} is the competitor's tx position
   * (oindex 0), empty for a competitor shown without inclusion (in flight).
   */
  record InFlightExitChallenged(
      L1Origin origin,
      InFlightExitId exitId,
      Address challenger,
      int inputIndex,
      Hash32 competitorHash,
      Optional<UtxoPos> competitorPos)
      implements InFlightExitEvent {
    public InFlightExitChallenged {
      checkSlot(inputIndex);
      requireNonNull(competitorPos, "competitorPos");
    }
  }

  /**
   * {@code responder} showed the exit's tx included at {@code txPos} (oindex 0), older than every
   * competitor: the exit is canonical again.
   */
  record InFlightExitChallengeResponded(
      L1Origin origin, InFlightExitId exitId, Address responder, UtxoPos txPos)
      implements InFlightExitEvent {}

  /**
   * The piggybacked input {@code inputIndex} was shown spent; its bond went to {@code challenger}.
   */
  record InFlightExitInputBlocked(
      L1Origin origin, InFlightExitId exitId, Address challenger, int inputIndex)
      implements InFlightExitEvent {
    public InFlightExitInputBlocked {
      checkSlot(inputIndex);
    }
  }

  /**
   * The piggybacked output {@code outputIndex} was shown spent; its bond went to {@code
   * challenger}.
   */
  record InFlightExitOutputBlocked(
      L1Origin origin, InFlightExitId exitId, Address challenger, int outputIndex)
      implements InFlightExitEvent {
    public InFlightExitOutputBlocked {
      checkSlot(outputIndex);
    }
  }

  /** An exit nobody piggybacked in phase 1 was removed; its bond went to its bond owner. */
  record InFlightExitDeleted(L1Origin origin, InFlightExitId exitId) implements InFlightExitEvent {}

  /**
   * {@code token}'s piggybacks of the exit were processed: for a {@code canonical} exit its
   * piggybacked outputs of {@code token} were paid, else its piggybacked inputs. {@code paidSlots}
   * has bits 0..3 for inputs and 4..7 for outputs; {@code finalized} when no piggyback is left and
   * the exit bond was paid.
   */
  record InFlightExitProcessed(
      L1Origin origin,
      InFlightExitId exitId,
      Address token,
      boolean canonical,
      int paidSlots,
      boolean finalized)
      implements InFlightExitEvent {
    public InFlightExitProcessed {
      checkArgument(paidSlots >= 0 && paidSlots <= 0xff, "paidSlots %s is not 8 bits", paidSlots);
    }

    /** Whether input {@code index}'s piggyback was paid. */
    public boolean inputPaid(int index) {
      checkSlot(index);
      return (paidSlots & (1 << index)) != 0;
    }

    /** Whether output {@code index}'s piggyback was paid. */
    public boolean outputPaid(int index) {
      checkSlot(index);
      return (paidSlots & (1 << (index + 4))) != 0;
    }
  }

  private static void checkSlot(int index) {
    checkArgument(index >= 0 && index < 4, "a slot index is 0..3: %s", index);
  }
}
