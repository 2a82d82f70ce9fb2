package io.plasmanode.node.watcher;

import io.plasmanode.core.l1.BlockCommitment;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.exitgame.ByzantineEvent;
import io.plasmanode.exitgame.SpendIndex;
import io.plasmanode.exitgame.SpendRecord;
import io.plasmanode.exitgame.inflight.InFlightExitConfig;
import io.plasmanode.exitgame.inflight.TrackedInFlightExit;
import io.plasmanode.storage.chain.ChainStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * W2, the child chain's duty to refuse an in-flight exit's inputs from its start on: the chain may
 * still include the in-flight tx itself, and a competitor committed in phase 1 is the canonicity
 * game's business (the watcher challenges with it). But a block committed on L1 once no canonicity
 * challenge can land any more (at or after the exit's phase 1 deadline) that spends an input of an
 * exit L1 holds canonical (active, or processed as canonical) by another tx lets that input be
 * spent twice: the exit's outputs are paid on L1 while the other tx's outputs move on the child
 * chain. It is raised as {@code invalid_block} ({@link Rejection#UTXO_EXITING}, the operator's own
 * rule), which tells users to exit. Checked on the validated chain only.
 */
final class ExitingSpendCheck {
  private final SpendIndex chainSpends;
  private final WatcherState state;
  private final WatcherStore store;
  private Set<List<Long>> raised;

  ExitingSpendCheck(ChainStore chain, WatcherState state, WatcherStore store) {
    this.chainSpends = new ChainSpendIndex(chain);
    this.state = state;
    this.store = store;
  }

  /** Raises the spends of exiting inputs found since the last check. */
  void check(Instant now) {
    List<ByzantineEvent> found = new ArrayList<>();
    InFlightExitConfig config = state.inFlight().config();
    for (TrackedInFlightExit exit : state.inFlight().exits()) {
      boolean paysOutputs = exit.l1().canonical() && (exit.isActive() || exit.l1().processing());
      if (!paysOutputs) {
        continue;
      }
      Instant deadline = config.phaseOneDeadline(exit.startedAt());
      for (UtxoPos input : exit.tx().inputs()) {
        chainSpends
            .spendOf(input)
            .filter(spend -> !spend.isInFlight() && !spend.spendingTx().equals(exit.tx()))
            .filter(
                spend ->
                    committedAt(spend.blknum()).map(at -> !at.isBefore(deadline)).orElse(false))
            .filter(spend -> firstTime(spend))
            .ifPresent(spend -> found.add(event(exit, input, spend, deadline, now)));
      }
    }
    state.raise(found);
  }

  private Optional<Instant> committedAt(long blknum) {
    return store.root(blknum).map(BlockCommitment::timestamp);
  }

  private boolean firstTime(SpendRecord spend) {
    if (raised == null) {
      raised = new HashSet<>();
      store.events().stream()
          .map(stored -> stored.recorded().event())
          .filter(event -> event instanceof ByzantineEvent.InvalidBlock)
          .map(event -> (ByzantineEvent.InvalidBlock) event)
          .forEach(invalid -> raised.add(List.of(invalid.blknum(), (long) invalid.txIndex())));
    }
    return raised.add(List.of(spend.blknum(), (long) spend.txIndex()));
  }

  private static ByzantineEvent event(
      TrackedInFlightExit exit, UtxoPos input, SpendRecord spend, Instant deadline, Instant now) {
    return new ByzantineEvent.InvalidBlock(
        spend.blknum(),
        spend.txIndex(),
        spend.spendingTxHash(),
        Rejection.UTXO_EXITING,
        ("it spends %s, an input of in-flight exit %s that L1 holds canonical, in a block committed"
                + " after the exit's phase 1 deadline %s: the input can be paid twice")
            .formatted(input, exit.id(), deadline),
        now);
  }
}
