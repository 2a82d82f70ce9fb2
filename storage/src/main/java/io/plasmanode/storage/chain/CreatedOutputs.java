package io.plasmanode.storage.chain;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;

/**
 * Every output a chain created, in position order, with a 64-bit fingerprint of its contents and
 * the transaction that spent it: 24 bytes per output, where the outputs themselves would take about
 * ten times that. Outputs are added in ascending position order, so a position is found by binary
 * search.
 */
final class CreatedOutputs {
  private static final HashFunction FINGERPRINT = Hashing.farmHashFingerprint64();

  /** The fingerprint of a deposit's output, which only the UTXO entry itself records. */
  static final long ANY_OUTPUT = 0;

  /** The spender of an output nothing spent. */
  static final long UNSPENT = 0;

  private final LongArray positions = new LongArray(1 << 16);
  private final LongArray fingerprints = new LongArray(1 << 16);
  private final LongArray spenders = new LongArray(1 << 16);

  /** Appends an output above every output added so far. */
  void add(UtxoPos pos, long fingerprint) {
    long value = pos.toLong();
    checkArgument(
        positions.isEmpty() || value > positions.last(), "outputs are added in position order");
    positions.add(value);
    fingerprints.add(fingerprint);
    spenders.add(UNSPENT);
  }

  int size() {
    return positions.size();
  }

  /** The index of the output at {@code pos}, or -1. */
  int indexOf(UtxoPos pos) {
    return positions.indexOf(pos.toLong());
  }

  long position(int index) {
    return positions.get(index);
  }

  long fingerprint(int index) {
    return fingerprints.get(index);
  }

  /** The spending transaction ({@link #encode}d), or {@link #UNSPENT}. */
  long spender(int index) {
    return spenders.get(index);
  }

  void spend(int index, TxLocation spender) {
    spenders.set(index, encode(spender));
  }

  /** A location as one positive number, never {@link #UNSPENT}. */
  static long encode(TxLocation location) {
    return location.blknum() * UtxoPos.MAX_TXS_PER_BLOCK + location.txindex();
  }

  static TxLocation decode(long spender) {
    return new TxLocation(
        spender / UtxoPos.MAX_TXS_PER_BLOCK, (int) (spender % UtxoPos.MAX_TXS_PER_BLOCK));
  }

  /** A 64-bit fingerprint of an output's owner, token and amount. */
  static long fingerprint(Output output) {
    long value =
        FINGERPRINT
            .newHasher()
            .putBytes(output.owner().toArray())
            .putBytes(output.token().toArray())
            .putBytes(output.amount().toByteArray())
            .hash()
            .asLong();
    return value == ANY_OUTPUT ? 1 : value;
  }

  /** A 64-bit fingerprint of an owner. */
  static long fingerprint(Address owner) {
    return FINGERPRINT.hashBytes(owner.toArray()).asLong();
  }
}
