package io.plasmanode.storage.chain;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;

/** A key of the owner index: an unspent output's owner and position. */
record OwnedPos(Address owner, UtxoPos pos) {
  OwnedPos {
    requireNonNull(owner, "owner");
    requireNonNull(pos, "pos");
  }
}
