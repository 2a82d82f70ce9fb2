package io.plasmanode.core.ledger;

import io.plasmanode.core.tx.UtxoPos;
import java.util.List;

/**
 * What applying a block changes in the UTXO set: the positions it spent (including outputs created
 * and spent within the block) and the outputs it created that are still unspent at its end.
 */
public record UtxoDelta(List<UtxoPos> spent, List<Utxo> created) {
  public UtxoDelta {
    spent = List.copyOf(spent);
    created = List.copyOf(created);
  }

  /** The delta of a deposit block: one new output at {@code blknum * 1e9}. */
  public static UtxoDelta deposit(Utxo depositOutput) {
    return new UtxoDelta(List.of(), List.of(depositOutput));
  }
}
