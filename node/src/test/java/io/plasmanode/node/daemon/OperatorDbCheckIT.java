package io.plasmanode.node.daemon;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.node.commit.ReconcileException;
import io.plasmanode.node.testing.OperatorSetup;
import io.plasmanode.storage.chain.ChainCheckException;
import io.plasmanode.storage.chain.ChainCheckMode;
import io.plasmanode.storage.chain.TestChains;
import io.plasmanode.storage.kv.LevelDbKeyValueStore;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator checks its database before anything uses it: on a damaged one it refuses to start,
 * naming the problem and the fix, and leaves the data dir free again (the second start opens it);
 * with {@code --check-db=off} it starts anyway.
 */
class OperatorDbCheckIT {
  private static final PrivateKey OPERATOR = TestKeys.CAROL;

  @TempDir Path dataDir;

  @Test
  void damagedDatabase_refusesToStartWithTheProblemAndTheFix() {
    try (LevelDbKeyValueStore kv = LevelDbKeyValueStore.open(dataDir.resolve("chain"))) {
      TestChains.writeConsistentChain(kv);
      TestChains.reviveSpentOutput(kv, new UtxoPos(1001, 0, 0));
    }
    try (AnvilChain l1 = AnvilChain.start(OPERATOR, Duration.ofSeconds(100), BigInteger.ONE)) {
      URI rpc = URI.create(l1.rpcUrl());

      assertThatThrownBy(() -> start(rpc, l1, ChainCheckMode.QUICK))
          .isInstanceOf(ChainCheckException.class)
          .hasMessageContaining("the database " + dataDir.resolve("chain") + " is inconsistent")
          .hasMessageContaining("INCONSISTENT (quick check): ")
          .hasMessageContaining("[utxo_status_mismatch]")
          .hasMessageContaining("Restore the data dir from a backup")
          .hasMessageContaining("plasma db check --data-dir " + dataDir);

      assertThatThrownBy(() -> start(rpc, l1, ChainCheckMode.OFF))
          .as("--check-db=off skips the check: the start check against L1 that follows refuses")
          .isInstanceOf(ReconcileException.class)
          .hasMessageContaining("block 1000 is recorded committed");
    }
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
    try (AnvilChain l1 = AnvilChain.start(OPERATOR, Duration.ofSeconds(100), BigInteger.ONE)) {
      for (ChainCheckMode mode :
          List.of(ChainCheckMode.OFF, ChainCheckMode.QUICK, ChainCheckMode.FULL)) {
        long started = System.nanoTime();
        String outcome;
        try (OperatorNode node = start(URI.create(l1.rpcUrl()), l1, bigDataDir, mode)) {
          outcome = "serving at height " + node.status().height();
        } catch (ReconcileException e) {
          outcome = "refused by the L1 check (another contract's chain)";
        }
        System.out.printf(
            "[db check] operator start with --check-db=%s: %.1f s, %s%n",
            mode, (System.nanoTime() - started) / 1e9, outcome);
      }
    }
  }

  private OperatorNode start(URI l1Rpc, AnvilChain l1, ChainCheckMode checkDb) {
    return start(l1Rpc, l1, dataDir, checkDb);
  }

  private static OperatorNode start(
      URI l1Rpc, AnvilChain l1, Path dataDir, ChainCheckMode checkDb) {
    return OperatorNode.start(
        OperatorSetup.defaults().withCheckDb(checkDb).config(l1Rpc, l1.contract(), dataDir),
        OPERATOR);
  }
}
