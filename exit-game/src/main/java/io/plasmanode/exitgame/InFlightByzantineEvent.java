package io.plasmanode.exitgame;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.exitgame.inflight.ChainPosition;
import io.plasmanode.exitgame.inflight.InFlightExitGame;
import io.plasmanode.exitgame.inflight.Slot;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A byzantine event of the in-flight exit game ({@link InFlightExitGame}), about the exit {@link
 * #exitId()}. Each ends when L1 shows its cause gone ({@link InFlightExitGame#holds}).
 */
public sealed interface InFlightByzantineEvent extends ByzantineEvent {

  InFlightExitId exitId();

  /**
   * What makes two events the same report: the type, the exit and (where there is one) the slot or
   * the owner and slots. A cause is raised once while it holds.
   */
  List<Object> cause();

  /**
   * {@code non_canonical_ife}: the validated chain holds a competitor of the exit's tx older than
   * it (or the exit's tx is in no block and another tx spends one of its inputs), while L1 shows
   * the exit canonical: it must be challenged in phase 1, or its outputs may be paid.
   */
  record NonCanonicalIfe(
      InFlightExitId exitId,
      int inputIndex,
      Hash32 competitorHash,
      ChainPosition competitorPos,
      Instant phaseOneEnd,
      Instant detectedAt)
      implements InFlightByzantineEvent {
    public NonCanonicalIfe {
      requireNonNull(exitId, "exitId");
      requireNonNull(competitorHash, "competitorHash");
      requireNonNull(competitorPos, "competitorPos");
      requireNonNull(phaseOneEnd, "phaseOneEnd");
      requireNonNull(detectedAt, "detectedAt");
    }

    @Override
    public String type() {
      return "non_canonical_ife";
    }

    @Override
    public Action action() {
      return Action.CHALLENGE;
    }

    @Override
    public String reason() {
      return ("in-flight exit %s is not canonical: tx %s (%s) spends its input %d and is older;"
              + " challenge it (challengeInFlightExitNotCanonical) before phase 1 ends at %s")
          .formatted(exitId, competitorHash.toShortHex(), competitorPos, inputIndex, phaseOneEnd);
    }

    @Override
    public List<Object> cause() {
      return List.of(type(), exitId);
    }
  }

  /**
   * {@code invalid_ife_challenge}: L1 shows the exit non-canonical, but its tx is included at
   * {@code txPos}, older than every competitor: respond to the challenge.
   */
  record InvalidIfeChallenge(InFlightExitId exitId, UtxoPos txPos, Instant detectedAt)
      implements InFlightByzantineEvent {
    public InvalidIfeChallenge {
      requireNonNull(exitId, "exitId");
      requireNonNull(txPos, "txPos");
      requireNonNull(detectedAt, "detectedAt");
    }

    @Override
    public String type() {
      return "invalid_ife_challenge";
    }

    @Override
    public Action action() {
      return Action.CHALLENGE;
    }

    @Override
    public String reason() {
      return ("in-flight exit %s was challenged as non-canonical, but its tx is included at %s,"
              + " older than every competitor: respond (respondToNonCanonicalChallenge) with"
              + " its inclusion proof")
          .formatted(exitId, txPos);
    }

    @Override
    public List<Object> cause() {
      return List.of(type(), exitId);
    }
  }

  /**
   * {@code piggyback_available}: {@code owner} can still piggyback {@code slots} of the exit (phase
   * 1 only, until {@code deadline}); an owner who does not piggyback does not exit.
   */
  record PiggybackAvailable(
      InFlightExitId exitId, Address owner, List<Slot> slots, Instant deadline, Instant detectedAt)
      implements InFlightByzantineEvent {
    public PiggybackAvailable {
      requireNonNull(exitId, "exitId");
      requireNonNull(owner, "owner");
      slots = List.copyOf(slots);
      requireNonNull(deadline, "deadline");
      requireNonNull(detectedAt, "detectedAt");
    }

    @Override
    public String type() {
      return "piggyback_available";
    }

    @Override
    public Action action() {
      return Action.PIGGYBACK;
    }

    @Override
    public String reason() {
      return "in-flight exit %s: %s can piggyback %s before %s to exit with it"
          .formatted(
              exitId,
              owner.toHex(),
              slots.stream().map(Slot::toString).collect(Collectors.joining(", ")),
              deadline);
    }

    @Override
    public List<Object> cause() {
      return List.of(type(), exitId, owner, slots);
    }
  }

  /**
   * {@code invalid_piggyback}: the piggybacked {@code slot} was spent by tx {@code spendingTxHash}
   * (an input spent by another tx, or an output of the included tx spent): challenge it.
   */
  record InvalidPiggyback(
      InFlightExitId exitId, Slot slot, Hash32 spendingTxHash, Instant detectedAt)
      implements InFlightByzantineEvent {
    public InvalidPiggyback {
      requireNonNull(exitId, "exitId");
      requireNonNull(slot, "slot");
      requireNonNull(spendingTxHash, "spendingTxHash");
      requireNonNull(detectedAt, "detectedAt");
    }

    @Override
    public String type() {
      return "invalid_piggyback";
    }

    @Override
    public Action action() {
      return Action.CHALLENGE;
    }

    @Override
    public String reason() {
      return ("piggyback on %s of in-flight exit %s is invalid: tx %s spent it; challenge it"
              + " (challengeInFlightExit%sSpent) before the exit is processed")
          .formatted(
              slot, exitId, spendingTxHash.toShortHex(), slot.isInput() ? "Input" : "Output");
    }

    @Override
    public List<Object> cause() {
      return List.of(type(), exitId, slot);
    }
  }

  /**
   * {@code unchallenged_non_canonical_ife}: the exit is not canonical but L1 still shows it
   * canonical as phase 1 ends, when nobody can challenge it any more: its piggybacked outputs will
   * be paid, so users must exit.
   */
  record UnchallengedNonCanonicalIfe(InFlightExitId exitId, Instant phaseOneEnd, Instant detectedAt)
      implements InFlightByzantineEvent {
    public UnchallengedNonCanonicalIfe {
      requireNonNull(exitId, "exitId");
      requireNonNull(phaseOneEnd, "phaseOneEnd");
      requireNonNull(detectedAt, "detectedAt");
    }

    @Override
    public String type() {
      return "unchallenged_non_canonical_ife";
    }

    @Override
    public Action action() {
      return Action.EXIT;
    }

    @Override
    public String reason() {
      return ("in-flight exit %s is not canonical but still unchallenged as its phase 1 ends at %s;"
              + " exit your outputs now")
          .formatted(exitId, phaseOneEnd);
    }

    @Override
    public List<Object> cause() {
      return List.of(type(), exitId);
    }
  }

  /**
   * {@code unchallenged_piggyback}: an invalid piggyback that L1 still shows close to the exit's
   * {@code exitableAt}: if it is processed, it takes funds that are not its owner's, so users must
   * exit.
   */
  record UnchallengedPiggyback(
      InFlightExitId exitId, Slot slot, Instant exitableAt, Instant detectedAt)
      implements InFlightByzantineEvent {
    public UnchallengedPiggyback {
      requireNonNull(exitId, "exitId");
      requireNonNull(slot, "slot");
      requireNonNull(exitableAt, "exitableAt");
      requireNonNull(detectedAt, "detectedAt");
    }

    @Override
    public String type() {
      return "unchallenged_piggyback";
    }

    @Override
    public Action action() {
      return Action.EXIT;
    }

    @Override
    public String reason() {
      return ("invalid piggyback on %s of in-flight exit %s is still unchallenged and becomes"
              + " processable at %s; exit your outputs now")
          .formatted(slot, exitId, exitableAt);
    }

    @Override
    public List<Object> cause() {
      return List.of(type(), exitId, slot);
    }
  }
}
