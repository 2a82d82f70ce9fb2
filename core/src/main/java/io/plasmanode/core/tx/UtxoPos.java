package io.plasmanode.core.tx;

import static com.google.common.base.Preconditions.checkArgument;

import java.math.BigInteger;
import java.util.Optional;

/**
 * The position of an output on the child chain: {@code blknum * 1e6 + txindex * 10 + oindex}
 * (docs/spec.md "Positions"). Every position fits a {@code long}, and position order is (blknum,
 * txindex, oindex) order.
 *
 * @param blknum the block number, child (a multiple of 1000) or deposit (in between), >= 1
 * @param txindex the transaction's index in its block, 0 .. 65,535
 * @param oindex the output's index in its transaction, 0 .. 3
 */
public record UtxoPos(long blknum, int txindex, int oindex) implements Comparable<UtxoPos> {
  public static final long BLOCK_OFFSET = 1_000_000L;
  public static final long TX_OFFSET = 10L;
  public static final int MAX_TXS_PER_BLOCK = 65_536;
  public static final int MAX_OUTPUTS = 4;
  public static final long CHILD_BLOCK_INTERVAL = 1000;

  /**
   * The last block number: 9 * 10^12, i.e. 9 * 10^9 child blocks (285 years at one per second). The
   * contract ({@code UtxoPosLib.MAX_BLKNUM}) has the same bound and creates no block past it.
   */
  public static final long MAX_BLKNUM = 9_000_000_000_000L;

  /** The largest position: {@code MAX_BLKNUM}'s last output, below {@link Long#MAX_VALUE}. */
  public static final long MAX_VALUE =
      MAX_BLKNUM * BLOCK_OFFSET + (MAX_TXS_PER_BLOCK - 1) * TX_OFFSET + MAX_OUTPUTS - 1;

  public UtxoPos {
    checkArgument(blknum >= 1 && blknum <= MAX_BLKNUM, "blknum %s out of range", blknum);
    checkArgument(txindex >= 0 && txindex < MAX_TXS_PER_BLOCK, "txindex %s out of range", txindex);
    checkArgument(oindex >= 0 && oindex < MAX_OUTPUTS, "oindex %s out of range", oindex);
  }

  /** The position encoded by {@code value}, if it is one (see docs/spec.md). */
  public static Optional<UtxoPos> fromLong(long value) {
    if (value <= 0) {
      return Optional.empty();
    }
    long blknum = value / BLOCK_OFFSET;
    long rest = value % BLOCK_OFFSET;
    long txindex = rest / TX_OFFSET;
    long oindex = rest % TX_OFFSET;
    if (blknum < 1
        || blknum > MAX_BLKNUM
        || txindex >= MAX_TXS_PER_BLOCK
        || oindex >= MAX_OUTPUTS) {
      return Optional.empty();
    }
    return Optional.of(new UtxoPos(blknum, (int) txindex, (int) oindex));
  }

  /** The position encoded by a 256-bit word, if it is one. */
  public static Optional<UtxoPos> fromBigInteger(BigInteger value) {
    if (value.signum() <= 0 || value.bitLength() > Long.SIZE - 1) {
      return Optional.empty();
    }
    return fromLong(value.longValueExact());
  }

  public long toLong() {
    return blknum * BLOCK_OFFSET + txindex * TX_OFFSET + oindex;
  }

  public boolean isDeposit() {
    return blknum % CHILD_BLOCK_INTERVAL != 0;
  }

  @Override
  public int compareTo(UtxoPos other) {
    return Long.compare(toLong(), other.toLong());
  }

  @Override
  public String toString() {
    return Long.toString(toLong());
  }
}
