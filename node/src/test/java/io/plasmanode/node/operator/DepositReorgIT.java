package io.plasmanode.node.operator;

import static io.plasmanode.node.operator.OperatorFixture.await;
import static io.plasmanode.node.operator.OperatorFixture.depositTx;
import static io.plasmanode.node.operator.OperatorFixture.ingester;
import static io.plasmanode.node.testing.L1Reorgs.mine;
import static io.plasmanode.node.testing.L1Reorgs.pause;
import static io.plasmanode.node.testing.L1Reorgs.reorg;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.contracts.anvil.AnvilProcess;
import io.plasmanode.contracts.l1.follow.L1EventFollower;
import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.kv.LevelDbKeyValueStore;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * L1 reorganisations (anvil's {@code anvil_reorg}, which drops the transactions of the replaced
 * blocks) against the operator's deposit confirmations: a deposit reorged out before it is final is
 * never credited, and one buried deeper than the confirmations is credited once and survives a
 * shallower reorg.
 */
class DepositReorgIT {
  private static final PrivateKey ALICE = TestKeys.ALICE;
  private static final PrivateKey BOB = TestKeys.BOB;
  private static final BigInteger ETHER = BigInteger.TEN.pow(18);
  private static final int CONFIRMATIONS = 3;
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void depositsAreCreditedOnlyWhenFinal_andExactlyOnce(@TempDir Path dataDir) {
    try (AnvilChain l1 =
            AnvilChain.start(ALICE, Duration.ofSeconds(100), ETHER.divide(BigInteger.TEN));
        LevelDbKeyValueStore db = LevelDbKeyValueStore.open(dataDir)) {
      l1.fund(BOB.address());
      ChainStore store = new ChainStore(db);
      Eip712Domain domain = new Eip712Domain(l1.contract(), AnvilProcess.CHAIN_ID);
      BlockProducerConfig config =
          BlockProducerConfig.defaults(domain).withBlockInterval(Duration.ofMillis(200));
      try (BlockProducer producer = new BlockProducer(store, config, Clock.systemUTC());
          L1EventFollower ingester = ingester(l1.as(ALICE), store, producer, CONFIRMATIONS)) {
        producer.start();
        ingester.start();

        // Bob's deposit is mined and buried 2 deep (not final with 3 confirmations); once the
        // ingester has read all that is final, its block and the 2 above are replaced.
        Output bobs = new Output(BOB.address(), Address.ZERO, ETHER);
        l1.as(BOB).deposit(depositTx(bobs), ETHER);
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
        Output alices = new Output(ALICE.address(), Address.ZERO, ETHER);
        l1.as(ALICE).deposit(depositTx(alices), ETHER);
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
            .containsExactly(new Utxo(new UtxoPos(1, 0, 0), alices));
        assertThat(store.isDepositApplied(2)).isFalse();
        assertThat(store.utxosOf(BOB.address())).isEmpty();
        assertThat(ingester.alarms()).isEmpty();
      }
    }
  }
}
