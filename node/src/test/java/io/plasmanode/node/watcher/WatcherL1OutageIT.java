package io.plasmanode.node.watcher;

import static io.plasmanode.node.testing.Waits.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.node.testing.FakeOperator;
import io.plasmanode.node.testing.PlasmaNetwork;
import io.plasmanode.node.testing.Scenario;
import io.plasmanode.node.testing.TcpProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * L1 becomes unreachable for a watcher (a relay between it and anvil drops every connection and
 * refuses new ones): {@code watcher_status} says so in its alarms, and once L1 is back the watcher
 * reads on and the alarm clears.
 */
class WatcherL1OutageIT {
  private static final PrivateKey OPERATOR = TestKeys.CAROL;
  private static final PrivateKey ALICE = TestKeys.ALICE;

  @RegisterExtension
  final PlasmaNetwork net =
      PlasmaNetwork.builder()
          .operator(OPERATOR)
          .exitPeriod(PlasmaNetwork.SHORT_EXIT_PERIOD)
          .build();

  @Test
  void l1Unreachable_isAnAlarmInWatcherStatus_clearedOnceL1IsBack() {
    TcpProxy relay = net.relayL1();
    FakeOperator operator = net.startFakeOperator();
    Scenario users = net.scenario();
    WatcherNode watcher =
        net.startWatcher(
            operator.endpoint(), setup -> setup.withL1Rpc(PlasmaNetwork.relayUrl(relay)));
    await("L1 read", () -> watcher.status().l1Height() >= 0);
    assertThat(watcher.status().alarms()).isEmpty();

    relay.cut();
    await(
        "an L1 alarm in watcher_status",
        () ->
            watcher.status().alarms().stream()
                .anyMatch(alarm -> alarm.startsWith("L1 events cannot be read: ")));

    relay.restore();
    users.deposit(ALICE, AnvilChain.ether(1));
    long depositBlock = net.l1().as(ALICE).l1Height();
    await(
        "L1 read again, the alarm cleared",
        () ->
            watcher.status().l1HeightSeen() >= depositBlock && watcher.status().alarms().isEmpty());
  }
}
