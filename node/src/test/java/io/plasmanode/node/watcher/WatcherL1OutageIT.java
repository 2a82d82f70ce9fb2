package io.plasmanode.node.watcher;

import static io.plasmanode.node.watcher.WatcherFixture.BOND;
import static io.plasmanode.node.watcher.WatcherFixture.EXIT_PERIOD;
import static io.plasmanode.node.watcher.WatcherFixture.ONE_ETH;
import static io.plasmanode.node.watcher.WatcherFixture.await;
import static io.plasmanode.node.watcher.WatcherFixture.config;
import static io.plasmanode.node.watcher.WatcherFixture.deposit;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.node.testing.TcpProxy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * L1 becomes unreachable for a watcher (a relay between it and anvil drops every connection and
 * refuses new ones): {@code watcher_status} says so in its alarms, and once L1 is back the watcher
 * reads on and the alarm clears.
 */
class WatcherL1OutageIT {
  private static final PrivateKey OPERATOR = TestKeys.CAROL;
  private static final PrivateKey ALICE = TestKeys.ALICE;

  @TempDir Path dir;

  @Test
  void l1Unreachable_isAnAlarmInWatcherStatus_clearedOnceL1IsBack() {
    try (AnvilChain l1 = AnvilChain.start(OPERATOR, EXIT_PERIOD, BOND);
        TcpProxy relay = TcpProxy.to(URI.create(l1.rpcUrl()).getPort());
        WatcherFixture.FakeOperator operator = new WatcherFixture.FakeOperator(l1, OPERATOR);
        WatcherNode watcher =
            WatcherNode.start(
                viaRelay(config(l1, operator.endpoint(), dir), relay), Optional.empty())) {
      await("L1 read", () -> watcher.status().l1Height() >= 0);
      assertThat(watcher.status().alarms()).isEmpty();

      relay.cut();
      await(
          "an L1 alarm in watcher_status",
          () ->
              watcher.status().alarms().stream()
                  .anyMatch(alarm -> alarm.startsWith("L1 events cannot be read: ")));

      relay.restore();
      deposit(l1, ALICE, ONE_ETH);
      long depositBlock = l1.as(ALICE).l1Height();
      await(
          "L1 read again, the alarm cleared",
          () ->
              watcher.status().l1HeightSeen() >= depositBlock
                  && watcher.status().alarms().isEmpty());
    }
  }

  private static WatcherConfig config(AnvilChain l1, URI operatorRpc, Path dataDir) {
    return WatcherFixture.config(
        l1, operatorRpc, dataDir, Duration.ofMinutes(10), Duration.ofSeconds(10));
  }

  /** {@code config}, reading L1 through {@code relay}. */
  private static WatcherConfig viaRelay(WatcherConfig config, TcpProxy relay) {
    return new WatcherConfig(
        URI.create("http://127.0.0.1:" + relay.port()),
        config.contract(),
        config.operatorRpc(),
        config.dataDir(),
        config.rpcHost(),
        config.rpcPort(),
        config.finalityMargin(),
        config.withholdingTimeout(),
        config.safetyMargin(),
        config.challengeRetryAfter(),
        config.pollInterval(),
        config.l1StartBlock(),
        config.p2pHost(),
        config.p2pPort(),
        config.peers(),
        config.rpcLimits());
  }
}
