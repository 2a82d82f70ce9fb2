package io.plasmanode.p2p.sync;

import static com.google.common.base.Preconditions.checkArgument;

import io.plasmanode.core.tx.UtxoPos;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A child block as peers exchange it: its number and its signed transactions (RLP bytes, in block
 * order). Nothing here is trusted: the watcher checks the Merkle root against L1. Immutable: the
 * transactions are copied in and out.
 */
public final class SyncBlock {
  /** Child blocks are numbered 1000, 2000, ... (docs/spec.md). */
  public static final long CHILD_BLOCK_INTERVAL = 1000;

  /** A block holds at most 65,536 transactions (docs/spec.md). */
  public static final int MAX_TXS = 1 << 16;

  private final long blknum;
  private final List<byte[]> signedTxs;

  private SyncBlock(long blknum, List<byte[]> signedTxs) {
    this.blknum = blknum;
    this.signedTxs = signedTxs;
  }

  /**
   * Copies {@code signedTxs}; {@code blknum} must be a child block number, each transaction
   * non-empty, at most 65,536 of them.
   */
  public static SyncBlock of(long blknum, List<byte[]> signedTxs) {
    checkArgument(isChildBlknum(blknum), "not a child block number: %s", blknum);
    checkArgument(signedTxs.size() <= MAX_TXS, "%s transactions, at most 65536", signedTxs.size());
    List<byte[]> copies = new ArrayList<>(signedTxs.size());
    for (byte[] tx : signedTxs) {
      checkArgument(tx.length > 0, "an empty transaction in block %s", blknum);
      copies.add(tx.clone());
    }
    return new SyncBlock(blknum, copies);
  }

  /**
   * True for 1000, 2000, ..., {@link UtxoPos#MAX_BLKNUM}: the numbers of blocks that peers sync (no
   * block exists past the last one a position can number).
   */
  public static boolean isChildBlknum(long blknum) {
    return blknum > 0 && blknum <= UtxoPos.MAX_BLKNUM && blknum % CHILD_BLOCK_INTERVAL == 0;
  }

  /** True for 0 (nothing yet) and the child block numbers. */
  public static boolean isHeight(long height) {
    return height == 0 || isChildBlknum(height);
  }

  public long blknum() {
    return blknum;
  }

  public int txCount() {
    return signedTxs.size();
  }

  /** A copy of transaction {@code index}. */
  public byte[] signedTx(int index) {
    return signedTxs.get(index).clone();
  }

  /** Copies of the transactions, in block order. */
  public List<byte[]> signedTxs() {
    return signedTxs.stream().map(byte[]::clone).toList();
  }

  /** The total size of the transactions, in bytes. */
  public long txBytes() {
    long total = 0;
    for (byte[] tx : signedTxs) {
      total += tx.length;
    }
    return total;
  }

  /** Read-only access for the codec, without copies. */
  List<byte[]> signedTxsView() {
    return signedTxs;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof SyncBlock block)
        || block.blknum != blknum
        || block.signedTxs.size() != signedTxs.size()) {
      return false;
    }
    for (int i = 0; i < signedTxs.size(); i++) {
      if (!Arrays.equals(signedTxs.get(i), block.signedTxs.get(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int hash = Long.hashCode(blknum);
    for (byte[] tx : signedTxs) {
      hash = 31 * hash + Arrays.hashCode(tx);
    }
    return hash;
  }

  @Override
  public String toString() {
    return "SyncBlock[" + blknum + ", " + signedTxs.size() + " txs]";
  }
}
