package io.plasmanode.node.daemon;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.node.commit.ReconcileException;
import io.plasmanode.node.testing.PlasmaNetwork;
import io.plasmanode.storage.chain.ChainCheckException;
import io.plasmanode.storage.chain.ChainCheckMode;
import io.plasmanode.storage.chain.TestChains;
import io.plasmanode.storage.kv.LevelDbKeyValueStore;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator checks its database before anything uses it: on a damaged one it refuses to start,
 * naming the problem and the fix, and leaves the data dir free again (the second start opens it);
 * with {@code --check-db=off} it starts anyway.
 */
class OperatorDbCheckIT {
  private static final PrivateKey OPERATOR = TestKeys.CAROL;

  @RegisterExtension
  final PlasmaNetwork net =
      PlasmaNetwork.builder()
          .operator(OPERATOR)
          .exitPeriod(PlasmaNetwork.SHORT_EXIT_PERIOD)
          .bond(BigInteger.ONE)
          .build();

  /** Where {@link PlasmaNetwork#startOperator} keeps the operator's data. */
  private Path dataDir;

  @BeforeEach
  void dataDir() {
    dataDir = net.dir().resolve("operator");
  }

  @Test
  void damagedDatabase_refusesToStartWithTheProblemAndTheFix() {
    try (LevelDbKeyValueStore kv = LevelDbKeyValueStore.open(dataDir.resolve("chain"))) {
      TestChains.writeConsistentChain(kv);
      TestChains.reviveSpentOutput(kv, new UtxoPos(1001, 0, 0));
    }
    assertThatThrownBy(() -> start(ChainCheckMode.QUICK))
        .isInstanceOf(ChainCheckException.class)
        .hasMessageContaining("the database " + dataDir.resolve("chain") + " is inconsistent")
        .hasMessageContaining("INCONSISTENT (quick check): ")
        .hasMessageContaining("[utxo_status_mismatch]")
        .hasMessageContaining("Restore the data dir from a backup")
        .hasMessageContaining("plasma db check --data-dir " + dataDir);

    assertThatThrownBy(() -> start(ChainCheckMode.OFF))
        .as("--check-db=off skips the check: the start check against L1 that follows refuses")
        .isInstanceOf(ReconcileException.class)
        .hasMessageContaining("block 1000 is recorded committed");
  }

  /**
   * Times operator starts on the database {@code ChainCheckScaleIT} left in {@code
   * -Dplasma.dbcheck.dir} (not in CI): with each check mode, from the call until JSON-RPC is served
   * or, since the chain is not this contract's, until the start check against L1 that runs after
   * the database check refuses it (a few L1 reads).
   */
  @Test
  @EnabledIfSystemProperty(named = "plasma.dbcheck.dir", matches = ".+")
  void startOnABigDatabase_isTimed() {
    Path bigDataDir = Path.of(System.getProperty("plasma.dbcheck.dir"));
    AnvilChain l1 = net.l1();
    for (ChainCheckMode mode :
        List.of(ChainCheckMode.OFF, ChainCheckMode.QUICK, ChainCheckMode.FULL)) {
      long started = System.nanoTime();
      String outcome;
      try (OperatorNode node =
          PlasmaNetwork.startOperator(l1, bigDataDir, OPERATOR, setup -> setup.withCheckDb(mode))) {
        outcome = "serving at height " + node.status().height();
      } catch (ReconcileException e) {
        outcome = "refused by the L1 check (another contract's chain)";
      }
      System.out.printf(
          "[db check] operator start with --check-db=%s: %.1f s, %s%n",
          mode, (System.nanoTime() - started) / 1e9, outcome);
    }
  }

  private OperatorNode start(ChainCheckMode checkDb) {
    return net.startOperator(setup -> setup.withCheckDb(checkDb));
  }
}
