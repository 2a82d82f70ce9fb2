package io.plasmanode.node.loadgen;

import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.crypto.PrivateKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The bench's child-chain keys, derived from a seed ({@code keccak256(seed, name)}): the hub that
 * receives the deposit and owns the inner fan-out outputs, and N paying accounts. The same seed
 * gives the same keys, so runs are repeatable; these keys hold test money only.
 */
public final class BenchAccounts {
  private final PrivateKey hub;
  private final List<PrivateKey> accounts;

  private BenchAccounts(PrivateKey hub, List<PrivateKey> accounts) {
    this.hub = hub;
    this.accounts = accounts;
  }

  public static BenchAccounts derive(String seed, int count) {
    return new BenchAccounts(
        key(seed, "hub"),
        IntStream.range(0, count).parallel().mapToObj(i -> key(seed, "account-" + i)).toList());
  }

  public PrivateKey hub() {
    return hub;
  }

  /** Account {@code index}, or the hub for {@link FanOutPlan#HUB}. */
  public PrivateKey key(int index) {
    return index == FanOutPlan.HUB ? hub : accounts.get(index);
  }

  public int size() {
    return accounts.size();
  }

  private static PrivateKey key(String seed, String name) {
    return PrivateKey.of(
        Keccak.keccak256(
                "plasma-bench".getBytes(StandardCharsets.UTF_8),
                seed.getBytes(StandardCharsets.UTF_8),
                name.getBytes(StandardCharsets.UTF_8))
            .toArray());
  }
}
