package io.plasmanode.core.tx;

import static com.google.common.base.Preconditions.checkArgument;

import java.math.BigInteger;
import java.util.Optional;

/**
 * The position of an output on the child chain: {@code blknum * 1e9 + txindex * 1e4 + oindex}.
 *
 * @param blknum the block number, child (a multiple of 1000) or deposit (in between), >= 1
 * @param txindex the transaction's index in its block, 0 .. 65,535
 * @param oindex the output's index in its transaction, 0 .. 3
 */
public record UtxoPos(long blknum, int txindex, int oindex) implements Comparable<UtxoPos> {
  public static final long BLOCK_OFFSET = 1_000_000_000L;
  public static final long TX_OFFSET = 10_000L;
  public static final int MAX_TXS_PER_BLOCK = 65_536;
  public static final int MAX_OUTPUTS = 4;
  public static final long CHILD_BLOCK_INTERVAL = 1000;

  /** The largest block number whose positions still fit in a signed 64-bit value. */
  public static final long MAX_BLKNUM =
      (Long.MAX_VALUE - (MAX_TXS_PER_BLOCK * TX_OFFSET)) / BLOCK_OFFSET;

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
    if (value.signum() <= 0 || value.bitLength() > 63) {
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
