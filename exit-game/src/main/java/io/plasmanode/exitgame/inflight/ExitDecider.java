package io.plasmanode.exitgame.inflight;

import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.exitgame.InFlightByzantineEvent;
import io.plasmanode.exitgame.SpendRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, for one active in-flight exit at {@code now}, what the watcher proposes and raises, from
 * what L1 shows ({@link TrackedInFlightExit#l1()}) and what the chain says ({@link
 * ChainJudge.Judgement}). Only what the contract accepts is proposed:
 *
 * <ul>
 *   <li>a canonicity challenge: the exit known non-canonical, L1 showing it canonical, before the
 *       phase 1 deadline, with a competitor strictly older than L1's oldest;
 *   <li>a response: L1 showing it non-canonical, its tx included at a position older than L1's
 *       oldest competitor and than every known competitor, no token processed yet;
 *   <li>a spent challenge: for a slot L1 shows piggybacked now, spent by another tx signed by its
 *       owner (an output once the tx is included).
 * </ul>
 */
final class ExitDecider {
  private final InFlightExitConfig config;
  private final Instant now;

  /** The exit with its standing events updated, the events newly raised and the actions. */
  record Outcome(
      TrackedInFlightExit exit,
      List<InFlightByzantineEvent> raised,
      List<InFlightAction> actions) {}

  ExitDecider(InFlightExitConfig config, Instant now) {
    this.config = config;
    this.now = now;
  }

  Outcome decide(TrackedInFlightExit exit, ChainJudge.Judgement judgement) {
    List<InFlightAction> actions =
        actions(exit, judgement).stream().filter(action -> isDue(exit, action.key())).toList();
    List<InFlightByzantineEvent> desired = new ArrayList<>(canonicityEvents(exit, judgement));
    desired.addAll(piggybackEvents(exit, judgement));
    desired.addAll(available(exit, judgement));
    List<InFlightByzantineEvent> kept =
        exit.standing().stream()
            .filter(event -> InFlightCauses.holds(exit, event, now, config))
            .filter(
                event ->
                    !(event instanceof InFlightByzantineEvent.PiggybackAvailable)
                        || desired.stream()
                            .anyMatch(wanted -> wanted.cause().equals(event.cause())))
            .toList();
    List<InFlightByzantineEvent> raised =
        desired.stream()
            .filter(wanted -> kept.stream().noneMatch(old -> old.cause().equals(wanted.cause())))
            .toList();
    List<InFlightByzantineEvent> standing = new ArrayList<>(kept);
    standing.addAll(raised);
    return new Outcome(exit.withStanding(standing), raised, actions);
  }

  private boolean isDue(TrackedInFlightExit exit, ActionKey key) {
    return exit.submission(key)
        .map(sent -> !now.isBefore(sent.submittedAt().plus(config.challengeRetryAfter())))
        .orElse(true);
  }

  private boolean beforeDeadline(TrackedInFlightExit exit) {
    return now.isBefore(config.phaseOneDeadline(exit.startedAt()));
  }

  private List<InFlightAction> actions(TrackedInFlightExit exit, ChainJudge.Judgement judgement) {
    List<InFlightAction> actions = new ArrayList<>();
    PaymentTransaction tx = exit.tx();
    challengeable(exit, judgement)
        .ifPresent(
            competitor ->
                actions.add(
                    new InFlightAction.ChallengeNotCanonical(
                        exit.id(), tx, competitor.inputIndex(), competitor.spend())));
    respondPosition(exit, judgement)
        .filter(txPos -> !exit.l1().processing())
        .ifPresent(
            txPos -> actions.add(new InFlightAction.RespondToChallenge(exit.id(), tx, txPos)));
    for (Slot slot : exit.l1().piggybacked()) {
      SpendRecord spend = judgement.spentSlots().get(slot);
      if (spend == null) {
        continue;
      }
      actions.add(
          slot.isInput()
              ? new InFlightAction.ChallengeInputSpent(exit.id(), tx, slot.index(), spend)
              : new InFlightAction.ChallengeOutputSpent(
                  exit.id(), tx, judgement.own().txPos().orElseThrow(), slot.index(), spend));
    }
    return actions;
  }

  /** The competitor to challenge with, if the contract would accept a challenge now. */
  private Optional<ChainJudge.Competitor> challengeable(
      TrackedInFlightExit exit, ChainJudge.Judgement judgement) {
    TrackedInFlightExit.L1State l1 = exit.l1();
    if (!judgement.nonCanonical() || !l1.canonical() || !beforeDeadline(exit)) {
      return Optional.empty();
    }
    return judgement
        .oldestCompetitor()
        .filter(
            competitor -> l1.oldestCompetitor().map(competitor.pos()::isOlderThan).orElse(true));
  }

