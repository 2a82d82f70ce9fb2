package io.plasmanode.node.operator;

import static io.plasmanode.node.operator.BlockProducerFeesTest.table;
import static io.plasmanode.node.operator.OperatorFixture.CLOCK;
import static io.plasmanode.node.operator.OperatorFixture.accepted;
import static io.plasmanode.node.operator.OperatorFixture.await;
import static io.plasmanode.node.operator.OperatorFixture.config;
import static io.plasmanode.node.operator.OperatorFixture.deposit;
import static io.plasmanode.node.operator.OperatorFixture.eth;
import static io.plasmanode.node.operator.OperatorFixture.signed;
import static io.plasmanode.node.operator.OperatorFixture.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.node.api.SubmitResult;
import io.plasmanode.node.fees.FeeSchedule;
import io.plasmanode.node.metrics.OperatorMetrics;
import io.plasmanode.node.testing.Payments;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.chain.StoredBlock;
import io.plasmanode.storage.chain.TxJournal;
import io.plasmanode.storage.kv.FlakyKeyValueStore;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fee claims survive restarts: a block rebuilt from the journal after a crash ends with the
 * same claims (its root is the one an uninterrupted operator builds), and a claim stored before a
 * graceful restart is spent by the claimer after it.
 */
class BlockProducerFeesRestartTest {
  private static final List<PrivateKey> OWNERS =
      List.of(TestKeys.ALICE, TestKeys.BOB, TestKeys.CAROL, TestKeys.ALICE, TestKeys.BOB);
  private static final PrivateKey CLAIMER = TestKeys.DAVE;
  private static final long FEE = 10;
  private static final Duration WAIT = Duration.ofSeconds(5);

  private final FeeSchedule schedule = FeeSchedule.fixed(table(FEE));
  private final List<BlockProducer> producers = new ArrayList<>();

  @AfterEach
  void stop() {
    producers.forEach(BlockProducer::close);
  }

  private BlockProducer producer(ChainStore store, TxJournal journal) {
    BlockProducer producer =
        new BlockProducer(
            store,
            journal,
            config(2).withFees(BlockFees.of(CLAIMER.address(), schedule::accepted)),
            CLOCK,
            OperatorMetrics.NONE);
    producers.add(producer);
    return producer;
  }

  private static List<UtxoPos> deposits(ChainStore store) {
    List<UtxoPos> deposits = new ArrayList<>();
    for (int i = 0; i < OWNERS.size(); i++) {
      deposits.add(deposit(store, i + 1, OWNERS.get(i), 100 + i));
    }
    return deposits;
  }

  /** Owner i pays owner i + 1 all but the fee. */
  private static byte[] spend(UtxoPos deposit, int i) {
    return signed(
        transfer(deposit, eth(OWNERS.get((i + 1) % OWNERS.size()), 100 + i - FEE)), OWNERS.get(i));
  }

  /** The roots of blocks 1000 and 2000 as an operator that never stops builds them. */
  private List<Hash32> uninterruptedRoots() {
    ChainStore store = new ChainStore(new InMemoryKeyValueStore());
    List<UtxoPos> deposits = deposits(store);
    BlockProducer producer = producer(store, TxJournal.inMemory());
    for (int i = 0; i < deposits.size(); i++) {
      accepted(producer.submit(spend(deposits.get(i), i)));
    }
    await(WAIT, "blocks 1000 and 2000 stored", () -> store.height() == 2000);
    return List.of(root(store, 1000), root(store, 2000));
  }

  private static Hash32 root(ChainStore store, long blknum) {
    return store.block(blknum).orElseThrow().root();
  }

  @Test
  void crash_replaysTheJournalIntoTheSameBlocks_claimsIncluded() {
    List<Hash32> expected = uninterruptedRoots();
    InMemoryKeyValueStore disk = new InMemoryKeyValueStore();
    ChainStore chain = new ChainStore(disk);
    List<UtxoPos> deposits = deposits(chain);
    TxJournal journal = new TxJournal(new InMemoryKeyValueStore());
    FlakyKeyValueStore slowDisk = new FlakyKeyValueStore(disk);
    slowDisk.holdCommits();
    try {
      BlockProducer crashed = producer(new ChainStore(slowDisk), journal);
      List<SubmitResult.Accepted> acks = new ArrayList<>();
      for (int i = 0; i < deposits.size(); i++) {
        acks.add(accepted(crashed.submit(spend(deposits.get(i), i))));
      }
      slowDisk.failCommits(true); // the held write never lands: the process dies here
      assertThat(acks).extracting(SubmitResult.Accepted::blknum).contains(1000L, 2000L, 3000L);
      assertThat(chain.height()).isZero();
    } finally {
      slowDisk.releaseCommits();
    }

    BlockProducer restarted = producer(chain, journal);
    restarted.start();
    await(WAIT, "blocks 1000 and 2000 written", () -> chain.height() == 2000);

    assertThat(List.of(root(chain, 1000), root(chain, 2000))).isEqualTo(expected);
    StoredBlock first = chain.block(1000).orElseThrow();
    assertThat(first.transactions()).hasSize(3);
    assertThat(first.transactions().getLast().decode().get().tx())
        .isEqualTo(
            PaymentTransaction.feeClaim(
                1000, Address.ZERO, CLAIMER.address(), BigInteger.valueOf(2 * FEE)));
    assertThat(restarted.mempoolSize()).as("the open block's payment is back").isEqualTo(1);
  }

  @Test
  void gracefulRestart_closesTheOpenBlockWithItsClaim_whichTheClaimerSpendsAfter() {
    ChainStore chain = new ChainStore(new InMemoryKeyValueStore());
    List<UtxoPos> deposits = deposits(chain);
    TxJournal journal = TxJournal.inMemory();
    for (int i = 0; i < 2; i++) {
      BlockProducer session = producer(chain, journal);
      session.start();
      accepted(session.submit(spend(deposits.get(i), i)));
      session.close(); // closes the open block, its claim appended
    }
    UtxoPos firstClaim = new UtxoPos(1000, 1, 0);
    UtxoPos secondClaim = new UtxoPos(2000, 1, 0);
    assertThat(chain.status(firstClaim)).isEqualTo(new UtxoStatus.Unspent(eth(CLAIMER, FEE)));
    assertThat(chain.status(secondClaim)).isEqualTo(new UtxoStatus.Unspent(eth(CLAIMER, FEE)));

    BlockProducer third = producer(chain, journal);
    third.start();
    SubmitResult.Accepted merged =
        accepted(
            third.submit(
                signed(
                    Payments.transfer(
                        List.of(firstClaim, secondClaim), List.of(eth(CLAIMER, 2 * FEE))),
                    CLAIMER,
                    CLAIMER)));
    third.close();

    assertThat(merged.blknum()).isEqualTo(3000);
    assertThat(chain.block(3000).orElseThrow().transactions())
        .as("the claimer's merge is free: no claim")
        .hasSize(1);
    assertThat(chain.balanceOf(CLAIMER.address()))
        .containsEntry(Address.ZERO, BigInteger.valueOf(2 * FEE));
  }
}
