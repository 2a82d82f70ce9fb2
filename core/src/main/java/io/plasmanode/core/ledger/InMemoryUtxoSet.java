package io.plasmanode.core.ledger;

import io.plasmanode.core.tx.UtxoPos;
import java.util.HashMap;
import java.util.Map;

/**
 * A UTXO set held in memory: the reference implementation for tests and for watchers that replay
 * the chain. Not thread-safe.
 */
public final class InMemoryUtxoSet implements UtxoView {
  private final Map<UtxoPos, UtxoStatus> entries = new HashMap<>();

  @Override
  public UtxoStatus status(UtxoPos pos) {
    return entries.getOrDefault(pos, UtxoStatus.UNKNOWN);
  }

  /** Applies a block's (or a deposit's) delta. */
  public void apply(UtxoDelta delta) {
    delta.spent().forEach(pos -> entries.put(pos, UtxoStatus.SPENT));
    delta.created().forEach(utxo -> entries.put(utxo.pos(), new UtxoStatus.Unspent(utxo.output())));
  }

  /**
   * Locks an unspent output whose exit started on L1; returns whether it was unspent. Exits of
   * spent or unknown outputs are the exit game's business (they are challenged), not the ledger's.
   */
  public boolean markExiting(UtxoPos pos) {
    if (status(pos) instanceof UtxoStatus.Unspent unspent) {
      entries.put(pos, new UtxoStatus.Exiting(unspent.output()));
      return true;
    }
    return false;
  }
}
