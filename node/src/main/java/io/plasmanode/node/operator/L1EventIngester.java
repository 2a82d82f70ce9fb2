package io.plasmanode.node.operator;

import static java.util.Objects.requireNonNull;

import io.plasmanode.contracts.l1.follow.L1Chunk;
import io.plasmanode.contracts.l1.follow.L1EventFollower;
import io.plasmanode.contracts.l1.follow.L1EventHandler;
import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.l1.RootChain;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.storage.chain.ChainStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the operator does with the Plasma contract's events, as an {@link L1EventFollower} delivers
 * them: a {@code Deposit} creates its output in the {@link ChainStore} (visible to the open block
 * at once, since the block reads the store), an {@code ExitStarted} locks its output through {@link
 * BlockProducer#lockExitingOutput}, an {@code ExitChallenged} with a spend that no block holds
 * releases that lock ({@link ExitChallenges}); an {@code InFlightExitStarted} locks the exit's
 * inputs, an {@code InFlightExitOutputPiggybacked} the output once a block holds the tx, and an
 * {@code InFlightExitOutputBlocked} releases that output as a challenge does ({@link
 * InFlightExitLocks}). After a chunk's events, the outputs that an in-flight exit the chunk shows
 * ended (deleted, or finalized) kept locked are released unless something else on L1 claims them
 * ({@link EndedInFlightExits}). Other events are left to other services.
 *
 * <p>After each chunk it records the chunk's last L1 block ({@link ChainStore#setLastL1Block}). The
 * effects are idempotent (a deposit is applied once per deposit block, an exit lock of a locked
 * output or a release of a released one does nothing), so a crash between applying events and
 * recording progress only makes the next poll deliver them again, in log order: a re-read exit
 * start locks its output again only if it is still unspent, and the challenge after it in the log
 * releases it again.
 */
public final class L1EventIngester implements L1EventHandler {
  private static final Logger LOG = LoggerFactory.getLogger(L1EventIngester.class);

  private final ChainStore store;
  private final BlockProducer producer;
  private final ExitChallenges challenges;
  private final InFlightExitLocks inFlightExits;
  private final EndedInFlightExits endedExits;

  /**
   * @param rootChain what an exit challenge is checked against on L1 ({@link ExitChallenges})
   */
  public L1EventIngester(RootChain rootChain, ChainStore store, BlockProducer producer) {
    this.store = requireNonNull(store, "store");
    this.producer = requireNonNull(producer, "producer");
    this.challenges = new ExitChallenges(requireNonNull(rootChain, "rootChain"), store, producer);
    this.inFlightExits = new InFlightExitLocks(rootChain, store, producer);
    this.endedExits = new EndedInFlightExits(rootChain, store, producer);
  }

  @Override
  public OptionalLong lastBlockApplied() {
    return store.lastL1Block();
  }

  @Override
  public void apply(L1Chunk chunk) {
    int deposits = apply(chunk.events());
    endedExits.recheck(endedInFlightExits(chunk.events()));
    store.setLastL1Block(chunk.lastBlock());
    if (deposits > 0) {
      LOG.debug("L1 blocks {}..{}: {} deposits", chunk.firstBlock(), chunk.lastBlock(), deposits);
    }
  }

  /** Applies {@code events} in log order; returns how many deposits were new. */
  private int apply(List<L1Event> events) {
    int deposits = 0;
    for (L1Event event : events) {
      switch (event) {
        case L1Event.Deposit deposit -> deposits += applyDeposit(deposit) ? 1 : 0;
        case L1Event.ExitStarted exit -> producer.lockExitingOutput(exit.utxoPos());
        case L1Event.ExitChallenged challenged -> challenges.apply(challenged);
        case L1Event.InFlightExitStarted started -> inFlightExits.started(started);
        case L1Event.InFlightExitOutputPiggybacked piggybacked ->
            inFlightExits.outputPiggybacked(piggybacked);
        case L1Event.InFlightExitOutputBlocked blocked -> inFlightExits.outputBlocked(blocked);
        default -> LOG.trace("Ignoring {}", event);
      }
    }
    return deposits;
  }

  /**
   * The in-flight exits that {@code events} show ended: deleted, or processed to the end. Their
   * locks are re-checked once all the chunk's events are applied ({@link EndedInFlightExits}).
   */
  private static List<InFlightExitId> endedInFlightExits(List<L1Event> events) {
    List<InFlightExitId> ended = new ArrayList<>();
    for (L1Event event : events) {
      switch (event) {
        case L1Event.InFlightExitDeleted deleted -> ended.add(deleted.exitId());
        case L1Event.InFlightExitProcessed processed when processed.finalized() ->
            ended.add(processed.exitId());
        default -> {}
      }
    }
    return ended;
  }

  private boolean applyDeposit(L1Event.Deposit deposit) {
    Optional<UtxoPos> pos = depositPosition(deposit.blknum());
    if (pos.isEmpty()) {
      // The contract numbers no deposit block past MAX_BLKNUM (ChainFull): only a contract that
      // is not ours emits this. Its output could never exit, so it has no place on this chain.
      LOG.error(
          "Deposit event for block {} (L1 block {}, owner {}) refused: not a deposit block number"
              + " (1 .. {}, not a multiple of {}); is the contract the one this chain runs on?",
          deposit.blknum(),
          deposit.origin().l1Block(),
          deposit.owner(),
          UtxoPos.MAX_BLKNUM,
          UtxoPos.CHILD_BLOCK_INTERVAL);
      return false;
    }
    Utxo utxo = new Utxo(pos.get(), new Output(deposit.owner(), deposit.token(), deposit.amount()));
    boolean applied = store.applyDeposit(utxo, deposit.origin().l1Block());
    if (applied) {
      LOG.debug("Deposit {} applied from L1 block {}", utxo.pos(), deposit.origin().l1Block());
    }
    return applied;
  }

  /** The output of deposit block {@code blknum}, if that is a deposit block a position can hold. */
  static Optional<UtxoPos> depositPosition(long blknum) {
    if (blknum < 1 || blknum > UtxoPos.MAX_BLKNUM || blknum % UtxoPos.CHILD_BLOCK_INTERVAL == 0) {
      return Optional.empty();
    }
    return Optional.of(new UtxoPos(blknum, 0, 0));
  }
}
