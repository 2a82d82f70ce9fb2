package io.plasmanode.exitgame.inflight;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.exitgame.InFlightByzantineEvent;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An in-flight exit the {@link InFlightExitGame} follows: the tx, what L1 shows of the exit ({@link
 * L1State}) and what the watcher did about it (its submissions, the events it raised that still
 * stand). The unit of the game's persisted state. Finalized exits stay tracked: their inputs stay
 * refused by the chain and their signed tx still spends those inputs (a competitor of other exits,
 * a challenge of standard exits).
 *
 * @param id the exit id, {@code InFlightExitId.of(tx bytes)}
 * @param signedTx the exit's tx and its witnesses (input owners' signatures), from the start event
 * @param inputs the outputs the tx's inputs spend, in input order, as their txs created them (the
 *     contract's {@code inFlightExitInput}): their owners sign the witnesses, their tokens say
 *     which piggybacks a {@code processed(token)} clears
 * @param startedAt the L1 time the exit started
 * @param l1 what L1 shows of the exit now
 * @param submissions this watcher's actions sent and not failed, at most one per {@link ActionKey}
 * @param standing the events this game raised about the exit whose causes still hold
 */
public record TrackedInFlightExit(
    InFlightExitId id,
    SignedTransaction signedTx,
    List<Output> inputs,
    Instant startedAt,
    L1State l1,
    List<Submission> submissions,
    List<InFlightByzantineEvent> standing) {

  /** Where the exit is on L1. */
  public enum Status {
    ACTIVE,
    /** Processed for its last token, or deleted: it never changes again. */
    FINALIZED
  }

  /**
   * What L1 shows of an exit.
   *
   * @param status active or finalized
   * @param processing whether a token of it was processed (responses are then not proposed)
   * @param exitableAt fixed by its first piggyback
   * @param canonical the contract's {@code isCanonical}
   * @param oldestCompetitor the contract's {@code oldestCompetitorPos}: the oldest competitor
   *     shown, or the position of the last response
   * @param piggybacked the slots piggybacked now (blocked and processed ones cleared)
   * @param piggybackedAt every slot ever piggybacked, with when
   */
  public record L1State(
      Status status,
      boolean processing,
      Optional<Instant> exitableAt,
      boolean canonical,
      Optional<ChainPosition> oldestCompetitor,
      Set<Slot> piggybacked,
      Map<Slot, Instant> piggybackedAt) {
    /** A newly started exit: canonical, nothing piggybacked. */
    public static final L1State STARTED =
        new L1State(
            Status.ACTIVE, false, Optional.empty(), true, Optional.empty(), Set.of(), Map.of());

    public L1State {
      requireNonNull(status, "status");
      requireNonNull(exitableAt, "exitableAt");
      requireNonNull(oldestCompetitor, "oldestCompetitor");
      piggybacked = Collections.unmodifiableSortedSet(new TreeSet<>(piggybacked));
      piggybackedAt = Collections.unmodifiableSortedMap(new TreeMap<>(piggybackedAt));
      checkArgument(
          piggybackedAt.keySet().containsAll(piggybacked), "a piggybacked slot has no time");
    }

    L1State withCanonicity(boolean isCanonical, ChainPosition oldest) {
      return new L1State(
          status,
          processing,
          exitableAt,
          isCanonical,
          Optional.of(oldest),
          piggybacked,
          piggybackedAt);
    }

    L1State withPiggyback(Slot slot, Instant exitable, Instant at) {
      Set<Slot> now = new TreeSet<>(piggybacked);
      now.add(slot);
      Map<Slot, Instant> ever = new TreeMap<>(piggybackedAt);
      ever.putIfAbsent(slot, at);
      return new L1State(
          status,
          processing,
          exitableAt.or(() -> Optional.of(exitable)),
          canonical,
          oldestCompetitor,
          now,
          ever);
    }

    L1State withPiggybacked(Set<Slot> slots) {
      return new L1State(
          status, processing, exitableAt, canonical, oldestCompetitor, slots, piggybackedAt);
    }

    L1State processed(boolean isCanonical, Set<Slot> left, boolean finalized) {
      return new L1State(
          finalized ? Status.FINALIZED : status,
          true,
          exitableAt,
          isCanonical,
          oldestCompetitor,
          left,
          piggybackedAt);
    }

    L1State deleted() {
      return new L1State(
          Status.FINALIZED,
          processing,
          exitableAt,
          canonical,
          oldestCompetitor,
          Set.of(),
          piggybackedAt);
    }
  }

  /** An action this watcher sent: its L1 transaction and when. */
  public record Submission(ActionKey key, Hash32 l1TxHash, Instant submittedAt) {
    public Submission {
      requireNonNull(key, "key");
      requireNonNull(l1TxHash, "l1TxHash");
      requireNonNull(submittedAt, "submittedAt");
    }
  }

  public TrackedInFlightExit {
    requireNonNull(id, "id");
    requireNonNull(signedTx, "signedTx");
    inputs = List.copyOf(inputs);
    requireNonNull(startedAt, "startedAt");
    requireNonNull(l1, "l1");
    submissions = List.copyOf(submissions);
    standing = List.copyOf(standing);
    checkArgument(!signedTx.tx().isDeposit(), "a deposit cannot exit in flight");
    checkArgument(!signedTx.tx().isFeeClaim(), "a fee claim cannot exit in flight");
    checkArgument(
        inputs.size() == signedTx.tx().inputs().size(), "one input output per input of the tx");
    checkArgument(
        InFlightExitId.of(TxCodec.encode(signedTx.tx())).equals(id),
        "%s is not the exit id of the tx",
        id);
  }

  /** A newly started exit. */
  public static TrackedInFlightExit started(
      InFlightExitId id, SignedTransaction signedTx, List<Output> inputs, Instant startedAt) {
    return new TrackedInFlightExit(
        id, signedTx, inputs, startedAt, L1State.STARTED, List.of(), List.of());
  }

  public PaymentTransaction tx() {
    return signedTx.tx();
  }

  /** {@code keccak256} of the unsigned tx bytes: how the chain and the contract name the tx. */
  public Hash32 txHash() {
    return Keccak.keccak256(TxCodec.encode(tx()));
  }

  /** The exit's priority: its youngest input's position. */
  public UtxoPos youngestInputPos() {
    return tx().inputs().stream().max(UtxoPos::compareTo).orElseThrow();
  }

  public boolean isActive() {
    return l1.status() == Status.ACTIVE;
  }

  /** The slot's owner: the input's output's, or the tx output's. */
  public Output slotOutput(Slot slot) {
    return slot.isInput() ? inputs.get(slot.index()) : tx().outputs().get(slot.index());
  }

  /** Whether the tx has {@code slot}. */
  public boolean hasSlot(Slot slot) {
    return slot.index() < (slot.isInput() ? inputs.size() : tx().outputs().size());
  }

  /** This watcher's submission of {@code key}, if any. */
  public Optional<Submission> submission(ActionKey key) {
    return submissions.stream().filter(sent -> sent.key().equals(key)).findFirst();
  }

  TrackedInFlightExit withL1(L1State state) {
    return new TrackedInFlightExit(id, signedTx, inputs, startedAt, state, submissions, standing);
  }

  TrackedInFlightExit withSubmissions(List<Submission> sent) {
    return new TrackedInFlightExit(id, signedTx, inputs, startedAt, l1, sent, standing);
  }

  TrackedInFlightExit withStanding(List<InFlightByzantineEvent> events) {
    return new TrackedInFlightExit(id, signedTx, inputs, startedAt, l1, submissions, events);
  }
}
