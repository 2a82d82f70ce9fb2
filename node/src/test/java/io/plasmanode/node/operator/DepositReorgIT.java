package io.plasmanode.node.operator;

import static io.plasmanode.node.operator.OperatorFixture.await;
import static io.plasmanode.node.operator.OperatorFixture.ingester;
import static io.plasmanode.node.testing.L1Reorgs.mine;
import static io.plasmanode.node.testing.L1Reorgs.pause;
import static io.plasmanode.node.testing.L1Reorgs.reorg;
import static io.plasmanode.node.testing.Payments.eth;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.contracts.anvil.AnvilProcess;
import io.plasmanode.contracts.l1.follow.L1EventFollower;
import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.node.testing.PlasmaNetwork;
import io.plasmanode.node.testing.Scenario;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.kv.LevelDbKeyValueStore;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * L1 reorganisations (anvil's {@code anvil_reorg}, which drops the transactions of the replaced
 * blocks) against the operator's deposit confirmations: a deposit reorged out before it is final is
 * never credited, and one buried deeper than the confirmations is credited once and survives a
 * shallower reorg.
 */
class DepositReorgIT {
  private static final PrivateKey ALICE = TestKeys.ALICE;
  private static final PrivateKey BOB = TestKeys.BOB;
  private static final BigInteger ETHER = AnvilChain.ether(1);
  private static final int CONFIRMATIONS = 3;
  private static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension
  final PlasmaNetwork net =
      PlasmaNetwork.builder()
          .operator(ALICE)
          .exitPeriod(PlasmaNetwork.SHORT_EXIT_PERIOD)
          .fund(List.of(BOB))
          .build();

  @Test
  void depositsAreCreditedOnlyWhenFinal_andExactlyOnce() {
    AnvilChain l1 = net.l1();
    Scenario users = net.scenario();
    ChainStore store = new ChainStore(net.closeLater(LevelDbKeyValueStore.open(net.dir())));
    Eip712Domain domain = new Eip712Domain(l1.contract(), AnvilProcess.CHAIN_ID);
    BlockProducerConfig config =
        BlockProducerConfig.defaults(domain).withBlockInterval(Duration.ofMillis(200));
    BlockProducer producer = net.closeLater(new BlockProducer(store, config, Clock.systemUTC()));
    L1EventFollower ingester =
        net.closeLater(ingester(l1.as(ALICE), store, producer, CONFIRMATIONS));
    producer.start();
    ingester.start();

    // Bob's deposit is mined and buried 2 deep (not final with 3 confirmations); once the
    // ingester has read all that is final, its block and the 2 above are replaced.
    users.deposit(BOB, ETHER);
    long bobsBlock = l1.as(ALICE).l1Height();
    mine(l1, CONFIRMATIONS - 1);
    await(
        WAIT,
        "the ingester caught up with what is final",
        () -> store.lastL1Block().orElse(-1) >= bobsBlock - 1);
    // Five more polls: an ingester that did not wait for confirmations would read Bob's block.
    pause(Duration.ofMillis(500));
    reorg(l1, CONFIRMATIONS);
    mine(l1, CONFIRMATIONS + 2);
    await(
        WAIT,
        "the ingester past the replaced block",
        () -> store.lastL1Block().orElse(-1) >= bobsBlock + 1);
    assertThat(store.isDepositApplied(1)).as("reorged out before final").isFalse();
    assertThat(store.utxosOf(BOB.address())).isEmpty();

    // Alice's deposit is buried 4 deep, credited, then a 2-block reorg happens above it.
    users.deposit(ALICE, ETHER);
    long alicesBlock = l1.as(ALICE).l1Height();
    mine(l1, CONFIRMATIONS + 1);
    await(WAIT, "Alice's deposit credited", () -> store.isDepositApplied(1));
    reorg(l1, 2);
    mine(l1, CONFIRMATIONS + 2);
    await(
        WAIT,
        "the ingester past the reorged blocks",
        () -> store.lastL1Block().orElse(-1) >= alicesBlock + CONFIRMATIONS + 1);

    assertThat(store.utxosOf(ALICE.address()))
        .as("the contract numbered it 1: Bob's vanished deposit never happened")
        .containsExactly(new Utxo(new UtxoPos(1, 0, 0), eth(ALICE, ETHER)));
    assertThat(store.isDepositApplied(2)).isFalse();
    assertThat(store.utxosOf(BOB.address())).isEmpty();
    assertThat(ingester.alarms()).isEmpty();
  }
}
