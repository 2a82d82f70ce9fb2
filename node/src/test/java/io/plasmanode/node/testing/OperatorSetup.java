package io.plasmanode.node.testing;

import io.plasmanode.core.types.Address;
import io.plasmanode.node.daemon.OperatorConfig;
import io.plasmanode.node.operator.BlockProducerConfig;
import io.plasmanode.storage.chain.ChainCheckMode;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How a test wants its in-process operator, as the few settings the ITs vary; tweaked with {@code
 * setup -> setup.withBlockInterval(...)}. {@link #config} is the one place the ITs build an {@link
 * OperatorConfig}: loopback, an ephemeral port, gas at most 500 gwei, 10,000 requests/s, the
 * default server limits.
 *
 * @param confirmations L1 blocks deep a deposit or exit must be before the operator acts on it
 * @param blockInterval how often a non-empty block closes
 * @param l1PollInterval how often L1 is read
 * @param checkDb the database check at start
 * @param l1Rpc where it reaches L1 instead of the network's anvil (e.g. a relay in front of it)
 */
public record OperatorSetup(
    int confirmations,
    Duration blockInterval,
    Duration l1PollInterval,
    ChainCheckMode checkDb,
    Optional<URI> l1Rpc) {
  private static final BigInteger MAX_GAS_PRICE =
      BigInteger.valueOf(500).multiply(BigInteger.TEN.pow(9));

  /** A block every 300 ms, no confirmations, L1 read every 200 ms, the quick database check. */
  public static OperatorSetup defaults() {
    return new OperatorSetup(
        0, Duration.ofMillis(300), Duration.ofMillis(200), ChainCheckMode.QUICK, Optional.empty());
  }

  /** Quicker: a block every 200 ms and L1 read every 100 ms (the watcher ITs' operator). */
  public static OperatorSetup quick() {
    return defaults()
        .withBlockInterval(Duration.ofMillis(200))
        .withL1PollInterval(Duration.ofMillis(100));
  }

  public OperatorSetup withConfirmations(int value) {
    return new OperatorSetup(value, blockInterval, l1PollInterval, checkDb, l1Rpc);
  }

  public OperatorSetup withBlockInterval(Duration value) {
    return new OperatorSetup(confirmations, value, l1PollInterval, checkDb, l1Rpc);
  }

  public OperatorSetup withL1PollInterval(Duration value) {
    return new OperatorSetup(confirmations, blockInterval, value, checkDb, l1Rpc);
  }

  public OperatorSetup withCheckDb(ChainCheckMode value) {
    return new OperatorSetup(confirmations, blockInterval, l1PollInterval, value, l1Rpc);
  }

  /** Reaches L1 at {@code value} instead of the network's anvil (e.g. through a relay). */
  public OperatorSetup withL1Rpc(URI value) {
    return new OperatorSetup(
        confirmations, blockInterval, l1PollInterval, checkDb, Optional.of(value));
  }

  /**
   * The operator of {@code contract} on the L1 at {@code l1} (unless {@link #l1Rpc} says where),
   * its database in {@code dataDir}.
   */
  public OperatorConfig config(URI l1, Address contract, Path dataDir) {
    return OperatorConfig.builder(l1Rpc.orElse(l1), contract, dataDir)
        .rpcHost("127.0.0.1")
        .rpcPort(0)
        .blockInterval(blockInterval)
        .depositConfirmations(confirmations)
        .commitConfirmations(0)
        .l1PollInterval(l1PollInterval)
        .l1StartBlock(0)
        .maxGasPrice(MAX_GAS_PRICE)
        .rpcRequestsPerSecond(10_000)
        .maxPendingVerifications(BlockProducerConfig.DEFAULT_MAX_PENDING_VERIFICATIONS)
        .checkDb(checkDb)
        .build();
  }
}
