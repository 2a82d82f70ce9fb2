package io.plasmanode.node.operator;

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
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.storage.chain.ChainCheck;
import io.plasmanode.storage.chain.ChainCheckMode;
import io.plasmanode.storage.chain.ChainCheckReport;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.kv.FlakyKeyValueStore;
import io.plasmanode.storage.kv.LevelDbKeyValueStore;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chain the block producer made, with signed transfers spending outputs of their own block, an
 * exit locking an output, a deposit between blocks, a failed and retried block write and a shutdown
 * that closes the open block: the integrity check finds it consistent, full and quick.
 */
class ProducedChainCheckTest {
  private static final PrivateKey ALICE = TestKeys.ALICE;
  private static final PrivateKey BOB = TestKeys.BOB;
  private static final PrivateKey CAROL = TestKeys.CAROL;
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;

  @Test
  void producedChain_isConsistent() {
    try (LevelDbKeyValueStore leveldb = LevelDbKeyValueStore.open(dir)) {
      FlakyKeyValueStore kv = new FlakyKeyValueStore(leveldb);
      ChainStore store = new ChainStore(kv);
      produce(kv, store);

      ChainCheckReport full = ChainCheck.run(leveldb, ChainCheckMode.FULL);
      ChainCheckReport quick = ChainCheck.run(leveldb, ChainCheckMode.QUICK);

      assertThat(full.problems()).isEmpty();
      assertThat(full.height()).isEqualTo(3000);
      assertThat(full.txs()).isEqualTo(7);
      assertThat(full.utxos()).as("3 deposits, 9 outputs").isEqualTo(12);
      assertThat(quick.problems()).isEmpty();
      assertThat(quick.txs()).isEqualTo(1);
    }
  }

  /**
   * Block 1000: Alice pays Bob 60 (change 40), Bob pays his deposit to Carol, Bob pays the 60 on to
   * Carol. Alice's change exits; Carol deposits 50. Block 2000, whose first write fails: Carol pays
   * Alice 100, splits her deposit into 20 for Bob and 30 for herself, pays those 30 to Bob. Block
   * 3000, closed at shutdown: Carol pays her 60 to Alice.
   */
  private static void produce(FlakyKeyValueStore kv, ChainStore store) {
    UtxoPos alices = deposit(store, 1, ALICE, 100);
    UtxoPos bobs = deposit(store, 2, BOB, 100);
    try (BlockProducer producer =
        new BlockProducer(store, config(3).withBlockInterval(Duration.ofMillis(20)), CLOCK)) {
      accepted(producer.submit(signed(transfer(alices, eth(BOB, 60), eth(ALICE, 40)), ALICE)));
      accepted(producer.submit(signed(transfer(bobs, eth(CAROL, 100)), BOB)));
      accepted(producer.submit(signed(transfer(new UtxoPos(1000, 0, 0), eth(CAROL, 60)), BOB)));
      await(WAIT, "block 1000", () -> store.height() == 1000);

      assertThat(producer.lockExitingOutput(new UtxoPos(1000, 0, 1))).isTrue();
      UtxoPos carols = deposit(store, 1001, CAROL, 50);
      kv.failCommits(true);
      accepted(producer.submit(signed(transfer(new UtxoPos(1000, 1, 0), eth(ALICE, 100)), CAROL)));
      accepted(producer.submit(signed(transfer(carols, eth(BOB, 20), eth(CAROL, 30)), CAROL)));
      accepted(producer.submit(signed(transfer(new UtxoPos(2000, 1, 1), eth(BOB, 30)), CAROL)));
      await(WAIT, "the failed write's alarm", () -> producer.alarm().isPresent());
      kv.failCommits(false);
      await(WAIT, "block 2000 written on retry", () -> store.height() == 2000);

      accepted(producer.submit(signed(transfer(new UtxoPos(1000, 2, 0), eth(ALICE, 60)), CAROL)));
    }
    assertThat(store.height()).as("the open block closed at shutdown").isEqualTo(3000);
    assertThat(store.status(new UtxoPos(1000, 0, 1))).isInstanceOf(UtxoStatus.Exiting.class);
  }
}
