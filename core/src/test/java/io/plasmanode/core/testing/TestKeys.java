package io.plasmanode.core.testing;

import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.crypto.PrivateKey;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Deterministic keys for tests in every module (shared through core's test-jar). Never use them on
 * a real network.
 */
public final class TestKeys {
  /** Anvil's account 0: address 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266. */
  public static final PrivateKey ALICE =
      PrivateKey.fromHex("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");

  /** Address 0x2c7536E3605D9C16a7a3D7b1898e529396a65c23. */
  public static final PrivateKey BOB =
      PrivateKey.fromHex("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");

  /** Anvil's account 1: address 0x70997970C51812dc3A010C7d01b50e0d17dc79C8. */
  public static final PrivateKey CAROL =
      PrivateKey.fromHex("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");

  /** Anvil's account 2: address 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC. */
  public static final PrivateKey DAVE =
      PrivateKey.fromHex("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");

  public static final List<PrivateKey> ALL = List.of(ALICE, BOB, CAROL, DAVE);

  private TestKeys() {}

  /** The {@code index}-th of an unbounded family of distinct deterministic keys. */
  public static PrivateKey numbered(int index) {
    byte[] seed = ("plasma-node test key " + index).getBytes(StandardCharsets.UTF_8);
    return PrivateKey.of(Keccak.keccak256(seed).toArray());
  }
}
