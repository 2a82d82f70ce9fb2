package io.plasmanode.storage.chain;

/**
 * The child blocks a check works on, in ascending order, with their transaction counts and the
 * chain-wide number of each block's first transaction: 24 bytes per block.
 */
final class BlockIndex {
  private final LongArray blknums = new LongArray();
  private final LongArray txCounts = new LongArray();
  private final LongArray firstTxs = new LongArray();
  private long totalTxs;

  /** Appends a block above the last one. */
  void add(long blknum, int txCount) {
    if (!blknums.isEmpty() && blknum <= blknums.last()) {
      throw new IllegalArgumentException("blocks are added in ascending order");
    }
    blknums.add(blknum);
    txCounts.add(txCount);
    firstTxs.add(totalTxs);
    totalTxs += txCount;
  }

  int size() {
    return blknums.size();
  }

  long blknum(int index) {
    return blknums.get(index);
  }

  int txCount(int index) {
    return (int) txCounts.get(index);
  }

  /** The chain-wide number of the block's first transaction. */
  long firstTx(int index) {
    return firstTxs.get(index);
  }

  long totalTxs() {
    return totalTxs;
  }

  /** The index of block {@code blknum}, or -1 if it is not here. */
  int indexOf(long blknum) {
    return blknums.indexOf(blknum);
  }

  /** The chain-wide number of the transaction at {@code location}, or -1 if it is not here. */
  long txNumber(TxLocation location) {
    int index = indexOf(location.blknum());
    if (index < 0 || location.txindex() >= txCount(index)) {
      return -1;
    }
    return firstTx(index) + location.txindex();
  }

  /** Where the transaction with chain-wide number {@code txNumber} is. */
  TxLocation location(long txNumber) {
    if (txNumber < 0 || txNumber >= totalTxs) {
      throw new IllegalArgumentException("no transaction " + txNumber);
    }
    // The last block whose first transaction is at or before txNumber holds it (empty blocks
    // share their first number with the next block, which comes later).
    int low = 0;
    int high = size() - 1;
    while (low < high) {
      int middle = (low + high + 1) >>> 1;
      if (firstTx(middle) <= txNumber) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return new TxLocation(blknum(low), (int) (txNumber - firstTx(low)));
  }
}
