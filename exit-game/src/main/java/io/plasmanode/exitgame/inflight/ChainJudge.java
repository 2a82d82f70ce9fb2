package io.plasmanode.exitgame.inflight;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.exitgame.SpendIndex;
import io.plasmanode.exitgame.SpendRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the validated chain ({@link SpendIndex}, {@link TxLocator}) and the known in-flight txs say
 * about one in-flight exit: where its tx is, its oldest competitor, and which of its slots were
 * spent by another tx. Only spends signed by the spent output's owner count (the ones the contract
 * accepts): the index's {@link SpendIndex#spendBy}, and in-flight txs whose input record names that
 * owner.
 */
final class ChainJudge {
  private static final Comparator<Competitor> OLDEST_FIRST =
      Comparator.comparing(Competitor::pos).thenComparingInt(Competitor::inputIndex);

  private final List<TrackedInFlightExit> known;
  private final SpendIndex spends;
  private final TxLocator locator;

  /** A tx spending the exit's input {@code inputIndex}, at {@code pos}. */
  record Competitor(int inputIndex, SpendRecord spend, ChainPosition pos) {}

  /**
   * @param own where the exit's tx is
   * @param oldestCompetitor the oldest known tx spending one of its inputs
   * @param spentSlots each slot spent by another tx (an output only once the tx is included)
   */
  record Judgement(
      ChainPosition own, Optional<Competitor> oldestCompetitor, Map<Slot, SpendRecord> spentSlots) {

    /**
     * Whether the exit is known non-canonical: a competitor is truly older than its tx, or its tx
     * is in no block and a competitor exists (a tx in no block is younger than any; two in-flight
     * double spends are both non-canonical, eo#706).
     */
    boolean nonCanonical() {
      return oldestCompetitor
          .map(competitor -> own.isInFlight() || competitor.pos().isOlderThan(own))
          .orElse(false);
    }
  }

  ChainJudge(List<TrackedInFlightExit> known, SpendIndex spends, TxLocator locator) {
    this.known = List.copyOf(known);
    this.spends = requireNonNull(spends, "spends");
    this.locator = requireNonNull(locator, "locator");
  }

  Judgement judge(TrackedInFlightExit exit) {
    ChainPosition own =
        locator
            .positionOf(exit.txHash())
            .map(ChainPosition::included)
            .orElse(ChainPosition.IN_FLIGHT);
    List<Competitor> competitors = new ArrayList<>();
    Map<Slot, SpendRecord> spent = new TreeMap<>();
    PaymentTransaction tx = exit.tx();
    for (int i = 0; i < tx.inputs().size(); i++) {
      int index = i;
      Optional<SpendRecord> spend = spentElsewhere(tx.inputs().get(i), exit.inputs().get(i), tx);
      spend.ifPresent(
          found -> {
            competitors.add(new Competitor(index, found, ChainPosition.of(found)));
            spent.put(Slot.input(index), found);
          });
    }
    own.txPos()
        .ifPresent(
            txPos -> {
              for (int o = 0; o < tx.outputs().size(); o++) {
                UtxoPos pos = new UtxoPos(txPos.blknum(), txPos.txindex(), o);
                Slot slot = Slot.output(o);
                spentElsewhere(pos, exit.slotOutput(slot), tx)
                    .ifPresent(found -> spent.put(slot, found));
              }
            });
    return new Judgement(own, competitors.stream().min(OLDEST_FIRST), spent);
  }

  /** The oldest spend of {@code pos} by a tx other than {@code own}, signed by its owner. */
  private Optional<SpendRecord> spentElsewhere(UtxoPos pos, Output output, PaymentTransaction own) {
    Address owner = output.owner();
    List<SpendRecord> found = new ArrayList<>();
    spends
        .spendBy(pos, owner)
        .filter(spend -> !spend.spendingTx().equals(own))
        .ifPresent(found::add);
    for (InFlightSpend inFlight : inFlightSpendsOf(known, pos)) {
      if (inFlight.owner().equals(owner) && !inFlight.spend().spendingTx().equals(own)) {
        found.add(located(inFlight.spend()));
      }
    }
    return found.stream().min(Comparator.comparing(ChainPosition::of));
  }

  /** {@code spend} at the position the chain included its tx, if it did. */
  private SpendRecord located(SpendRecord spend) {
    return locator
        .positionOf(spend.spendingTxHash())
        .map(
            txPos ->
                new SpendRecord(
                    spend.spentPos(),
                    spend.spendingTx(),
                    spend.inputIndex(),
                    spend.signature(),
                    txPos.blknum(),
                    txPos.txindex()))
        .orElse(spend);
  }

  /** The spends of {@code pos} by the txs of {@code exits}, in the exits' order. */
  static List<InFlightSpend> inFlightSpendsOf(List<TrackedInFlightExit> exits, UtxoPos pos) {
    List<InFlightSpend> found = new ArrayList<>();
    for (TrackedInFlightExit exit : exits) {
      int index = exit.tx().inputs().indexOf(pos);
      if (index >= 0) {
        SpendRecord spend =
            SpendRecord.inFlight(pos, exit.tx(), index, exit.signedTx().signatures().get(index));
        found.add(new InFlightSpend(exit.id(), spend, exit.inputs().get(index).owner()));
      }
    }
    return found;
  }
}
