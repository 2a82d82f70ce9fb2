package io.plasmanode.storage.chain;

import static com.google.common.base.Preconditions.checkArgument;

import io.plasmanode.core.types.Hash32;
import java.util.Arrays;
import java.util.BitSet;

/**
 * The stored hashes of a range of a chain's transactions, by chain-wide number, in one array: 32
 * bytes per transaction, for comparing the transaction index with the blocks.
 */
final class TxHashes {
  private final long first;
  private final int count;
  private final byte[] hashes;
  private final BitSet known;

  /** Room for transactions {@code first .. first + count - 1}. */
  TxHashes(long first, long count) {
    checkArgument(
        count >= 0 && count <= Integer.MAX_VALUE / Hash32.SIZE,
        "%s transactions are too many to check",
        count);
    this.first = first;
    this.count = (int) count;
    this.hashes = new byte[this.count * Hash32.SIZE];
    this.known = new BitSet(this.count);
  }

  long first() {
    return first;
  }

  int count() {
    return count;
  }

  void put(long txNumber, Hash32 hash) {
    hash.copyTo(hashes, offset(txNumber));
    known.set(slot(txNumber));
  }

  /** Whether the transaction's hash was read (its chunk was stored and readable). */
  boolean isKnown(long txNumber) {
    return known.get(slot(txNumber));
  }

  boolean matches(long txNumber, Hash32 hash) {
    int offset = offset(txNumber);
    return isKnown(txNumber)
        && Arrays.equals(hash.toArray(), 0, Hash32.SIZE, hashes, offset, offset + Hash32.SIZE);
  }

  Hash32 get(long txNumber) {
    return Hash32.of(hashes, offset(txNumber));
  }

  private int slot(long txNumber) {
    long slot = txNumber - first;
    if (slot < 0 || slot >= count) {
      throw new IllegalArgumentException("transaction " + txNumber + " is not in this range");
    }
    return (int) slot;
  }

  private int offset(long txNumber) {
    return slot(txNumber) * Hash32.SIZE;
  }
}
