package io.plasmanode.node.testing;

import io.plasmanode.core.types.Address;
import io.plasmanode.node.daemon.OperatorConfig;
import io.plasmanode.node.operator.BlockProducerConfig;
import io.plasmanode.p2p.rpc.HttpServerLimits;
import io.plasmanode.storage.chain.ChainCheckMode;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

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
 */
public record OperatorSetup(
    int confirmations, Duration blockInterval, Duration l1PollInterval, ChainCheckMode checkDb) {
  private static final BigInteger MAX_GAS_PRICE =
      BigInteger.valueOf(500).multiply(BigInteger.TEN.pow(9));

  /** A block every 300 ms, no confirmations, L1 read every 200 ms, the quick database check. */
  public static OperatorSetup defaults() {
    return new OperatorSetup(
        0, Duration.ofMillis(300), Duration.ofMillis(200), ChainCheckMode.QUICK);
  }

  /** Quicker: a block every 200 ms and L1 read every 100 ms (the watcher ITs' operator). */
  public static OperatorSetup quick() {
    return defaults()
        .withBlockInterval(Duration.ofMillis(200))
        .withL1PollInterval(Duration.ofMillis(100));
  }

  public OperatorSetup withConfirmations(int value) {
    return new OperatorSetup(value, blockInterval, l1PollInterval, checkDb);
  }

  public OperatorSetup withBlockInterval(Duration value) {
    return new OperatorSetup(confirmations, value, l1PollInterval, checkDb);
  }

  public OperatorSetup withL1PollInterval(Duration value) {
    return new OperatorSetup(confirmations, blockInterval, value, checkDb);
  }

  public OperatorSetup withCheckDb(ChainCheckMode value) {
    return new OperatorSetup(confirmations, blockInterval, l1PollInterval, value);
  }

  /** The operator of {@code contract} on the L1 at {@code l1}, its database in {@code dataDir}. */
  public OperatorConfig config(URI l1, Address contract, Path dataDir) {
    return new OperatorConfig(
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
        checkDb);
  }
}
