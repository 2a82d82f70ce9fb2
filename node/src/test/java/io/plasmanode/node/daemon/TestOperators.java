package io.plasmanode.node.daemon;

import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.types.Address;
import io.plasmanode.node.operator.BlockProducerConfig;
import io.plasmanode.p2p.rpc.HttpServerLimits;
import io.plasmanode.storage.chain.ChainCheckMode;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** In-process operators for integration tests: loopback, an ephemeral port, quick blocks. */
public final class TestOperators {
  private static final BigInteger MAX_GAS_PRICE =
      BigInteger.valueOf(500).multiply(BigInteger.TEN.pow(9));

  private TestOperators() {}

  /**
   * An operator of {@code contract} reached through {@code l1}: a block every 300 ms, no deposit or
   * commit confirmations, L1 polled every 200 ms, gas at most 500 gwei, 10,000 requests/s, the
   * default server limits.
   */
  public static OperatorNode start(URI l1, Address contract, Path dataDir, PrivateKey operator) {
    return start(
        l1, contract, dataDir, operator, 0, Duration.ofMillis(300), Duration.ofMillis(200));
  }

  /**
   * As {@link #start(URI, Address, Path, PrivateKey)}, acting on deposits and exits {@code
   * confirmations} L1 blocks deep, closing blocks every {@code blockInterval} and polling L1 every
   * {@code l1PollInterval}.
   */
  public static OperatorNode start(
      URI l1,
      Address contract,
      Path dataDir,
      PrivateKey operator,
      int confirmations,
      Duration blockInterval,
      Duration l1PollInterval) {
    return OperatorNode.start(
        new OperatorConfig(
            l1,
            contract,
            dataDir,
            "127.0.0.1",
            0,
            blockInterval,
            confirmations,
            0,
            l1PollInterval,
            0,
            MAX_GAS_PRICE,
            10_000,
            HttpServerLimits.defaults(),
            BlockProducerConfig.DEFAULT_MAX_PENDING_VERIFICATIONS,
            ChainCheckMode.QUICK),
        operator);
  }
}
