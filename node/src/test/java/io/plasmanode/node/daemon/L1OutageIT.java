package io.plasmanode.node.daemon;

import static io.plasmanode.node.testing.Payments.eth;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.l1.RootChain;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.node.testing.OperatorView;
import io.plasmanode.node.testing.PlasmaNetwork;
import io.plasmanode.node.testing.Scenario;
import io.plasmanode.node.testing.TcpProxy;
import io.plasmanode.node.testing.Waits;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * L1 becomes unreachable (a relay between the operator and anvil drops every connection and refuses
 * new ones) while users keep transacting: the operator keeps taking transactions and serving reads,
 * says so in {@code plasma_status}, and once L1 is back commits every block it produced meanwhile,
 * in order, each exactly once, with the roots it stored.
 *
 * <p>Short by default (CI); the minute: {@code -Dplasma.l1outage.seconds=60}.
 */
class L1OutageIT {
  private static final PrivateKey OPERATOR = TestKeys.CAROL;
  private static final PrivateKey ALICE = TestKeys.ALICE;
  private static final PrivateKey BOB = TestKeys.BOB;
  private static final BigInteger ETHER = AnvilChain.ether(1);
  private static final Duration OUTAGE =
      Duration.ofSeconds(Integer.getInteger("plasma.l1outage.seconds", 8));
  private static final Duration WAIT = Duration.ofSeconds(60);

  @RegisterExtension
  final PlasmaNetwork net =
      PlasmaNetwork.builder()
          .operator(OPERATOR)
          .exitPeriod(PlasmaNetwork.SHORT_EXIT_PERIOD)
          .build();

  @Test
  void operatorServesThroughAnL1Outage_thenCommitsEveryBlockOnceInOrder() throws Exception {
    TcpProxy relay = net.relayL1();
    OperatorNode operator =
        net.startOperator(setup -> setup.withL1Rpc(PlasmaNetwork.relayUrl(relay)));
    Scenario users = net.scenario(PlasmaNetwork.rpcUrl(operator));
    OperatorView rpc = users.operator();
    RootChain chain = net.l1().as(ALICE);
    UtxoPos deposit = users.deposit(ALICE, ETHER);
    await(
        "the deposit credited",
        () -> operator.status().height() == 0 && rpc.hasUtxo(ALICE, deposit));

    // Before: block 1000 is committed.
    UtxoPos toBob = users.pay(ALICE, deposit, eth(BOB, ETHER)).output(0);
    await("block 1000 on L1", () -> chain.nextChildBlock() == 2000);

    relay.cut();
    Instant cutAt = Instant.now();
    UtxoPos backToAlice = users.pay(BOB, toBob, eth(ALICE, ETHER)).output(0);
    await("block 2000 closed while L1 is away", () -> operator.status().height() == 2000);
    await("an alarm in plasma_status", () -> !rpc.status().path("alarms").isEmpty());
    users.pay(ALICE, backToAlice, eth(BOB, ETHER));
    await("block 3000 closed while L1 is away", () -> operator.status().height() == 3000);
    assertThat(rpc.block(2000).path("transactions")).hasSize(1);
    Thread.sleep(Math.max(0, OUTAGE.minus(Duration.between(cutAt, Instant.now())).toMillis()));
    assertThat(chain.nextChildBlock()).as("nothing reached L1 meanwhile").isEqualTo(2000);

    relay.restore();
    await("blocks 2000 and 3000 on L1", () -> chain.nextChildBlock() == 4000);
    await("the alarms cleared", () -> rpc.status().path("alarms").isEmpty());

    List<L1Event.BlockSubmitted> submitted =
        chain.events(0, chain.l1Height()).stream()
            .filter(L1Event.BlockSubmitted.class::isInstance)
            .map(L1Event.BlockSubmitted.class::cast)
            .toList();
    assertThat(submitted)
        .as("each block committed once, in order")
        .extracting(L1Event.BlockSubmitted::blknum)
        .containsExactly(1000L, 2000L, 3000L);
    for (L1Event.BlockSubmitted block : submitted) {
      JsonNode stored = rpc.block(block.blknum());
      assertThat(block.root().toHex())
          .as("root of %s", block.blknum())
          .isEqualTo(stored.path("root").asText());
    }
  }

  private static void await(String what, BooleanSupplier condition) {
    Waits.await(WAIT, what, condition);
  }
}
