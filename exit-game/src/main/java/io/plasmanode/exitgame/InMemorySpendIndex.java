package io.plasmanode.exitgame;

import io.plasmanode.core.tx.UtxoPos;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link SpendIndex} held in memory, for tests and watchers that replay the chain. */
public final class InMemorySpendIndex implements SpendIndex {
  private final Map<UtxoPos, SpendRecord> spends = new HashMap<>();

  @Override
  public Optional<SpendRecord> spendOf(UtxoPos pos) {
    return Optional.ofNullable(spends.get(pos));
  }

  /** Records the spends of a validated block. */
  public void record(List<SpendRecord> blockSpends) {
    blockSpends.forEach(spend -> spends.put(spend.spentPos(), spend));
  }
}
