package io.plasmanode.node.watcher;

import io.plasmanode.core.crypto.SignerRecovery;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.exitgame.SpendIndex;
import io.plasmanode.exitgame.inflight.InFlightAction;
import io.plasmanode.exitgame.inflight.InFlightExitGame;
import io.plasmanode.exitgame.inflight.InFlightSpendIndex;
import io.plasmanode.exitgame.inflight.TxLocator;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.kv.StorageException;
import java.time.Instant;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watcher's round of the in-flight exit game: {@link InFlightExitGame#check} against the
 * validated chain (its spends, its txs by hash, and the other in-flight txs as competitors), its
 * events raised and saved, its actions handed to the {@link ExitChallenger}; and the spend index
 * the standard exit game judges by, which counts the known in-flight txs' spends (W7). The game is
 * checked only when the validated chain holds every block whose root L1 committed (else a tx of a
 * block not synced yet looks in flight), or while the watcher is halted (it never catches up then,
 * and its challenges matter most). Runs on the watcher's loop thread.
 */
final class InFlightWatch {
  private static final Logger LOG = LoggerFactory.getLogger(InFlightWatch.class);

  private final ChainStore chain;
  private final SpendIndex spends;
  private final WatcherState state;
  private final ExitChallenger challenger;
  private final Eip712Domain domain;
  private final SignerRecovery recovery;
  private final LongSupplier highestRoot;
  private final ExitingSpendCheck exitingSpends;

  InFlightWatch(
      ChainStore chain,
      WatcherStore store,
      SpendIndex spends,
      WatcherState state,
      ExitChallenger challenger,
      Eip712Domain domain,
      SignerRecovery recovery,
      LongSupplier highestRoot) {
    this.chain = chain;
    this.spends = spends;
    this.state = state;
    this.challenger = challenger;
    this.domain = domain;
    this.recovery = recovery;
    this.highestRoot = highestRoot;
    this.exitingSpends = new ExitingSpendCheck(chain, state, store);
  }

  /** Where the validated chain included a tx, by its hash. */
  static TxLocator locator(ChainStore chain) {
    return txHash ->
        chain
            .transaction(txHash)
            .map(stored -> new UtxoPos(stored.location().blknum(), stored.location().txindex(), 0));
  }

  /** The spends of the chain, then of the tracked in-flight txs (W7), read from {@code game}. */
  SpendIndex withInFlightSpends(SpendIndex chainSpends, InFlightExitGame game) {
    return new InFlightSpendIndex(chainSpends, game, domain, recovery);
  }

  /** The spend index of the live game, for the standard exit game's check. */
  SpendIndex standardExitSpends() {
    return withInFlightSpends(spends, state.inFlight());
  }

  /** One round at {@code now} (the later of this machine's and L1's clocks). */
  void play(Instant now) {
    if (!state.halted() && chain.height() < highestRoot.getAsLong()) {
      LOG.debug(
          "In-flight exits not checked: the chain is at {}, L1 committed up to {}",
          chain.height(),
          highestRoot.getAsLong());
      return;
    }
    InFlightExitGame game = state.inFlight();
    TxLocator locator = locator(chain);
    InFlightExitGame.Decisions decisions = game.check(spends, locator, now);
    state.raise(decisions.events());
    exitingSpends.check(now);
    state.save();
    decisions.actions().forEach(action -> act(action, now));
  }

  /**
   * Sends one action; one that cannot be built (its competitor's block, read while halted, is not
   * in the validated chain, so there is no proof of it) is logged and proposed again at the next
   * check, without holding back the others. L1 failures end the round, as for standard challenges.
   */
  private void act(InFlightAction action, Instant now) {
    try {
      challenger.act(action, now);
    } catch (StorageException e) {
      LOG.warn(
          "{} of in-flight exit {} not sent now: {}",
          action.key().kind(),
          action.exitId(),
          e.getMessage());
    }
  }
}
