package io.plasmanode.storage.chain;

import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;

/**
 * The positions of the stored unspent outputs, ascending, with a fingerprint of each owner: 16
 * bytes per output, for comparing the owner index with the UTXO column.
 */
final class StoredUnspent {
  private final LongArray positions = new LongArray(1 << 16);
  private final LongArray owners = new LongArray(1 << 16);

  /** Appends an unspent output above the last one. */
  void add(UtxoPos pos, Address owner) {
    if (!positions.isEmpty() && pos.toLong() <= positions.last()) {
      throw new IllegalArgumentException("unspent outputs are added in position order");
    }
    positions.add(pos.toLong());
    owners.add(CreatedOutputs.fingerprint(owner));
  }

  int size() {
    return positions.size();
  }

  /** The index of the unspent output at {@code pos}, or -1. */
  int indexOf(UtxoPos pos) {
    return positions.indexOf(pos.toLong());
  }

  UtxoPos position(int index) {
    return UtxoPos.fromLong(positions.get(index)).orElseThrow();
  }

  boolean isOwnedBy(int index, Address owner) {
    return owners.get(index) == CreatedOutputs.fingerprint(owner);
  }
}
