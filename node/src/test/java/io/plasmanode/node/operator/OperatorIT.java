package io.plasmanode.node.operator;

import static io.plasmanode.node.operator.OperatorFixture.accepted;
import static io.plasmanode.node.operator.OperatorFixture.await;
import static io.plasmanode.node.operator.OperatorFixture.depositTx;
import static io.plasmanode.node.operator.OperatorFixture.ingester;
import static io.plasmanode.node.operator.OperatorFixture.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.contracts.anvil.AnvilProcess;
import io.plasmanode.contracts.l1.follow.L1EventFollower;
import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.eip712.TransactionSigner;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.merkle.MerkleTree;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.node.api.SubmitResult;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.kv.LevelDbKeyValueStore;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator on a real anvil and LevelDB: deposits made on L1 become spendable outputs, a
 * transfer closes into a stored block, and an exit started on L1 locks its output.
 */
class OperatorIT {
  private static final PrivateKey ALICE = TestKeys.ALICE;
  private static final PrivateKey BOB = TestKeys.BOB;
  private static final PrivateKey CAROL = TestKeys.CAROL;
  private static final BigInteger ETHER = BigInteger.TEN.pow(18);
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void depositTransferAndExitLock(@TempDir Path dataDir) {
    try (AnvilChain l1 =
            AnvilChain.start(ALICE, Duration.ofSeconds(100), ETHER.divide(BigInteger.TEN));
        LevelDbKeyValueStore db = LevelDbKeyValueStore.open(dataDir)) {
      l1.fund(BOB.address());
      Eip712Domain domain = new Eip712Domain(l1.contract(), AnvilProcess.CHAIN_ID);
      ChainStore store = new ChainStore(db);
      BlockProducerConfig config =
          BlockProducerConfig.defaults(domain).withBlockInterval(Duration.ofMillis(200));
      try (BlockProducer producer = new BlockProducer(store, config, Clock.systemUTC());
          L1EventFollower ingester = ingester(l1.as(ALICE), store, producer, 0)) {
        producer.start();
        ingester.start();
        run(l1, store, producer, new TransactionSigner(domain));
        assertThat(ingester.failure()).isEmpty();
        assertThat(ingester.l1Head()).isPositive();
      }
    }
  }

  private static void run(
      AnvilChain l1, ChainStore store, BlockProducer producer, TransactionSigner signer) {
    Output alicesDeposit = new Output(ALICE.address(), Address.ZERO, ETHER);
    Output bobsDeposit = new Output(BOB.address(), Address.ZERO, ETHER.multiply(BigInteger.TWO));
    l1.as(ALICE).deposit(depositTx(alicesDeposit), ETHER);
    l1.as(BOB).deposit(depositTx(bobsDeposit), ETHER.multiply(BigInteger.TWO));
    await(WAIT, "both deposits", () -> store.isDepositApplied(1) && store.isDepositApplied(2));
    assertThat(store.utxosOf(ALICE.address())).containsExactly(new Utxo(pos(1), alicesDeposit));

    // Alice pays Carol: accepted into block 1000, which closes into LevelDB on the interval.
    PaymentTransaction pay =
        PaymentTransaction.transfer(
            List.of(pos(1)), List.of(new Output(CAROL.address(), Address.ZERO, ETHER)));
    SubmitResult.Accepted paid =
        accepted(producer.submit(TxCodec.encodeSigned(signer.sign(pay, List.of(ALICE)))));
    assertThat(paid.blknum()).isEqualTo(1000);
    await(WAIT, "block 1000 to close", () -> store.height() == 1000);
    assertThat(store.transaction(paid.txHash())).isPresent();
    assertThat(store.utxosOf(CAROL.address())).hasSize(1);

    // Bob exits his deposit on L1: the ingester locks it, so spending it is refused.
    byte[] bobsTx = depositTx(bobsDeposit);
    l1.as(BOB).startStandardExit(pos(2), bobsTx, MerkleTree.of(List.of(bobsTx)).proof(0).toBytes());
    await(WAIT, "the exit lock", () -> store.status(pos(2)) instanceof UtxoStatus.Exiting);
    PaymentTransaction spendExiting =
        PaymentTransaction.transfer(
            List.of(pos(2)), List.of(new Output(CAROL.address(), Address.ZERO, ETHER)));
    SubmitResult.Rejected refused =
        rejected(producer.submit(TxCodec.encodeSigned(signer.sign(spendExiting, List.of(BOB)))));
    assertThat(refused.reason()).isEqualTo(Rejection.UTXO_EXITING);
  }

  private static UtxoPos pos(long depositBlknum) {
    return new UtxoPos(depositBlknum, 0, 0);
  }
}
