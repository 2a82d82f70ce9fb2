package io.plasmanode.core.ledger;

import io.plasmanode.core.tx.UtxoPos;

/** Read access to the UTXO set: the one port the ledger rules need. */
@FunctionalInterface
public interface UtxoView {
  UtxoStatus status(UtxoPos pos);
}
