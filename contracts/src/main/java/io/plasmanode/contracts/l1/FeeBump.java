package io.plasmanode.contracts.l1;

/**
 * How much an L1 transaction re-sent with the same nonce must raise its fees: the rule of L1 nodes
 * that both the root committer and the watcher's challenger follow.
 */
public final class FeeBump {
  /**
   * The smallest allowed fee bump, in percent: nodes (geth, anvil) replace a pending transaction
   * only if both its fees rise by at least 10%; 12.5 leaves room for rounding.
   */
  public static final double MIN_PERCENT = 12.5;

  private FeeBump() {}
}
