package io.plasmanode.node.operator;

import static io.plasmanode.node.operator.OperatorFixture.CLOCK;
import static io.plasmanode.node.operator.OperatorFixture.accepted;
import static io.plasmanode.node.operator.OperatorFixture.await;
import static io.plasmanode.node.operator.OperatorFixture.config;
import static io.plasmanode.node.operator.OperatorFixture.eth;
import static io.plasmanode.node.operator.OperatorFixture.rejected;
import static io.plasmanode.node.operator.OperatorFixture.signed;
import static io.plasmanode.node.operator.OperatorFixture.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.contracts.l1.follow.L1EventFollower;
import io.plasmanode.contracts.l1.follow.L1FollowerConfig;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class L1EventIngesterTest {
  private static final PrivateKey ALICE = TestKeys.ALICE;
  private static final PrivateKey BOB = TestKeys.BOB;
  private static final L1FollowerConfig DEVNET = L1FollowerConfig.defaults(0).withConfirmations(0);

  private final FakeRootChain l1 = new FakeRootChain();
  private final ChainStore store = new ChainStore(new InMemoryKeyValueStore());
  private final BlockProducer producer = new BlockProducer(store, config(10), CLOCK);
  private L1EventFollower ingester;

  private L1EventFollower ingester(L1FollowerConfig config) {
    ingester = OperatorFixture.ingester(l1, store, producer, config);
    return ingester;
  }

  @AfterEach
  void stop() {
    if (ingester != null) {
      ingester.close();
    }
    producer.close();
  }

  @Test
  void poll_appliesDepositsSoTheOpenBlockCanSpendThem() {
    l1.deposit(3, 1, ALICE.address(), 100);
    l1.blockSubmitted(4, 1000);
    l1.setHeight(5);
    ingester(DEVNET).poll();

    UtxoPos pos = new UtxoPos(1, 0, 0);
    assertThat(store.status(pos)).isEqualTo(new UtxoStatus.Unspent(eth(ALICE, 100)));
    assertThat(store.lastL1Block()).hasValue(5);
    assertThat(ingester.l1Head()).isEqualTo(5);
    assertThat(store.lastL1Block().orElse(-1)).isEqualTo(5);
    assertThat(accepted(producer.submit(signed(transfer(pos, eth(BOB, 100)), ALICE))).blknum())
        .isEqualTo(1000);
  }

  @Test
  void poll_appliesEachDepositOnceAcrossRereadsAndRestarts() {
    l1.deposit(2, 1, ALICE.address(), 100);
    l1.deposit(2, 2, BOB.address(), 50);
    l1.setHeight(3);
    ingester(DEVNET).poll();
    ingester.poll();
    accepted(producer.submit(signed(transfer(new UtxoPos(1, 0, 0), eth(BOB, 100)), ALICE)));
    producer.close();

    // A restart that re-reads the same L1 blocks (as after a crash before progress was recorded).
    store.setLastL1Block(0);
    ingester.close();
    ingester(DEVNET).poll();

    assertThat(store.status(new UtxoPos(1, 0, 0)))
        .as("a re-read deposit does not resurrect a spent output")
        .isEqualTo(UtxoStatus.SPENT);
    assertThat(store.utxosOf(BOB.address()))
        .extracting(Utxo::pos)
        .containsExactly(new UtxoPos(2, 0, 0), new UtxoPos(1000, 0, 0));
  }

  /**
   * The contract creates no deposit block past MAX_BLKNUM; an event for one (another contract) is
   * refused and logged, and the deposits around it still apply. The ingester used to throw on it.
   */
  @Test
  void poll_refusesADepositBlockNoPositionCanHold() {
    l1.deposit(2, UtxoPos.MAX_BLKNUM - 1, ALICE.address(), 100);
    l1.deposit(2, UtxoPos.MAX_BLKNUM + 1, ALICE.address(), 100);
    l1.deposit(2, 5000, ALICE.address(), 100);
    l1.deposit(2, 3, BOB.address(), 50);
    l1.setHeight(3);
    ingester(DEVNET).poll();

    assertThat(ingester.failure()).isEmpty();
    assertThat(store.lastL1Block()).hasValue(3);
    assertThat(store.utxosOf(ALICE.address()))
        .extracting(Utxo::pos)
        .containsExactly(new UtxoPos(UtxoPos.MAX_BLKNUM - 1, 0, 0));
    assertThat(store.utxosOf(BOB.address()))
        .extracting(Utxo::pos)
        .containsExactly(new UtxoPos(3, 0, 0));
    assertThat(L1EventIngester.depositPosition(UtxoPos.MAX_BLKNUM + 1)).isEmpty();
    assertThat(L1EventIngester.depositPosition(0)).isEmpty();
  }

  @Test
  void poll_waitsForConfirmations() {
    l1.deposit(8, 1, ALICE.address(), 100);
    l1.setHeight(10);
    ingester(DEVNET.withConfirmations(3)).poll();

    assertThat(store.isDepositApplied(1)).as("block 8 has 2 blocks on top").isFalse();
    assertThat(store.lastL1Block()).hasValue(7);

    l1.setHeight(11);
    ingester.poll();
    assertThat(store.isDepositApplied(1)).isTrue();
    assertThat(store.lastL1Block()).hasValue(8);
  }

  @Test
  void poll_readsNothingWhileL1IsShorterThanTheConfirmations() {
    l1.setHeight(2);
    ingester(DEVNET.withConfirmations(10)).poll();

    assertThat(l1.queries()).isEmpty();
    assertThat(store.lastL1Block()).isEmpty();
    assertThat(store.lastL1Block().orElse(-1)).isEqualTo(-1);
  }

  @Test
  void poll_readsInChunksFromTheStartBlock() {
    l1.deposit(5, 1, ALICE.address(), 1);
    l1.deposit(104, 2, ALICE.address(), 2);
    l1.deposit(105, 3, ALICE.address(), 3);
    l1.deposit(1000, 4, ALICE.address(), 4);
    l1.setHeight(1000);
    ingester(L1FollowerConfig.defaults(5).withConfirmations(0).withMaxBlocksPerQuery(100)).poll();

    assertThat(l1.queries()).hasSize(10);
    assertThat(l1.queries().get(0)).containsExactly(5, 104);
    assertThat(l1.queries().get(1)).containsExactly(105, 204);
    assertThat(l1.queries().get(9)).containsExactly(905, 1000);
    assertThat(store.utxosOf(ALICE.address())).hasSize(4);
    assertThat(store.lastL1Block()).hasValue(1000);

    l1.setHeight(1003);
    ingester.poll();
    assertThat(l1.queries().get(10)).containsExactly(1001, 1003);
  }

  @Test
  void exitStarted_locksTheOutput() {
    l1.deposit(2, 1, ALICE.address(), 100);
    l1.exitStarted(4, new UtxoPos(1, 0, 0), ALICE.address(), 100);
    l1.setHeight(4);
    ingester(DEVNET).poll();

    assertThat(store.status(new UtxoPos(1, 0, 0))).isInstanceOf(UtxoStatus.Exiting.class);
    assertThat(
            rejected(producer.submit(signed(transfer(new UtxoPos(1, 0, 0), eth(BOB, 100)), ALICE)))
                .reason())
        .isEqualTo(Rejection.UTXO_EXITING);
  }

  @Test
  void l1Failures_areExposedAndRetriedFromTheLastRecordedBlock() {
    l1.deposit(50, 1, ALICE.address(), 1);
    l1.deposit(150, 2, ALICE.address(), 2);
    l1.setUnreachable(true);
    ingester(DEVNET.withMaxBlocksPerQuery(100)).poll();

    assertThat(ingester.failure()).hasValueSatisfying(e -> assertThat(e).contains("refused"));
    assertThat(ingester.l1Head()).isEqualTo(-1);

    l1.setUnreachable(false);
    l1.setHeight(250);
    l1.failQueriesAfter(1);
    ingester.poll();
    assertThat(store.lastL1Block()).as("the first chunk is recorded").hasValue(99);
    assertThat(store.isDepositApplied(1)).isTrue();
    assertThat(ingester.failure()).isPresent();
    assertThat(ingester.l1Head()).isEqualTo(250);

    l1.failQueriesAfter(100);
    ingester.poll();
    assertThat(ingester.failure()).isEmpty();
    assertThat(store.isDepositApplied(2)).isTrue();
    assertThat(l1.queries().get(1))
        .as("resumes after the recorded block")
        .containsExactly(100, 199);
  }

  @Test
  void start_pollsOnItsOwn() {
    ingester(DEVNET.withPollInterval(Duration.ofMillis(10))).start();
    l1.deposit(7, 1, ALICE.address(), 100);
    l1.setHeight(7);

    await(Duration.ofSeconds(5), "the deposit to be applied", () -> store.isDepositApplied(1));
    assertThat(List.of(ingester.l1Head())).containsExactly(7L);
  }
}
