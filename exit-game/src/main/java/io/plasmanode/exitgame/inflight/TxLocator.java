package io.plasmanode.exitgame.inflight;

import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import java.util.Optional;

/**
 * Where the validated chain included a tx: the watcher's chain store implements it (the tx hash is
 * {@code keccak256} of the unsigned tx bytes, as the contract hashes it).
 */
@FunctionalInterface
public interface TxLocator {
  /** The tx position (oindex 0) of the tx whose hash is {@code txHash}, if the chain holds it. */
  Optional<UtxoPos> positionOf(Hash32 txHash);
}
