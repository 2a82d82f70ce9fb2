package io.plasmanode.storage.chain;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import java.util.List;

/**
 * Transactions the operator accepted into child block {@code blknum}, consecutively from {@code
 * firstTxindex}, as {@link TxJournal} keeps them until their block is stored.
 *
 * @param txs each with the signers recovered when it was accepted, so a replay needs no recovery
 */
public record JournaledTxs(long blknum, int firstTxindex, List<Tx> txs) {
  public JournaledTxs {
    checkArgument(
        blknum > 0 && blknum % UtxoPos.CHILD_BLOCK_INTERVAL == 0, "not a child block: %s", blknum);
    checkArgument(
        firstTxindex >= 0 && firstTxindex < UtxoPos.MAX_TXS_PER_BLOCK, "txindex %s", firstTxindex);
    txs = List.copyOf(txs);
    checkArgument(!txs.isEmpty(), "no transactions");
    checkArgument(
        firstTxindex + txs.size() <= UtxoPos.MAX_TXS_PER_BLOCK,
        "%s transactions from txindex %s overflow the block",
        txs.size(),
        firstTxindex);
  }

  /** One accepted transaction: its bytes as stored and the recovered signer of each input. */
  public record Tx(TxBytes tx, List<Address> signers) {
    public Tx {
      requireNonNull(tx, "tx");
      signers = List.copyOf(signers);
    }
  }
}
