package io.plasmanode.storage.chain;

import static java.util.Objects.requireNonNull;

/** A transaction found by hash: where it is and its bytes. */
public record StoredTransaction(TxLocation location, TxBytes tx) {
  public StoredTransaction {
    requireNonNull(location, "location");
    requireNonNull(tx, "tx");
  }
}
