package io.plasmanode.node.testing;

import io.plasmanode.contracts.testing.AnvilChain;
import java.time.Duration;
import java.util.List;

/**
 * L1 reorganisations on a test anvil, for the reorg integration tests. {@code anvil_reorg} replaces
 * the last blocks with as many empty ones: the height stays, the transactions of the replaced
 * blocks are dropped (not put back in the pool: their receipts vanish and their senders' nonces go
 * back), and so are their logs and state changes.
 */
public final class L1Reorgs {
  private L1Reorgs() {}

  /** Replaces the last {@code depth} blocks of {@code l1} with empty ones. */
  public static void reorg(AnvilChain l1, int depth) {
    l1.call("anvil_reorg", depth, List.of());
  }

  /** Mines {@code blocks} blocks with whatever is pending. */
  public static void mine(AnvilChain l1, int blocks) {
    for (int i = 0; i < blocks; i++) {
      l1.mine();
    }
  }

  /** The number of {@code l1}'s latest block. */
  public static long height(AnvilChain l1) {
    return Long.decode(l1.call("eth_blockNumber").asText());
  }

  /** Lets the services poll for {@code duration} (to show that they do not act too early). */
  public static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
