package io.plasmanode.node.watcher;

import io.plasmanode.contracts.l1.follow.L1Chunk;
import io.plasmanode.contracts.l1.follow.L1EventFollower;
import io.plasmanode.contracts.l1.follow.L1EventHandler;
import io.plasmanode.core.l1.BlockCommitment;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.l1.RootChain;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.exitgame.ByzantineEvent;
import io.plasmanode.exitgame.SpendIndex;
import io.plasmanode.storage.chain.ChainStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the watcher does with the contract's events, as an {@link L1EventFollower} delivers them:
 * deposits go to the chain store, committed roots to the watcher store and the withholding
 * detector, exit events to the exit game (a started exit also locks its output, so it is no longer
 * listed as exitable; a challenged exit releases it: an output the chain did not spend is spendable
 * again, as the operator sees it, though the contract never lets it exit again). Each chunk's last
 * L1 block is saved with its roots and the game and detector state in one batch. Deposits are
 * applied idempotently before that batch, so a crash only makes the next poll deliver the chunk
 * again. In-flight exit events go to the in-flight exit game ({@link InFlightEventMapper}), saved
 * in the same batch as the L1 position.
 */
final class L1EventApplier implements L1EventHandler {
  private static final Logger LOG = LoggerFactory.getLogger(L1EventApplier.class);

  private final RootChain l1;
  private final ChainStore chain;
  private final SpendIndex spends;
  private final WatcherStore store;
  private final WatcherState state;
  private final Clock clock;
  private final InFlightEventMapper inFlightEvents;
  private volatile long highestRoot;

  /**
   * @param l1 where a committed root's timestamp and in-flight exits are read
   * @param l1BlockTime the timestamp of an L1 block, by number (when an in-flight exit was
   *     piggybacked)
   */
  L1EventApplier(
      RootChain l1,
      LongFunction<Instant> l1BlockTime,
      ChainStore chain,
      WatcherStore store,
      WatcherState state,
      Clock clock) {
    this.l1 = l1;
    this.inFlightEvents = new InFlightEventMapper(l1::inFlightExit, l1BlockTime);
    this.chain = chain;
    this.spends = new ChainSpendIndex(chain);
    this.store = store;
    this.state = state;
    this.clock = clock;
  }

  @Override
  public OptionalLong lastBlockApplied() {
    return store.lastL1Block();
  }

  @Override
  public void apply(L1Chunk chunk) {
    List<BlockCommitment> roots = new ArrayList<>();
    List<UtxoPos> challenged = new ArrayList<>();
    for (L1Event event : chunk.events()) {
      apply(event, roots, challenged);
    }
    state.saveL1Progress(chunk.lastBlock(), roots, challenged);
  }

  private void apply(L1Event event, List<BlockCommitment> roots, List<UtxoPos> challenged) {
    switch (event) {
      case L1Event.Deposit deposit -> applyDeposit(deposit);
      case L1Event.BlockSubmitted submitted -> roots.add(rootCommitted(submitted));
      case L1Event.ExitStarted started -> {
        state.game().apply(started);
        chain.markExiting(started.utxoPos());
        LOG.info("Exit of {} started, exitable at {}", started.utxoPos(), started.exitableAt());
      }
      case L1Event.ExitChallenged exit -> {
        state.game().apply(exit);
        challenged.add(exit.utxoPos());
        boolean released = chain.releaseExiting(exit.utxoPos());
        LOG.info(
            "Exit of {} challenged by {}{}",
            exit.utxoPos(),
            exit.challenger(),
            released
                ? ": the output is unspent in the chain, spendable again (never exitable)"
                : "");
      }
      case L1Event.ExitFinalized finalized -> {
        reportIfInvalid(finalized);
        state.game().apply(finalized);
      }
      case L1Event.InFlightExitEvent inFlight -> inFlightEvents.apply(inFlight, state.inFlight());
    }
  }

  /**
   * Raises {@code invalid_exit_paid} (and logs an error) when L1 paid an exit of an output the
   * validated chain spent. Raised before the event is applied: a crash in between raises it again
   * rather than never.
   */
  private void reportIfInvalid(L1Event.ExitFinalized finalized) {
    ByzantineEvent.InvalidExitPaid.of(finalized, chain, spends, clock.instant())
        .ifPresent(
            paid -> {
              LOG.error("Theft: {}", paid.reason());
              state.raise(List.of(paid));
            });
  }

  private void applyDeposit(L1Event.Deposit deposit) {
    Utxo utxo =
        new Utxo(
            new UtxoPos(deposit.blknum(), 0, 0),
            new Output(deposit.owner(), deposit.token(), deposit.amount()));
    if (chain.applyDeposit(utxo, deposit.origin().l1Block())) {
      LOG.debug("Deposit {} applied", utxo.pos());
    }
  }

  private BlockCommitment rootCommitted(L1Event.BlockSubmitted submitted) {
    Instant now = clock.instant();
    Instant committedAt = l1.block(submitted.blknum()).map(BlockCommitment::timestamp).orElse(now);
    BlockCommitment commitment =
        new BlockCommitment(submitted.blknum(), submitted.root(), committedAt);
    state.detector().rootCommitted(commitment, now);
    highestRoot = Math.max(highestRoot, submitted.blknum());
    return commitment;
  }

  /** The highest child block whose root was seen in this run (0 before the first). */
  long highestRoot() {
    return highestRoot;
  }
}
