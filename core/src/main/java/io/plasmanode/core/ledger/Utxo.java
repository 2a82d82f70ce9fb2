package io.plasmanode.core.ledger;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.UtxoPos;

/** An output and where it is. */
public record Utxo(UtxoPos pos, Output output) {
  public Utxo {
    requireNonNull(pos, "pos");
    requireNonNull(output, "output");
  }
}
