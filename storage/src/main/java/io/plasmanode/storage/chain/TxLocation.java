package io.plasmanode.storage.chain;

import static com.google.common.base.Preconditions.checkArgument;

import io.plasmanode.core.tx.UtxoPos;

/** Where a transaction sits: its child block and its index in that block. */
public record TxLocation(long blknum, int txindex) {
  public TxLocation {
    checkArgument(blknum >= 1 && blknum <= UtxoPos.MAX_BLKNUM, "blknum %s out of range", blknum);
    checkArgument(
        txindex >= 0 && txindex < UtxoPos.MAX_TXS_PER_BLOCK, "txindex %s out of range", txindex);
  }
}
