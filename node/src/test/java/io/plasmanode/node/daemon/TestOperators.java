package io.plasmanode.node.daemon;

import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.types.Address;
import io.plasmanode.node.testing.OperatorSetup;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** In-process operators for integration tests: loopback, an ephemeral port, quick blocks. */
public final class TestOperators {
  private TestOperators() {}

  /**
   * An operator of {@code contract} reached through {@code l1}, as {@link OperatorSetup#defaults()}
   * says: a block every 300 ms, no deposit or commit confirmations, L1 polled every 200 ms.
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
    OperatorSetup setup =
        OperatorSetup.defaults()
            .withConfirmations(confirmations)
            .withBlockInterval(blockInterval)
            .withL1PollInterval(l1PollInterval);
    return OperatorNode.start(setup.config(l1, contract, dataDir), operator);
  }
}
