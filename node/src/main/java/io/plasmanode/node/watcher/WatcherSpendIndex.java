package io.plasmanode.node.watcher;

import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.exitgame.SpendIndex;
import io.plasmanode.exitgame.SpendRecord;
import io.plasmanode.storage.chain.ChainStore;
import java.util.Optional;

/**
 * Every spend the watcher knows: the validated chain's ({@link ChainSpendIndex}) first, then the
 * signed spends read from committed blocks while halted ({@link SpendReader}), of which only one
 * signed by the output's owner counts (the one a challenge needs): the owner of an exit, of the
 * output in the validated chain (deposits included), or of the output as the committed block read
 * while halted that created it names it. A spend signed by anyone else proves nothing (a byzantine
 * operator can commit a forged one to stop an honest exit, and the contract rejects it as a
 * challenge); a spend of an output whose owner is unknown is not answered either: the output's
 * state is then unknown, not spent.
 */
final class WatcherSpendIndex implements SpendIndex {
  private final ChainStore chain;
  private final SpendIndex validated;
  private final WatcherStore store;

  WatcherSpendIndex(ChainStore chain, WatcherStore store) {
    this.chain = chain;
    this.validated = new ChainSpendIndex(chain);
    this.store = store;
  }

  @Override
  public Optional<SpendRecord> spendOf(UtxoPos pos) {
    Optional<SpendRecord> spend = validated.spendOf(pos);
    if (spend.isPresent()) {
      return spend;
    }
    return switch (chain.status(pos)) {
      case UtxoStatus.Unspent unspent -> store.readSpend(pos, unspent.output().owner());
      case UtxoStatus.Exiting exiting -> store.readSpend(pos, exiting.output().owner());
      case UtxoStatus.Unknown unknown ->
          store.readOutputOwner(pos).flatMap(owner -> store.readSpend(pos, owner));
      case UtxoStatus.Spent spent -> Optional.empty();
    };
  }

  @Override
  public Optional<SpendRecord> spendBy(UtxoPos pos, Address owner) {
    return validated.spendOf(pos).or(() -> store.readSpend(pos, owner));
  }
}
