package io.plasmanode.node.watcher;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the contract's events up to {@code head - finalityMargin}, in chunks and in log order, and
 * applies them: deposits to the chain store, committed roots to the watcher store and the
 * withholding detector, exit events to the exit game (a started exit also locks its output, so it
 * is no longer listed as exitable; a challenged exit releases it: an output the chain did not spend
 * is spendable again, as the operator sees it, though the contract never lets it exit again). After
 * each chunk the new L1 position is saved with the roots and the game and detector state in one
 * batch. Deposits are applied idempotently before that batch, so a crash only makes the next poll
 * read the chunk again.
 */
final class L1Follower {
  private static final Logger LOG = LoggerFactory.getLogger(L1Follower.class);

  private final RootChain l1;
  private final ChainStore chain;
  private final SpendIndex spends;
  private final WatcherStore store;
  private final WatcherState state;
  private final Clock clock;
  private final int finalityMargin;
  private final long startBlock;
  private volatile long l1Head = -1;
  private volatile Instant l1Time = Instant.EPOCH;
  private volatile long highestRoot;

  L1Follower(
      RootChain l1,
      ChainStore chain,
      WatcherStore store,
      WatcherState state,
      Clock clock,
      int finalityMargin,
      long startBlock) {
    this.l1 = l1;
    this.chain = chain;
    this.spends = new ChainSpendIndex(chain);
    this.store = store;
    this.state = state;
    this.clock = clock;
    this.finalityMargin = finalityMargin;
    this.startBlock = startBlock;
  }

  /** Applies every event that is {@code finalityMargin} deep and not applied yet. */
  void follow() {
    long head = l1.l1Height();
    l1Head = head;
    l1Time = l1.latestBlockTime();
    long target = head - finalityMargin;
    long from = nextL1Block();
    boolean behind = target - from + 1 > WatcherConfig.MAX_BLOCKS_PER_QUERY;
    while (from <= target) {
      long to = Math.min(target, from + WatcherConfig.MAX_BLOCKS_PER_QUERY - 1);
      List<BlockCommitment> roots = new ArrayList<>();
      List<UtxoPos> challenged = new ArrayList<>();
      for (L1Event event : l1.events(from, to)) {
        apply(event, roots, challenged);
      }
      state.saveL1Progress(to, roots, challenged);
      if (behind) {
        LOG.info("L1 events: block {} of {}", to, target);
      }
      from = to + 1;
    }
  }

  private long nextL1Block() {
    OptionalLong last = store.lastL1Block();
    return last.isPresent() ? last.getAsLong() + 1 : startBlock;
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

  /** The latest L1 block number seen, -1 before L1 was first reached. */
  long l1Head() {
    return l1Head;
  }

  /** The timestamp of the latest L1 block seen, the epoch before L1 was first reached. */
  Instant l1Time() {
    return l1Time;
  }

  /** The highest child block whose root was seen in this run (0 before the first). */
  long highestRoot() {
    return highestRoot;
  }
}
