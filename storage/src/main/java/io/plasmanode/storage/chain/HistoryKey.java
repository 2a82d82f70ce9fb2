package io.plasmanode.storage.chain;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.types.Address;

/** A key of the account history: an address and a transaction (or deposit) it took part in. */
record HistoryKey(Address address, TxLocation location) {
  HistoryKey {
    requireNonNull(address, "address");
    requireNonNull(location, "location");
  }
}
