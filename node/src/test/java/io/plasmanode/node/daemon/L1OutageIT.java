package io.plasmanode.node.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.contracts.anvil.AnvilProcess;
import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.eip712.TransactionSigner;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.l1.RootChain;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hex;
import io.plasmanode.node.testing.TcpProxy;
import io.plasmanode.p2p.rpc.JsonRpcClient;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
  private static final BigInteger ETHER = BigInteger.TEN.pow(18);
  private static final Duration OUTAGE =
      Duration.ofSeconds(Integer.getInteger("plasma.l1outage.seconds", 8));
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void operatorServesThroughAnL1Outage_thenCommitsEveryBlockOnceInOrder() throws Exception {
    try (AnvilChain l1 =
            AnvilChain.start(OPERATOR, Duration.ofSeconds(100), ETHER.divide(BigInteger.TEN));
        TcpProxy relay = TcpProxy.to(URI.create(l1.rpcUrl()).getPort());
        OperatorNode operator =
            TestOperators.start(
                URI.create("http://127.0.0.1:" + relay.port()),
                l1.contract(),
                dir.resolve("operator"),
                OPERATOR);
        JsonRpcClient rpc =
            new JsonRpcClient(URI.create("http://127.0.0.1:" + operator.rpcPort() + "/"))) {
      RootChain chain = l1.as(ALICE);
      TransactionSigner signer =
          new TransactionSigner(new Eip712Domain(l1.contract(), AnvilProcess.CHAIN_ID));
      chain.deposit(
          TxCodec.encode(
              PaymentTransaction.deposit(new Output(ALICE.address(), Address.ZERO, ETHER))),
          ETHER);
      UtxoPos deposit = new UtxoPos(1, 0, 0);
      await("the deposit credited", () -> operator.status().height() == 0 && hasUtxo(rpc, ALICE));

      // Before: block 1000 is committed.
      UtxoPos toBob = submit(rpc, signer, deposit, ALICE, BOB);
      await("block 1000 on L1", () -> chain.nextChildBlock() == 2000);

      relay.cut();
      Instant cutAt = Instant.now();
      UtxoPos backToAlice = submit(rpc, signer, toBob, BOB, ALICE);
      await("block 2000 closed while L1 is away", () -> operator.status().height() == 2000);
      await("an alarm in plasma_status", () -> !status(rpc).path("alarms").isEmpty());
      submit(rpc, signer, backToAlice, ALICE, BOB);
      await("block 3000 closed while L1 is away", () -> operator.status().height() == 3000);
      assertThat(rpc.call("plasma_getBlock", 2000L).path("transactions")).hasSize(1);
      Thread.sleep(Math.max(0, OUTAGE.minus(Duration.between(cutAt, Instant.now())).toMillis()));
      assertThat(chain.nextChildBlock()).as("nothing reached L1 meanwhile").isEqualTo(2000);

      relay.restore();
      await("blocks 2000 and 3000 on L1", () -> chain.nextChildBlock() == 4000);
      await("the alarms cleared", () -> status(rpc).path("alarms").isEmpty());

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
        String stored = rpc.call("plasma_getBlock", block.blknum()).path("root").asText();
        assertThat(block.root().toHex()).as("root of %s", block.blknum()).isEqualTo(stored);
      }
    }
  }

  /** Sends {@code input}, owned by {@code from}, whole to {@code to}; returns the new output. */
  private static UtxoPos submit(
      JsonRpcClient rpc, TransactionSigner signer, UtxoPos input, PrivateKey from, PrivateKey to) {
    PaymentTransaction tx =
        PaymentTransaction.transfer(
            List.of(input), List.of(new Output(to.address(), Address.ZERO, ETHER)));
    byte[] signed = TxCodec.encodeSigned(signer.sign(tx, List.of(from)));
    JsonNode accepted = rpc.call("plasma_submitTransaction", Hex.encode(signed));
    return new UtxoPos(accepted.path("blknum").asLong(), accepted.path("txIndex").asInt(), 0);
  }

  private static boolean hasUtxo(JsonRpcClient rpc, PrivateKey owner) {
    return !rpc.call("plasma_getUtxos", owner.address().toHex()).isEmpty();
  }

  private static JsonNode status(JsonRpcClient rpc) {
    return rpc.call("plasma_status");
  }

  private static void await(String what, BooleanSupplier condition) {
    Awaitility.await(what)
        .atMost(WAIT)
        .dontCatchUncaughtExceptions()
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(100))
        .until(condition::getAsBoolean);
  }
}
