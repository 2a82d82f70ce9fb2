package io.plasmanode.storage.chain;

import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.storage.chain.ChainProblem.Kind;

/**
 * Recomputes which outputs a chain created and who spent each, from its deposits and the replayed
 * blocks: each deposit's output comes before the first child block above it, every transaction
 * spends outputs created before it (by a deposit, an earlier block or an earlier transaction of its
 * own block) that nothing spent yet.
 */
final class UtxoReplay implements ReplayListener {
  private final LongArray deposits;
  private final CreatedOutputs created;
  private final ChainProblems problems;
  private int nextDeposit;

  UtxoReplay(LongArray deposits, CreatedOutputs created, ChainProblems problems) {
    this.deposits = deposits;
    this.created = created;
    this.problems = problems;
  }

  @Override
  public void beforeBlock(long blknum) {
    addDepositsBelow(blknum);
  }

  @Override
  public void transaction(TxLocation location, PaymentTransaction tx) {
    for (UtxoPos input : tx.inputs()) {
      spend(input, location);
    }
    for (int oindex = 0; oindex < tx.outputs().size(); oindex++) {
      created.add(
          new UtxoPos(location.blknum(), location.txindex(), oindex),
          CreatedOutputs.fingerprint(tx.outputs().get(oindex)));
    }
  }

  /** Adds the deposits above the last block; call once the blocks are replayed. */
  void finish() {
    addDepositsBelow(Long.MAX_VALUE);
  }

  private void spend(UtxoPos input, TxLocation spender) {
    int index = created.indexOf(input);
    if (index < 0) {
      problems.add(
          Kind.SPEND_OF_UNKNOWN_OUTPUT,
          "tx " + ChainProblem.location(spender),
          "spends utxo %s, which no deposit or earlier transaction created"
              .formatted(ChainProblem.pos(input)));
    } else if (created.spender(index) != CreatedOutputs.UNSPENT) {
      problems.add(
          Kind.DOUBLE_SPEND,
          "utxo " + ChainProblem.pos(input),
          "is spent by %s and again by %s"
              .formatted(
                  ChainProblem.location(CreatedOutputs.decode(created.spender(index))),
                  ChainProblem.location(spender)));
    } else {
      created.spend(index, spender);
    }
  }

  private void addDepositsBelow(long blknum) {
    while (nextDeposit < deposits.size() && deposits.get(nextDeposit) < blknum) {
      created.add(new UtxoPos(deposits.get(nextDeposit++), 0, 0), CreatedOutputs.ANY_OUTPUT);
    }
  }
}
