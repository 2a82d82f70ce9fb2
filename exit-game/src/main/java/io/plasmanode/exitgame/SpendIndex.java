package io.plasmanode.exitgame;

import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import java.util.Optional;

/**
 * Which transaction spent an output in the validated chain. The watcher's store implements it,
 * filled from {@link BlockValidation.Valid#spends()} in the same write as the block's delta.
 */
@FunctionalInterface
public interface SpendIndex {
  Optional<SpendRecord> spendOf(UtxoPos pos);

  /**
   * A spend of {@code pos} signed by {@code owner}: what challenges an exit of {@code pos} by
   * {@code owner}. The validated chain's spends are all signed by the owner; an index that also
   * holds spends read from blocks it did not validate checks the signer.
   */
  default Optional<SpendRecord> spendBy(UtxoPos pos, Address owner) {
    return spendOf(pos);
  }
}
