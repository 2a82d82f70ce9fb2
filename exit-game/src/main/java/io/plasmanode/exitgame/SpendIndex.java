package io.plasmanode.exitgame;

import io.plasmanode.core.tx.UtxoPos;
import java.util.Optional;

/**
 * Which transaction spent an output in the validated chain. The watcher's store implements it,
 * filled from {@link BlockValidation.Valid#spends()} in the same write as the block's delta.
 */
@FunctionalInterface
public interface SpendIndex {
  Optional<SpendRecord> spendOf(UtxoPos pos);
}
