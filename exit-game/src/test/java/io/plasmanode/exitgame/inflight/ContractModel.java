package io.plasmanode.exitgame.inflight;

import io.plasmanode.core.crypto.BouncyCastleSignerRecovery;
import io.plasmanode.core.crypto.SignerRecovery;
import io.plasmanode.core.eip712.PaymentEip712;
import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small model of the contract's in-flight exit rules (contracts/src/IPlasmaInFlightExits.sol),
 * written from the interface and independent of the game: what it accepts, and the state it keeps.
 * Positions are longs as the contract holds them ({@code IN_FLIGHT} is {@code 2^64 - 1}, 0 is "no
 * competitor"). Inclusion proofs are checked against {@link #blocks}. It accepts a response only
 * before any processing (the strict reading of "until the exit is processed").
 */
final class ContractModel {
  static final long IN_FLIGHT = -1L; // 2^64 - 1 as an unsigned long

  final Duration minExitPeriod;

  /** The committed blocks: tx position (oindex 0) to the tx there. */
  final Map<Long, PaymentTransaction> blocks = new HashMap<>();

  final Map<InFlightExitId, Exit> exits = new HashMap<>();
  private final SignerRecovery recovery = new BouncyCastleSignerRecovery();

  static final class Exit {
    final PaymentTransaction tx;
    final List<Output> inputs;
    final Instant startedAt;
    boolean active = true;
    boolean processing;
    boolean canonical = true;
    long oldestCompetitorPos;
    int piggybacked;
    int everPiggybacked;
    Optional<Instant> exitableAt = Optional.empty();

    Exit(PaymentTransaction tx, List<Output> inputs, Instant startedAt) {
      this.tx = tx;
      this.inputs = inputs;
      this.startedAt = startedAt;
    }

    Output slotOutput(Slot slot) {
      return slot.isInput() ? inputs.get(slot.index()) : tx.outputs().get(slot.index());
    }
  }

  ContractModel(Duration minExitPeriod) {
    this.minExitPeriod = minExitPeriod;
  }

  boolean inPhaseOne(Exit exit, Instant at) {
    return at.getEpochSecond() < exit.startedAt.getEpochSecond() + minExitPeriod.getSeconds() / 2;
  }

  /** Why the contract reverts {@code action} at {@code at}, or empty if it accepts it. */
  Optional<String> rejection(InFlightAction action, Instant at) {
    Exit exit = exits.get(action.exitId());
    if (exit == null || !exit.active) {
      return Optional.of("InFlightExitNotActive");
    }
    if (!exit.tx.equals(action.inFlightTx())) {
      return Optional.of("TxMismatch");
    }
    return switch (action) {
      case InFlightAction.ChallengeNotCanonical challenge -> notCanonical(exit, challenge, at);
      case InFlightAction.RespondToChallenge response -> respond(exit, response);
      case InFlightAction.ChallengeInputSpent spent ->
          spent(
              exit,
              Slot.input(spent.inputIndex()),
              spent.challenging().spendingTx(),
              spent.challenging().inputIndex(),
              spent.challenging().signature(),
              exit.tx.inputs().get(spent.inputIndex()));
      case InFlightAction.ChallengeOutputSpent spent -> outputSpent(exit, spent);
    };
  }

  private Optional<String> notCanonical(
      Exit exit, InFlightAction.ChallengeNotCanonical challenge, Instant at) {
    if (!inPhaseOne(exit, at)) {
      return Optional.of("PhaseOneOver");
    }
    PaymentTransaction competitor = challenge.competitor().spendingTx();
    int index = challenge.inputIndex();
    Optional<String> spend =
        spends(
            exit,
            competitor,
            challenge.competitor().inputIndex(),
            challenge.competitor().signature(),
            exit.tx.inputs().get(index),
            exit.inputs.get(index).owner());
    if (spend.isPresent()) {
      return spend;
    }
    long pos = challenge.competitorPos().toCompetingTxPos();
    if (pos != 0 && !competitor.equals(blocks.get(pos))) {
      return Optional.of(pos % 10 != 0 ? "InvalidTxPos" : "InvalidInclusionProof");
    }
    long stored = pos == 0 ? IN_FLIGHT : pos;
    if (exit.oldestCompetitorPos != 0
        && Long.compareUnsigned(stored, exit.oldestCompetitorPos) >= 0) {
      return Optional.of("CompetitorNotOlder");
    }
    return Optional.empty();
  }

  private Optional<String> respond(Exit exit, InFlightAction.RespondToChallenge response) {
    if (exit.canonical) {
      return Optional.of("NotChallenged");
    }
    if (exit.processing) {
      return Optional.of("AlreadyProcessed");
    }
    long pos = response.txPos().toLong();
    if (!exit.tx.equals(blocks.get(pos))) {
      return Optional.of("InvalidInclusionProof");
    }
    if (Long.compareUnsigned(pos, exit.oldestCompetitorPos) >= 0) {
      return Optional.of("ResponseNotOlder");
    }
    return Optional.empty();
  }

  private Optional<String> outputSpent(Exit exit, InFlightAction.ChallengeOutputSpent spent) {
    if (!exit.tx.equals(blocks.get(spent.txPos().toLong()))) {
      return Optional.of("InvalidInclusionProof");
    }
    UtxoPos output =
        new UtxoPos(spent.txPos().blknum(), spent.txPos().txindex(), spent.outputIndex());
    return spent(
        exit,
        Slot.output(spent.outputIndex()),
        spent.challenging().spendingTx(),
        spent.challenging().inputIndex(),
        spent.challenging().signature(),
        output);
  }

  private Optional<String> spent(
      Exit exit, Slot slot, PaymentTransaction tx, int inputIndex, Signature witness, UtxoPos pos) {
    if ((exit.piggybacked & (1 << slot.bit())) == 0) {
      return Optional.of("NotPiggybacked");
    }
    return spends(exit, tx, inputIndex, witness, pos, exit.slotOutput(slot).owner());
  }

  /** Whether {@code tx}'s input {@code inputIndex} is {@code pos}, signed by {@code owner}. */
  private Optional<String> spends(
      Exit exit,
      PaymentTransaction tx,
      int inputIndex,
      Signature witness,
      UtxoPos pos,
      Address owner) {
    if (tx.equals(exit.tx)) {
      return Optional.of("SameTx");
    }
    if (inputIndex >= tx.inputs().size() || !tx.inputs().get(inputIndex).equals(pos)) {
      return Optional.of("InputPositionMismatch");
    }
    Optional<Address> signer =
        recovery.recover(PaymentEip712.signingHash(InFlightFixture.DOMAIN, tx), witness);
    return signer.filter(owner::equals).isPresent()
        ? Optional.empty()
        : Optional.of("WitnessNotInputOwner");
  }

  // ------------------------------------------------------------ state changes (accepted calls)

  void start(InFlightExitId id, PaymentTransaction tx, List<Output> inputs, Instant at) {
    exits.putIfAbsent(id, new Exit(tx, inputs, at));
  }

  /** A piggyback, if the contract accepts it: returns the exit's exitableAt. */
  Optional<Instant> piggyback(InFlightExitId id, Slot slot, Instant at) {
    Exit exit = exits.get(id);
    int bit = 1 << slot.bit();
    boolean exists =
        slot.index() < (slot.isInput() ? exit.inputs.size() : exit.tx.outputs().size());
    if (!exit.active || !inPhaseOne(exit, at) || !exists || (exit.everPiggybacked & bit) != 0) {
      return Optional.empty();
    }
    exit.piggybacked |= bit;
    exit.everPiggybacked |= bit;
    exit.exitableAt = exit.exitableAt.or(() -> Optional.of(at.plus(minExitPeriod)));
    return exit.exitableAt;
  }

  /** Applies an accepted action. */
  void apply(InFlightAction action) {
    Exit exit = exits.get(action.exitId());
    switch (action) {
      case InFlightAction.ChallengeNotCanonical challenge -> {
        long pos = challenge.competitorPos().toCompetingTxPos();
        exit.canonical = false;
        exit.oldestCompetitorPos = pos == 0 ? IN_FLIGHT : pos;
      }
      case InFlightAction.RespondToChallenge response -> {
        exit.canonical = true;
        exit.oldestCompetitorPos = response.txPos().toLong();
      }
      case InFlightAction.ChallengeInputSpent spent ->
          exit.piggybacked &= ~(1 << Slot.input(spent.inputIndex()).bit());
      case InFlightAction.ChallengeOutputSpent spent ->
          exit.piggybacked &= ~(1 << Slot.output(spent.outputIndex()).bit());
    }
  }

  /** Processes {@code token}'s piggybacks if the exit is exitable: whether it finalized. */
  Optional<Boolean> process(InFlightExitId id, Address token, Instant at) {
    Exit exit = exits.get(id);
    if (!exit.active || exit.exitableAt.isEmpty() || at.isBefore(exit.exitableAt.get())) {
      return Optional.empty();
    }
    for (int bit = 0; bit < 8; bit++) {
      Slot slot = bit < 4 ? Slot.input(bit) : Slot.output(bit - 4);
      if ((exit.piggybacked & (1 << bit)) != 0 && exit.slotOutput(slot).token().equals(token)) {
        exit.piggybacked &= ~(1 << bit);
      }
    }
    exit.processing = true;
    exit.active = exit.piggybacked != 0;
    return Optional.of(!exit.active);
  }

  /** Deletes an exit never piggybacked, after phase 1: whether it did. */
  boolean delete(InFlightExitId id, Instant at) {
    Exit exit = exits.get(id);
    if (!exit.active || inPhaseOne(exit, at) || exit.everPiggybacked != 0) {
      return false;
    }
    exit.active = false;
    return true;
  }
}
