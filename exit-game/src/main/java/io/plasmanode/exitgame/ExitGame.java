package io.plasmanode.exitgame;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.l1.ExitId;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.ledger.UtxoView;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watcher's side of the exit game, as a pure state machine. It follows every exit started on L1
 * ({@link #apply(L1Event)}), judges each against the validated chain ({@link #check}) and decides:
 *
 * <ul>
 *   <li>an exit of an output the chain spent is invalid: {@code invalid_exit} (once) and a {@link
 *       Challenge} to submit, proposed at every check until the watcher records its submission
 *       ({@link #challengeSubmitted}); proposed again only if that submission failed ({@link
 *       #challengeFailed}) or L1 still shows the exit active {@code challengeRetryAfter} later;
 *   <li>an invalid exit that L1 still shows active once less than {@code safetyMargin} is left
 *       before its {@code exitableAt}: {@code unchallenged_exit} (once), telling users to exit. The
 *       margin is shorter than the contract's exit period (the watcher refuses other settings), so
 *       an exit is never "unchallenged" when first seen: this watcher's own challenge has the time
 *       from the exit's start to the margin to land. Either event ends when L1 shows the exit
 *       challenged or finalized ({@link EventCauses});
 *   <li>an exit of an output the chain does not hold yet (its block is not synced) is pending and
 *       judged at a later check; a valid exit is judged again at every check (a later block may
 *       still spend its output, which then challenges it) until L1 finalizes it.
 * </ul>
 *
 * <p>State: the tracked exits, value records ({@link #exits()}) that the watcher's store persists
 * after each call that changes them, together with the L1 event cursor in the same write so that
 * each event is applied once, and passes back to the constructor on restart. The chain knowledge
 * (UTXO set and spends) stays in the watcher's stores and comes in through {@link UtxoView} and
 * {@link SpendIndex}. No I/O, no clock: time is a parameter. Not thread-safe.
 */
public final class ExitGame {
  private static final Logger LOG = LoggerFactory.getLogger(ExitGame.class);

  private final ExitGameConfig config;
  private final Map<UtxoPos, TrackedExit> exits = new TreeMap<>();

  /** What a {@link #check} decided: events to raise and challenges to submit. */
  public record Decisions(List<ByzantineEvent> events, List<Challenge> challenges) {
    public Decisions {
      events = List.copyOf(events);
      challenges = List.copyOf(challenges);
    }

    public boolean isEmpty() {
      return events.isEmpty() && challenges.isEmpty();
    }
  }

  public ExitGame(ExitGameConfig config) {
    this(config, List.of());
  }

  /** Restores a game from the {@link #exits()} it had. */
  public ExitGame(ExitGameConfig config, Collection<TrackedExit> exits) {
    this.config = requireNonNull(config, "config");
    exits.forEach(exit -> this.exits.put(exit.utxoPos(), exit));
  }

  /**
   * Judges an exit of {@code pos} against the validated chain. A spend record wins over the view
   * (any signed spend cancels an exit); an output the view knows as spent without a record means a
   * broken store (records are written with the block's delta) and stays pending.
   */
  public static ExitVerdict judge(UtxoPos pos, UtxoView view, SpendIndex spends) {
    return judge(pos, spends.spendOf(pos), view);
  }

  /**
   * Judges {@code exit}: as {@link #judge(UtxoPos, UtxoView, SpendIndex)}, with only a spend signed
   * by the exit's owner (the one a challenge needs) counting.
   */
  static ExitVerdict judge(TrackedExit exit, UtxoView view, SpendIndex spends) {
    return judge(exit.utxoPos(), spends.spendBy(exit.utxoPos(), exit.owner()), view);
  }

  private static ExitVerdict judge(UtxoPos pos, Optional<SpendRecord> spend, UtxoView view) {
    if (spend.isPresent()) {
      return new ExitVerdict.Invalid(spend.get());
    }
    return switch (view.status(pos)) {
      case UtxoStatus.Unspent unspent -> new ExitVerdict.Valid();
      case UtxoStatus.Exiting exiting -> new ExitVerdict.Valid();
      case UtxoStatus.Unknown unknown -> new ExitVerdict.Pending();
      case UtxoStatus.Spent spent -> {
        LOG.error("output {} is spent but its spend was not recorded", pos);
        yield new ExitVerdict.Pending();
      }
    };
  }

  /**
   * Applies a contract event: exits start, are challenged or finalized. Other events are ignored,
   * and so is an exit event already applied or about an exit that is not tracked.
   */
  public void apply(L1Event event) {
    switch (event) {
      case L1Event.ExitStarted started ->
          exits.putIfAbsent(started.utxoPos(), TrackedExit.started(started));
      case L1Event.ExitChallenged challenged ->
          exits.computeIfPresent(
              challenged.utxoPos(), (pos, exit) -> exit.withStatus(TrackedExit.Status.CHALLENGED));
      case L1Event.ExitFinalized finalized -> finalized(finalized.utxoPos());
      default -> {}
    }
  }

  /**
   * Drops a finalized exit and the challenged exits of its token queued before it: the contract
   * popped them first (a later exit can never get an earlier priority than a processed one, since
   * {@code exitableAt >= startTime + minExitPeriod}).
   */
  private void finalized(UtxoPos pos) {
    TrackedExit done = exits.remove(pos);
    if (done == null) {
      return;
    }
    exits
        .values()
        .removeIf(
            exit ->
                !exit.isActive()
                    && exit.token().equals(done.token())
                    && TrackedExit.PRIORITY_ORDER.compare(exit, done) < 0);
  }

  /** Judges every active exit at {@code now} against the validated chain. */
  public Decisions check(UtxoView view, SpendIndex spends, Instant now) {
    List<ByzantineEvent> events = new ArrayList<>();
    List<Challenge> challenges = new ArrayList<>();
    for (TrackedExit exit : List.copyOf(exits.values())) {
      if (exit.isActive() && judge(exit, view, spends) instanceof ExitVerdict.Invalid invalid) {
        TrackedExit judged = decide(exit, invalid.spend(), now, events, challenges);
        exits.put(judged.utxoPos(), judged);
      }
    }
    return new Decisions(events, challenges);
  }

  private TrackedExit decide(
      TrackedExit exit,
      SpendRecord spend,
      Instant now,
      List<ByzantineEvent> events,
      List<Challenge> challenges) {
    if (!exit.invalidReported()) {
      events.add(new ByzantineEvent.InvalidExit(exit.utxoPos(), spend.spendingTxHash(), now));
    }
    if (needsChallenge(exit, now)) {
      challenges.add(spend.toChallenge());
    }
    boolean late = !now.isBefore(exit.exitableAt().minus(config.safetyMargin()));
    boolean raiseUnchallenged = late && !exit.unchallengedReported();
    if (raiseUnchallenged) {
      events.add(new ByzantineEvent.UnchallengedExit(exit.utxoPos(), exit.exitableAt(), now));
    }
    return exit.withReported(true, exit.unchallengedReported() || raiseUnchallenged);
  }

  private boolean needsChallenge(TrackedExit exit, Instant now) {
    return exit.challenge()
        .map(attempt -> !now.isBefore(attempt.submittedAt().plus(config.challengeRetryAfter())))
        .orElse(true);
  }

  /**
   * Records that the watcher submitted a challenge of {@code exitId} in L1 transaction {@code
   * l1TxHash}: it is not proposed again unless it fails. Ignored for an exit not tracked.
   */
  public void challengeSubmitted(UtxoPos exitId, Hash32 l1TxHash, Instant at) {
    var attempt = Optional.of(new TrackedExit.ChallengeAttempt(l1TxHash, at));
    exits.computeIfPresent(exitId, (pos, exit) -> exit.withChallenge(attempt));
  }

  /**
   * Records that the watcher's challenge of {@code exitId} failed (reverted, or dropped from the L1
   * mempool): the next check proposes it again while the exit is active.
   */
  public void challengeFailed(UtxoPos exitId) {
    exits.computeIfPresent(exitId, (pos, exit) -> exit.withChallenge(Optional.empty()));
  }

  /** What {@code processExits} on {@code token} would finalize at {@code now}. */
  public ProcessableExits processable(Address token, Instant now) {
    List<TrackedExit> queue =
        exits.values().stream()
            .filter(exit -> exit.token().equals(token))
            .sorted(TrackedExit.PRIORITY_ORDER)
            .toList();
    List<TrackedExit> matured = queue.stream().filter(exit -> exit.isMatured(now)).toList();
    Optional<ExitId> topExitId =
        !queue.isEmpty() && queue.getFirst().isActive()
            ? Optional.of(ExitId.of(queue.getFirst().utxoPos()))
            : Optional.empty();
    return new ProcessableExits(
        token, matured.stream().filter(TrackedExit::isActive).toList(), topExitId, matured.size());
  }

  /**
   * The outputs among {@code candidates} (an owner's outputs from the watcher's store) that can
   * start an exit, for {@code watcher_getExitableUtxos}: unspent in the validated chain, not
   * exiting, and without a tracked exit.
   */
  public List<Utxo> exitable(List<Utxo> candidates, UtxoView view) {
    return candidates.stream()
        .filter(utxo -> view.status(utxo.pos()) instanceof UtxoStatus.Unspent)
        .filter(utxo -> !exits.containsKey(utxo.pos()))
        .toList();
  }

  /** Whether L1 shows an exit of {@code utxoPos} started and neither challenged nor finalized. */
  public boolean isActive(UtxoPos utxoPos) {
    return exit(utxoPos).map(TrackedExit::isActive).orElse(false);
  }

  /** The exit of {@code utxoPos}, if it is tracked. */
  public Optional<TrackedExit> exit(UtxoPos utxoPos) {
    return Optional.ofNullable(exits.get(utxoPos));
  }

  /** Every tracked exit, by position: the state to persist. */
  public List<TrackedExit> exits() {
    return List.copyOf(exits.values());
  }
}
