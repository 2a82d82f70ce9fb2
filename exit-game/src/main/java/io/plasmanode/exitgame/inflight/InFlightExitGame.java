package io.plasmanode.exitgame.inflight;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.exitgame.InFlightByzantineEvent;
import io.plasmanode.exitgame.SpendIndex;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The watcher's side of the in-flight exit game (contracts/src/IPlasmaInFlightExits.sol), as a pure
 * state machine, shaped as {@code ExitGame}. The watcher maps each L1 event to an observation
 * ({@link #started}, {@link #piggybacked}, {@link #challenged}, {@link #responded}, {@link
 * #blocked}, {@link #processed}, {@link #deleted}); {@link #check} judges every active exit against
 * the validated chain at {@code now} and decides:
 *
 * <ul>
 *   <li>{@link InFlightAction}s to send (W3, W4, W5), each one the contract accepts at that time
 *       (see {@link ExitDecider}); an action is proposed at every check until the watcher records
 *       its submission ({@link #submitted}), and again after a failure ({@link #failed}), when L1
 *       still shows the state that called for it {@code challengeRetryAfter} later, or at once when
 *       L1 shows a new canonicity state or blocks the slot;
 *   <li>{@link InFlightByzantineEvent}s, each raised once while its cause holds ({@link #holds}):
 *       {@code non_canonical_ife}, {@code invalid_ife_challenge}, {@code invalid_piggyback}, {@code
 *       piggyback_available} (W6), and the ones telling users to exit, {@code
 *       unchallenged_non_canonical_ife} and {@code unchallenged_piggyback}.
 * </ul>
 *
 * <p>It also says what the chain must refuse ({@link #exitingPositions}, W2) and which signed txs
 * spend an output ({@link #inFlightSpendsOf}, for W7 through {@link InFlightSpendIndex}).
 *
 * <p>State: the tracked exits, value records ({@link #exits()}) that the watcher persists after
 * each call that changes them, with its L1 event cursor in the same write, and passes back to the
 * constructor on restart. The chain stays in the watcher's stores and comes in through {@link
 * SpendIndex} and {@link TxLocator}; check only against a chain synced up to the L1 state observed.
 * No I/O, no clock: time is a parameter. Not thread-safe.
 */
public final class InFlightExitGame {
  private final InFlightExitConfig config;
  private final Map<InFlightExitId, TrackedInFlightExit> exits = new TreeMap<>();

  /** What a {@link #check} decided: events to raise and actions to send. */
  public record Decisions(List<InFlightByzantineEvent> events, List<InFlightAction> actions) {
    public Decisions {
      events = List.copyOf(events);
      actions = List.copyOf(actions);
    }

    public boolean isEmpty() {
      return events.isEmpty() && actions.isEmpty();
    }
  }

  public InFlightExitGame(InFlightExitConfig config) {
    this(config, List.of());
  }

  /** Restores a game from the {@link #exits()} it had. */
  public InFlightExitGame(InFlightExitConfig config, Collection<TrackedInFlightExit> exits) {
    this.config = requireNonNull(config, "config");
    exits.forEach(exit -> this.exits.put(exit.id(), exit));
  }

  public InFlightExitConfig config() {
    return config;
  }

  /**
   * {@code InFlightExitStarted}: the exit {@code id} of {@code signedTx} (the tx and its witnesses)
   * started at {@code startedAt}; {@code inputs} are the outputs its inputs spend, in input order.
   * Ignored when already tracked (an exit id is never restarted).
   */
  public void started(
      InFlightExitId id, SignedTransaction signedTx, List<Output> inputs, Instant startedAt) {
    exits.putIfAbsent(id, TrackedInFlightExit.started(id, signedTx, inputs, startedAt));
  }

  /**
   * {@code InFlightExit(Input|Output)Piggybacked} at {@code at}; {@code exitableAt} is the exit's
   * (its first piggyback fixes it).
   */
  public void piggybacked(InFlightExitId id, Slot slot, Instant exitableAt, Instant at) {
    update(id, exit -> checkSlot(exit, slot).withL1(exit.l1().withPiggyback(slot, exitableAt, at)));
  }

  /**
   * {@code InFlightExitChallenged}: a competitor of input {@code inputIndex} at {@code
   * competitorPos} (or in flight) made the exit non-canonical.
   */
  public void challenged(InFlightExitId id, int inputIndex, ChainPosition competitorPos) {
    requireNonNull(competitorPos, "competitorPos");
    update(
        id,
        exit ->
            checkSlot(exit, Slot.input(inputIndex))
                .withL1(exit.l1().withCanonicity(false, competitorPos))
                .withSubmissions(without(exit, key -> key.kind().isCanonicity())));
  }

  /** {@code InFlightExitChallengeResponded}: the tx was shown included at {@code txPos}. */
  public void responded(InFlightExitId id, UtxoPos txPos) {
    ChainPosition position = ChainPosition.included(txPos);
    update(
        id,
        exit ->
            exit.withL1(exit.l1().withCanonicity(true, position))
                .withSubmissions(without(exit, key -> key.kind().isCanonicity())));
  }

  /** {@code InFlightExit(Input|Output)Blocked}: the piggyback on {@code slot} was removed. */
  public void blocked(InFlightExitId id, Slot slot) {
    update(
        id,
        exit -> {
          Set<Slot> left = new TreeSet<>(exit.l1().piggybacked());
          left.remove(slot);
          ActionKey key = ActionKey.spent(id, slot);
          return checkSlot(exit, slot)
              .withL1(exit.l1().withPiggybacked(left))
              .withSubmissions(without(exit, key::equals));
        });
  }

  /**
   * {@code InFlightExitProcessed}: {@code token}'s piggybacks were paid or refunded, and cleared;
   * {@code canonical} is how the contract judged the exit (the first pass fixes the exit's
   * canonicity on L1: later ones leave it); {@code finalized} when none is left.
   */
  public void processed(InFlightExitId id, Address token, boolean canonical, boolean finalized) {
    requireNonNull(token, "token");
    update(
        id,
        exit -> {
          Set<Slot> left = new TreeSet<>(exit.l1().piggybacked());
          left.removeIf(slot -> exit.slotOutput(slot).token().equals(token));
          boolean shown = exit.l1().processing() ? exit.l1().canonical() : canonical;
          return exit.withL1(exit.l1().processed(shown, left, finalized));
        });
  }

  /** {@code InFlightExitDeleted}: removed after phase 1 without piggybacks. */
  public void deleted(InFlightExitId id) {
    update(id, exit -> exit.withL1(exit.l1().deleted()));
  }

  /**
   * Records that the watcher sent {@code key}'s action in L1 transaction {@code l1TxHash} at {@code
   * at}: it is not proposed again before {@code challengeRetryAfter} unless it fails.
   */
  public void submitted(ActionKey key, Hash32 l1TxHash, Instant at) {
    var sent = new TrackedInFlightExit.Submission(key, l1TxHash, at);
    update(
        key.exitId(),
        exit -> {
          List<TrackedInFlightExit.Submission> submissions =
              new ArrayList<>(without(exit, key::equals));
          submissions.add(sent);
          return exit.withSubmissions(submissions);
        });
  }

  /**
   * Records that {@code key}'s action failed (reverted or dropped): the next check may propose it.
   */
  public void failed(ActionKey key) {
    update(key.exitId(), exit -> exit.withSubmissions(without(exit, key::equals)));
  }

  /** Judges every active exit at {@code now} against the validated chain. */
  public Decisions check(SpendIndex spends, TxLocator locator, Instant now) {
    ChainJudge judge = new ChainJudge(List.copyOf(exits.values()), spends, locator);
    ExitDecider decider = new ExitDecider(config, now);
    List<InFlightByzantineEvent> events = new ArrayList<>();
    List<InFlightAction> actions = new ArrayList<>();
    for (TrackedInFlightExit exit : List.copyOf(exits.values())) {
      if (exit.isActive()) {
        ExitDecider.Outcome outcome = decider.decide(exit, judge.judge(exit));
        exits.put(exit.id(), outcome.exit());
        events.addAll(outcome.raised());
        actions.addAll(outcome.actions());
      }
    }
    return new Decisions(events, actions);
  }

  /** Whether the cause of {@code event} still holds at {@code now} (see {@link InFlightCauses}). */
  public boolean holds(InFlightByzantineEvent event, Instant now) {
    return exit(event.exitId())
        .map(exit -> InFlightCauses.holds(exit, event, now, config))
        .orElse(false);
  }

  /**
   * W2: the positions the chain must refuse to spend, for every exit ever started: all inputs from
   * the start, and each piggybacked output once {@code locator} finds the tx included.
   */
  public List<ExitingPosition> exitingPositions(TxLocator locator) {
    List<ExitingPosition> exiting = new ArrayList<>();
    for (TrackedInFlightExit exit : exits.values()) {
      List<UtxoPos> inputs = exit.tx().inputs();
      for (int i = 0; i < inputs.size(); i++) {
        exiting.add(new ExitingPosition(inputs.get(i), exit.id(), Slot.input(i), exit.startedAt()));
      }
      Optional<UtxoPos> txPos = locator.positionOf(exit.txHash());
      exit.l1().piggybackedAt().entrySet().stream()
          .filter(entry -> !entry.getKey().isInput() && txPos.isPresent())
          .forEach(
              entry -> {
                Slot slot = entry.getKey();
                UtxoPos pos =
                    new UtxoPos(txPos.get().blknum(), txPos.get().txindex(), slot.index());
                exiting.add(new ExitingPosition(pos, exit.id(), slot, entry.getValue()));
              });
    }
    return exiting;
  }

  /**
   * The known in-flight txs that spend {@code pos} (W7: a standard exit of it is invalid), as
   * spends in no block, each with the owner its exit's input record names.
   */
  public List<InFlightSpend> inFlightSpendsOf(UtxoPos pos) {
    return ChainJudge.inFlightSpendsOf(List.copyOf(exits.values()), pos);
  }

  /** Whether L1 shows the exit started and not finalized. */
  public boolean isActive(InFlightExitId id) {
    return exit(id).map(TrackedInFlightExit::isActive).orElse(false);
  }

  public Optional<TrackedInFlightExit> exit(InFlightExitId id) {
    return Optional.ofNullable(exits.get(id));
  }

  /** Every tracked exit, by id: the state to persist. */
  public List<TrackedInFlightExit> exits() {
    return List.copyOf(exits.values());
  }

  /**
   * Applies {@code change} to the exit {@code id}, if tracked, and drops the standing events whose
   * cause L1 no longer shows: a cause that comes back later is raised anew, as the watcher ended
   * the old event ({@link #holds}).
   */
  private void update(InFlightExitId id, UnaryOperator<TrackedInFlightExit> change) {
    exits.computeIfPresent(
        id,
        (key, exit) -> {
          TrackedInFlightExit changed = change.apply(exit);
          return changed.withStanding(
              changed.standing().stream()
                  .filter(event -> InFlightCauses.holdsOnL1(changed, event))
                  .toList());
        });
  }

  private static List<TrackedInFlightExit.Submission> without(
      TrackedInFlightExit exit, Predicate<ActionKey> drop) {
    return exit.submissions().stream().filter(sent -> !drop.test(sent.key())).toList();
  }

  private static TrackedInFlightExit checkSlot(TrackedInFlightExit exit, Slot slot) {
    checkArgument(exit.hasSlot(slot), "exit %s has no %s", exit.id(), slot);
    return exit;
  }
}
