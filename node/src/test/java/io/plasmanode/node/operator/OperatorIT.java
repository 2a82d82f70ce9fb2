package io.plasmanode.node.operator;

import static io.plasmanode.node.operator.OperatorFixture.accepted;
import static io.plasmanode.node.operator.OperatorFixture.await;
import static io.plasmanode.node.operator.OperatorFixture.ingester;
import static io.plasmanode.node.operator.OperatorFixture.rejected;
import static io.plasmanode.node.testing.Payments.eth;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.contracts.anvil.AnvilProcess;
import io.plasmanode.contracts.l1.follow.L1EventFollower;
import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.node.api.SubmitResult;
import io.plasmanode.node.testing.Payments;
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
 * The operator on a real anvil and LevelDB: deposits made on L1 become spendable outputs, a
 * transfer closes into a stored block, and an exit started on L1 locks its output.
 */
class OperatorIT {
  private static final PrivateKey ALICE = TestKeys.ALICE;
  private static final PrivateKey BOB = TestKeys.BOB;
  private static final PrivateKey CAROL = TestKeys.CAROL;
  private static final BigInteger ETHER = AnvilChain.ether(1);
  private static final BigInteger TWO_ETHER = ETHER.multiply(BigInteger.TWO);
  private static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension
  final PlasmaNetwork net =
      PlasmaNetwork.builder()
          .operator(ALICE)
          .exitPeriod(PlasmaNetwork.SHORT_EXIT_PERIOD)
          .fund(List.of(BOB))
          .build();

  @Test
  void depositTransferAndExitLock() {
    AnvilChain l1 = net.l1();
    ChainStore store = new ChainStore(net.closeLater(LevelDbKeyValueStore.open(net.dir())));
    Eip712Domain domain = new Eip712Domain(l1.contract(), AnvilProcess.CHAIN_ID);
    BlockProducerConfig config =
        BlockProducerConfig.defaults(domain).withBlockInterval(Duration.ofMillis(200));
    BlockProducer producer = net.closeLater(new BlockProducer(store, config, Clock.systemUTC()));
    L1EventFollower ingester = net.closeLater(ingester(l1.as(ALICE), store, producer, 0));
    producer.start();
    ingester.start();
    run(net.scenario(), store, producer);
    assertThat(ingester.failure()).isEmpty();
    assertThat(ingester.l1Head()).isPositive();
  }

  private static void run(Scenario users, ChainStore store, BlockProducer producer) {
    UtxoPos alices = users.deposit(ALICE, ETHER);
    UtxoPos bobs = users.deposit(BOB, TWO_ETHER);
    assertThat(List.of(alices, bobs)).containsExactly(pos(1), pos(2));
    await(WAIT, "both deposits", () -> store.isDepositApplied(1) && store.isDepositApplied(2));
    assertThat(store.utxosOf(ALICE.address())).containsExactly(new Utxo(pos(1), eth(ALICE, ETHER)));

    // Alice pays Carol: accepted into block 1000, which closes into LevelDB on the interval.
    SubmitResult.Accepted paid =
        accepted(
            producer.submit(Payments.encode(users.transfer(ALICE, alices, eth(CAROL, ETHER)))));
    assertThat(paid.blknum()).isEqualTo(1000);
    await(WAIT, "block 1000 to close", () -> store.height() == 1000);
    assertThat(store.transaction(paid.txHash())).isPresent();
    assertThat(store.utxosOf(CAROL.address())).hasSize(1);

    // Bob exits his deposit on L1: the ingester locks it, so spending it is refused.
    users.exitDeposit(BOB, bobs, TWO_ETHER);
    await(WAIT, "the exit lock", () -> store.status(bobs) instanceof UtxoStatus.Exiting);
    SubmitResult.Rejected refused =
        rejected(producer.submit(Payments.encode(users.transfer(BOB, bobs, eth(CAROL, ETHER)))));
    assertThat(refused.reason()).isEqualTo(Rejection.UTXO_EXITING);
  }

  private static UtxoPos pos(long depositBlknum) {
    return new UtxoPos(depositBlknum, 0, 0);
  }
}
