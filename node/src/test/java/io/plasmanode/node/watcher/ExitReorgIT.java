package io.plasmanode.node.watcher;

import static io.plasmanode.node.testing.L1Reorgs.height;
import static io.plasmanode.node.testing.L1Reorgs.mine;
import static io.plasmanode.node.testing.L1Reorgs.pause;
import static io.plasmanode.node.testing.L1Reorgs.reorg;
import static io.plasmanode.node.watcher.WatcherFixture.BOND;
import static io.plasmanode.node.watcher.WatcherFixture.EXIT_PERIOD;
import static io.plasmanode.node.watcher.WatcherFixture.ONE_ETH;
import static io.plasmanode.node.watcher.WatcherFixture.await;
import static io.plasmanode.node.watcher.WatcherFixture.client;
import static io.plasmanode.node.watcher.WatcherFixture.config;
import static io.plasmanode.node.watcher.WatcherFixture.deposit;
import static io.plasmanode.node.watcher.WatcherFixture.eth;
import static io.plasmanode.node.watcher.WatcherFixture.eventTypes;
import static io.plasmanode.node.watcher.WatcherFixture.exitDeposit;
import static io.plasmanode.node.watcher.WatcherFixture.key;
import static io.plasmanode.node.watcher.WatcherFixture.pastEventTypes;
import static io.plasmanode.node.watcher.WatcherFixture.pay;
import static io.plasmanode.node.watcher.WatcherFixture.rpcUrl;
import static io.plasmanode.node.watcher.WatcherFixture.submit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.l1.ExitState;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hex;
import io.plasmanode.node.daemon.OperatorNode;
import io.plasmanode.p2p.rpc.JsonRpcClient;
import io.plasmanode.p2p.rpc.JsonRpcException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * L1 reorganisations ({@code anvil_reorg}) against exits, with the real operator (exit events
 * applied after {@code --deposit-confirmations}) and a challenging watcher ({@code
 * --finality-margin}), both {@value #MARGIN} blocks: exits reorged out before they are that deep
 * are never acted on (the operator does not lock the output, which stays spendable; the watcher
 * neither tracks, reports nor challenges), and exits deeper than that are handled exactly once,
 * also across a shallower reorg above them.
 */
class ExitReorgIT {
  private static final int MARGIN = 3;
  private static final PrivateKey OPERATOR = TestKeys.CAROL;
  private static final PrivateKey ALICE = TestKeys.ALICE;
  private static final PrivateKey BOB = TestKeys.BOB;
  private static final PrivateKey DAVE = TestKeys.DAVE;
  private static final UtxoPos DEPOSIT_1 = new UtxoPos(1, 0, 0);
  private static final BigInteger TWO_ETH = ONE_ETH.multiply(BigInteger.TWO);

  @TempDir Path dir;

  private final AnvilChain l1 = AnvilChain.start(OPERATOR, EXIT_PERIOD, BOND);
  private OperatorNode operator;
  private WatcherNode watcher;

  @AfterEach
  void stop() {
    if (watcher != null) {
      watcher.close();
    }
    if (operator != null) {
      operator.close();
    }
    l1.close();
  }

  @Test
  void exitsReorgedOutBeforeTheMarginAreIgnored_deeperOnesHandledOnce() {
    TestKeys.ALL.forEach(k -> l1.fund(k.address()));
    URI operatorRpc = startOperator();
    watcher =
        WatcherNode.start(
            config(
                l1,
                operatorRpc,
                dir.resolve("watcher"),
                Duration.ofMinutes(10),
                Duration.ofSeconds(10),
                MARGIN),
            key(DAVE));
    try (JsonRpcClient plasma = new JsonRpcClient(operatorRpc);
        JsonRpcClient watcherRpc = client(watcher)) {
      deposit(l1, ALICE, TWO_ETH);
      mine(l1, MARGIN);
      UtxoPos bobs =
          submit(
              plasma, pay(l1, ALICE, DEPOSIT_1, List.of(eth(BOB, ONE_ETH), eth(ALICE, ONE_ETH))));
      awaitValidated(1000);

      // Bob exits his output and Alice her spent deposit (an invalid exit): both 1-2 blocks deep.
      long before = height(l1);
      startExit(watcherRpc, BOB, bobs);
      exitDeposit(l1, ALICE, DEPOSIT_1, TWO_ETH);
      mine(l1, 1);
      pause(Duration.ofMillis(600)); // several polls of both: neither may act yet
      reorg(l1, (int) (height(l1) - before));
      assertThat(l1.as(DAVE).exit(bobs).status()).isEqualTo(ExitState.Status.NONE);
      assertThat(l1.as(DAVE).exit(DEPOSIT_1).status()).isEqualTo(ExitState.Status.NONE);
      mine(l1, MARGIN + 2);
      awaitBothRead(before + 3);

      assertThat(watcher.status().exitsTracked()).as("exits tracked").isZero();
      assertThat(eventTypes(watcher)).isEmpty();
      assertThat(l1.nonce(DAVE.address())).as("challenges sent").isZero();
      assertThat(utxos(plasma, BOB)).as("not locked").containsExactly(bobs.toString());
      UtxoPos bobsNext = submit(plasma, pay(l1, BOB, bobs, List.of(eth(BOB, ONE_ETH))));
      awaitValidated(2000);

      // The same exits again, buried MARGIN + 1 deep: acted on once, and a 2-block reorg above
      // them changes nothing.
      startExit(watcherRpc, BOB, bobsNext);
      exitDeposit(l1, ALICE, DEPOSIT_1, TWO_ETH);
      mine(l1, MARGIN + 1);
      await(
          "the invalid exit challenged",
          () -> l1.as(DAVE).exit(DEPOSIT_1).status() == ExitState.Status.CHALLENGED);
      await("the output locked", () -> !utxos(plasma, BOB).contains(bobsNext.toString()));
      mine(l1, MARGIN + 1);
      long handled = height(l1);
      awaitBothRead(handled - MARGIN);
      reorg(l1, 2);
      mine(l1, MARGIN + 2);
      awaitBothRead(handled + 2 - MARGIN);

      assertThat(l1.nonce(DAVE.address())).as("challenges sent").isEqualTo(1);
      assertThat(eventTypes(watcher)).as("active events").isEmpty();
      assertThat(pastEventTypes(watcher)).containsExactly("invalid_exit");
      assertThat(watcher.status().halted()).isFalse();
      assertThat(watcher.status().exitsTracked()).isEqualTo(2);
      assertThat(l1.as(DAVE).exit(bobsNext).status()).isEqualTo(ExitState.Status.ACTIVE);
      assertThat(rejection(plasma, pay(l1, BOB, bobsNext, List.of(eth(ALICE, ONE_ETH)))))
          .hasValueSatisfying(message -> assertThat(message).startsWith("utxo_exiting"));
    }
  }

  private URI startOperator() {
    operator = WatcherFixture.startOperator(l1, OPERATOR, dir.resolve("operator"), MARGIN);
    return rpcUrl(operator);
  }

  /** Waits for block {@code blknum} on L1, buries it MARGIN deep and waits for the watcher. */
  private void awaitValidated(long blknum) {
    await("block " + blknum + " on L1", () -> l1.as(DAVE).block(blknum).isPresent());
    mine(l1, MARGIN);
    await("block " + blknum + " validated", () -> watcher.status().syncedHeight() == blknum);
  }

  private void awaitBothRead(long l1Block) {
    await(
        "the operator and the watcher past L1 block " + l1Block,
        () ->
            operator.status().l1HeightSeen() >= l1Block
                && watcher.status().l1HeightSeen() >= l1Block);
  }

  private void startExit(JsonRpcClient watcherRpc, PrivateKey owner, UtxoPos pos) {
    JsonNode data = watcherRpc.call("watcher_getExitData", pos.toString());
    l1.as(owner)
        .startStandardExit(
            pos, Hex.decode(data.get("txBytes").asText()), Hex.decode(data.get("proof").asText()));
  }

  /** The operator's rejection of {@code tx}, empty if it accepts it. */
  private static Optional<String> rejection(JsonRpcClient plasma, SignedTransaction tx) {
    try {
      plasma.call("plasma_submitTransaction", Hex.encode(TxCodec.encodeSigned(tx)));
      return Optional.empty();
    } catch (JsonRpcException e) {
      return Optional.of(e.getMessage());
    }
  }

  private static List<String> utxos(JsonRpcClient plasma, PrivateKey owner) {
    JsonNode utxos = plasma.call("plasma_getUtxos", owner.address().toHex());
    return StreamSupport.stream(utxos.spliterator(), false)
        .map(utxo -> utxo.get("utxoPos").asText())
        .toList();
  }
}