  /**
   * Where the exit's tx is included, if L1 shows it non-canonical and that position is older than
   * L1's oldest competitor and every known competitor: the response the contract accepts.
   */
  private static Optional<UtxoPos> respondPosition(
      TrackedInFlightExit exit, ChainJudge.Judgement judgement) {
    TrackedInFlightExit.L1State l1 = exit.l1();
    if (l1.canonical() || judgement.nonCanonical()) {
      return Optional.empty();
    }
    return judgement
        .own()
        .txPos()
        .filter(
            txPos ->
                l1.oldestCompetitor()
                    .map(ChainPosition.included(txPos)::isOlderThan)
                    .orElse(false));
  }

  private List<InFlightByzantineEvent> canonicityEvents(
      TrackedInFlightExit exit, ChainJudge.Judgement judgement) {
    List<InFlightByzantineEvent> events = new ArrayList<>();
    Instant phaseOneEnd = config.phaseOneEnd(exit.startedAt());
    if (judgement.nonCanonical() && exit.l1().canonical()) {
      ChainJudge.Competitor competitor = judgement.oldestCompetitor().orElseThrow();
      events.add(
          new InFlightByzantineEvent.NonCanonicalIfe(
              exit.id(),
              competitor.inputIndex(),
              competitor.spend().spendingTxHash(),
              competitor.pos(),
              phaseOneEnd,
              now));
      if (!beforeDeadline(exit)) {
        events.add(
            new InFlightByzantineEvent.UnchallengedNonCanonicalIfe(exit.id(), phaseOneEnd, now));
      }
    }
    respondPosition(exit, judgement)
        .ifPresent(
            txPos ->
                events.add(new InFlightByzantineEvent.InvalidIfeChallenge(exit.id(), txPos, now)));
    return events;
  }

  private List<InFlightByzantineEvent> piggybackEvents(
      TrackedInFlightExit exit, ChainJudge.Judgement judgement) {
    List<InFlightByzantineEvent> events = new ArrayList<>();
    TrackedInFlightExit.L1State l1 = exit.l1();
    for (Slot slot : l1.piggybacked()) {
      SpendRecord spend = judgement.spentSlots().get(slot);
      if (spend == null) {
        continue;
      }
      events.add(
          new InFlightByzantineEvent.InvalidPiggyback(
              exit.id(), slot, spend.spendingTxHash(), now));
      l1.exitableAt()
          .filter(exitableAt -> !now.isBefore(exitableAt.minus(config.safetyMargin())))
          .ifPresent(
              exitableAt ->
                  events.add(
                      new InFlightByzantineEvent.UnchallengedPiggyback(
                          exit.id(), slot, exitableAt, now)));
    }
    return events;
  }

  /**
   * W6: per owner, the slots that can still be piggybacked with a chance of paying: before the
   * phase 1 deadline and any processing; not piggybacked before; not spent by another tx; outputs
   * only while the exit is not known non-canonical and L1 shows it canonical or it can respond.
   */
  private List<InFlightByzantineEvent> available(
      TrackedInFlightExit exit, ChainJudge.Judgement judgement) {
    TrackedInFlightExit.L1State l1 = exit.l1();
    if (!beforeDeadline(exit) || l1.processing()) {
      return List.of();
    }
    boolean outputsPay =
        !judgement.nonCanonical()
            && (l1.canonical() || respondPosition(exit, judgement).isPresent());
    List<Slot> slots = new ArrayList<>();
    for (int i = 0; i < exit.tx().inputs().size(); i++) {
      slots.add(Slot.input(i));
    }
    for (int o = 0; outputsPay && o < exit.tx().outputs().size(); o++) {
      slots.add(Slot.output(o));
    }
    Map<Address, List<Slot>> byOwner = new LinkedHashMap<>();
    for (Slot slot : slots) {
      if (!l1.piggybackedAt().containsKey(slot) && !judgement.spentSlots().containsKey(slot)) {
        byOwner
            .computeIfAbsent(exit.slotOutput(slot).owner(), owner -> new ArrayList<>())
            .add(slot);
      }
    }
    Instant deadline = config.phaseOneDeadline(exit.startedAt());
    return byOwner.entrySet().stream()
        .<InFlightByzantineEvent>map(
            entry ->
                new InFlightByzantineEvent.PiggybackAvailable(
                    exit.id(), entry.getKey(), entry.getValue(), deadline, now))
        .toList();
  }
}
