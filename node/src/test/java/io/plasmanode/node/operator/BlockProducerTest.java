package io.plasmanode.node.operator;

import static io.plasmanode.node.operator.OperatorFixture.CLOCK;
import static io.plasmanode.node.operator.OperatorFixture.DOMAIN;
import static io.plasmanode.node.operator.OperatorFixture.accepted;
import static io.plasmanode.node.operator.OperatorFixture.await;
import static io.plasmanode.node.operator.OperatorFixture.config;
import static io.plasmanode.node.operator.OperatorFixture.deposit;
import static io.plasmanode.node.operator.OperatorFixture.eth;
import static io.plasmanode.node.operator.OperatorFixture.rejected;
import static io.plasmanode.node.operator.OperatorFixture.signed;
import static io.plasmanode.node.operator.OperatorFixture.transfer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.merkle.MerkleTree;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.testing.TxGen;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignatureShape;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.node.api.ClosedBlockTiming;
import io.plasmanode.node.api.SubmitResult;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.chain.StoredBlock;
import io.plasmanode.storage.chain.TestChains;
import io.plasmanode.storage.kv.FlakyKeyValueStore;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import io.plasmanode.storage.kv.LevelDbKeyValueStore;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockProducerTest {
  private static final PrivateKey ALICE = TestKeys.ALICE;
  private static final PrivateKey BOB = TestKeys.BOB;
  private static final PrivateKey CAROL = TestKeys.CAROL;
  private static final Duration WAIT = Duration.ofSeconds(5);

  private final FlakyKeyValueStore kv = new FlakyKeyValueStore(new InMemoryKeyValueStore());
  private final ChainStore store = new ChainStore(kv);
  private final List<StoredBlock> closed = new CopyOnWriteArrayList<>();
  private BlockProducer producer;

  private BlockProducer producer(BlockProducerConfig config) {
    producer = new BlockProducer(store, config, CLOCK);
    producer.addBlockListener(closed::add);
    return producer;
  }

  @AfterEach
  void stop() {
    if (producer != null) {
      producer.close();
    }
  }

  @Test
  void submit_acceptsValidTransfersWithBlknumIndexAndHash() {
    UtxoPos alices = deposit(store, 1, ALICE, 100);
    UtxoPos bobs = deposit(store, 2, BOB, 50);
    producer(config(10));
    PaymentTransaction pay = transfer(alices, eth(BOB, 60), eth(ALICE, 40));

    SubmitResult.Accepted first = accepted(producer.submit(signed(pay, ALICE)));
    SubmitResult.Accepted second =
        accepted(producer.submit(signed(transfer(bobs, eth(CAROL, 50)), BOB)));

    assertThat(first.txHash()).isEqualTo(Keccak.keccak256(TxCodec.encode(pay)));
    assertThat(first.blknum()).isEqualTo(1000);
    assertThat(first.txIndex()).isZero();
    assertThat(second.blknum()).isEqualTo(1000);
    assertThat(second.txIndex()).isEqualTo(1);
    assertThat(producer.mempoolSize()).isEqualTo(2);
    assertThat(producer.openBlknum()).isEqualTo(1000);
    assertThat(store.height()).as("nothing is stored before the block closes").isZero();
  }

  @Test
  void submit_rejectsUndecodableBytes() {
    producer(config(10));

    assertThat(rejected(producer.submit(new byte[0])).reason()).isEqualTo(Rejection.RLP_TRUNCATED);
    assertThat(rejected(producer.submit(new byte[] {(byte) 0xc0, 0x01})).reason())
        .isEqualTo(Rejection.RLP_TRAILING_BYTES);
  }

  @Test
  void submit_rejectsBadSignatures() {
    UtxoPos alices = deposit(store, 1, ALICE, 100);
    producer(config(10));
    PaymentTransaction tx = transfer(alices, eth(BOB, 100));
    byte[] highS =
        TxCodec.encodeSigned(
            new SignedTransaction(
                tx,
                List.of(
                    TxGen.signature(
                        BigInteger.ONE, SignatureShape.HALF_N.add(BigInteger.ONE), 27))));
    byte[] badV =
        TxCodec.encodeSigned(
            new SignedTransaction(
                tx, List.of(TxGen.signature(BigInteger.ONE, BigInteger.ONE, 29))));

    assertThat(rejected(producer.submit(highS)).reason()).isEqualTo(Rejection.HIGH_S_SIGNATURE);
    SubmitResult.Rejected invalid = rejected(producer.submit(badV));
    assertThat(invalid.reason()).isEqualTo(Rejection.INVALID_SIGNATURE);
    assertThat(invalid.detail()).contains("signature 0");
    assertThat(producer.mempoolSize()).isZero();
  }

  @Test
  void submit_rejectsLedgerViolationsNamingTheInput() {
    UtxoPos alices = deposit(store, 1, ALICE, 100);
    producer(config(10));
    UtxoPos missing = new UtxoPos(7, 0, 0);

    SubmitResult.Rejected notFound =
        rejected(producer.submit(signed(transfer(missing, eth(BOB, 1)), ALICE)));
    SubmitResult.Rejected unauthorized =
        rejected(producer.submit(signed(transfer(alices, eth(BOB, 100)), BOB)));
    SubmitResult.Rejected overspend =
        rejected(producer.submit(signed(transfer(alices, eth(BOB, 101)), ALICE)));
    SubmitResult.Rejected deposit =
        rejected(producer.submit(signed(PaymentTransaction.deposit(eth(ALICE, 5)))));
    accepted(producer.submit(signed(transfer(alices, eth(BOB, 100)), ALICE)));
    SubmitResult.Rejected doubleSpend =
        rejected(producer.submit(signed(transfer(alices, eth(CAROL, 100)), ALICE)));

    assertThat(notFound.reason()).isEqualTo(Rejection.UTXO_NOT_FOUND);
    assertThat(notFound.detail()).contains("input 0", missing.toString());
    assertThat(unauthorized.reason()).isEqualTo(Rejection.UNAUTHORIZED_SPEND);
    assertThat(overspend.reason()).isEqualTo(Rejection.AMOUNTS_DO_NOT_ADD_UP);
    assertThat(deposit.reason()).isEqualTo(Rejection.DEPOSIT_NOT_ALLOWED);
    assertThat(doubleSpend.reason()).isEqualTo(Rejection.DOUBLE_SPEND);
    assertThat(doubleSpend.detail()).contains("input 0", alices.toString());
    assertThat(producer.mempoolSize()).isEqualTo(1);
  }

  @Test
  void submit_refusesAFeeClaimEvenOfFeesTheOpenBlockCollected() {
    UtxoPos alices = deposit(store, 1, ALICE, 100);
    producer(config(10));
    accepted(producer.submit(signed(transfer(alices, eth(BOB, 90)), ALICE)));
    PaymentTransaction claim =
        PaymentTransaction.feeClaim(1000, Address.ZERO, BOB.address(), BigInteger.TEN);

    SubmitResult.Rejected refused =
        rejected(producer.submit(TxCodec.encodeSigned(new SignedTransaction(claim, List.of()))));

    assertThat(refused.reason()).isEqualTo(Rejection.FEE_CLAIM_NOT_ALLOWED);
    assertThat(refused.detail()).contains("only the operator claims fees");
    assertThat(producer.mempoolSize()).isEqualTo(1);
  }

  @Test
  void submit_allowsChainedSpendsWithinTheOpenBlock() {
    UtxoPos alices = deposit(store, 1, ALICE, 100);
    producer(config(10));
    accepted(producer.submit(signed(transfer(alices, eth(BOB, 60), eth(ALICE, 40)), ALICE)));
    UtxoPos change = new UtxoPos(1000, 0, 1);
    UtxoPos bobs = new UtxoPos(1000, 0, 0);

    SubmitResult.Accepted chained =
        accepted(producer.submit(signed(transfer(change, eth(CAROL, 40)), ALICE)));
    SubmitResult.Accepted bobPays =
        accepted(producer.submit(signed(transfer(bobs, eth(CAROL, 60)), BOB)));
    producer.close();

    assertThat(chained.txIndex()).isEqualTo(1);
    assertThat(bobPays.txIndex()).isEqualTo(2);
    assertThat(store.status(alices)).isEqualTo(UtxoStatus.SPENT);
    assertThat(store.status(change)).isEqualTo(UtxoStatus.SPENT);
    assertThat(store.utxosOf(CAROL.address())).hasSize(2);
    StoredBlock stored = store.block(1000).orElseThrow();
    assertThat(stored.transactions()).hasSize(3);
    // The leaves and bytes computed on arrival give the block the spec's root and encodings.
    List<SignedTransaction> decoded =
        stored.transactions().stream().map(tx -> tx.decode().get()).toList();
    assertThat(stored)
        .isEqualTo(StoredBlock.of(1000, decoded, stored.timestamp()))
        .extracting(StoredBlock::root)
        .isEqualTo(
            MerkleTree.of(decoded.stream().map(tx -> TxCodec.encode(tx.tx())).toList()).root());
  }

  @Test
  void submitAll_appliesInOrderAndARejectionDoesNotStopTheRest() {
    UtxoPos alices = deposit(store, 1, ALICE, 100);
    producer(config(10));
    byte[] pay = signed(transfer(alices, eth(BOB, 100)), ALICE);
    byte[] spendOutputOfPay = signed(transfer(new UtxoPos(1000, 0, 0), eth(CAROL, 100)), BOB);

    List<SubmitResult> results =
        producer.submitAll(List.of(spendOutputOfPay, pay, new byte[] {1, 2}, spendOutputOfPay));

    assertThat(rejected(results.get(0)).reason()).isEqualTo(Rejection.UTXO_NOT_FOUND);
    assertThat(accepted(results.get(1)).txIndex()).isZero();
    assertThat(rejected(results.get(2)).reason()).isEqualTo(Rejection.RLP_TRAILING_BYTES);
    assertThat(accepted(results.get(3)).txIndex()).isEqualTo(1);
  }

  @Test
  void closesTheBlockAtMaxSizeAndNumbersTheNextOne() {
    List<UtxoPos> deposits =
        List.of(1L, 2L, 3L, 4L, 5L).stream()
            .map(blknum -> deposit(store, blknum, ALICE, 10))
            .toList();
    producer(config(4));

    List<SubmitResult.Accepted> results =
        deposits.stream()
            .map(pos -> accepted(producer.submit(signed(transfer(pos, eth(BOB, 10)), ALICE))))
            .toList();

    assertThat(results.subList(0, 4)).allMatch(accepted -> accepted.blknum() == 1000);
    await(WAIT, "block 1000 to be written", () -> store.height() == 1000);
    assertThat(store.block(1000).orElseThrow().transactions()).hasSize(4);
    assertThat(results.get(4).blknum()).isEqualTo(2000);
    assertThat(results.get(4).txIndex()).isZero();
    assertThat(producer.openBlknum()).isEqualTo(2000);
    assertThat(producer.mempoolSize()).isEqualTo(1);
    await(WAIT, "the listener sees block 1000", () -> closed.size() == 1);
    assertThat(closed.get(0).blknum()).isEqualTo(1000);
    assertThat(closed.get(0).timestamp()).isEqualTo(CLOCK.instant());
  }

  @Test
  void lastClosedBlock_isTheLastStoredBlockWithItsCloseTimeAndBuildTime() {
    List<UtxoPos> deposits =
        List.of(1L, 2L).stream().map(blknum -> deposit(store, blknum, ALICE, 10)).toList();
    producer(config(2));
    assertThat(producer.lastClosedBlock()).as("nothing closed since the start").isEmpty();

    deposits.forEach(pos -> accepted(producer.submit(signed(transfer(pos, eth(BOB, 10)), ALICE))));

    await(WAIT, "the listener sees block 1000", () -> closed.size() == 1);
    ClosedBlockTiming last = producer.lastClosedBlock().orElseThrow();
    assertThat(last.blknum()).isEqualTo(1000);
    assertThat(last.txCount()).isEqualTo(2);
    assertThat(last.closedAt()).isEqualTo(CLOCK.instant());
    assertThat(last.buildMillis()).isNotNegative().isLessThan(WAIT.toMillis());
  }

  /**
   * The last block a position can number (MAX_BLKNUM) closes; after it the producer takes nothing,
   * with {@code chain_full} and an alarm, where it used to open block MAX_BLKNUM + 1000 and throw
   * deep inside on its first transaction.
   */
  @Test
  void lastBlock_closesThenTheChainIsFull() {
    TestChains.setHeight(kv, UtxoPos.MAX_BLKNUM - 1000);
    UtxoPos alices = deposit(store, UtxoPos.MAX_BLKNUM - 1, ALICE, 100);
    producer(config(1));

    SubmitResult.Accepted last =
        accepted(producer.submit(signed(transfer(alices, eth(BOB, 100)), ALICE)));
    assertThat(last.blknum()).isEqualTo(UtxoPos.MAX_BLKNUM);
    await(WAIT, "the last block to be written", () -> store.height() == UtxoPos.MAX_BLKNUM);
    assertThat(producer.openBlknum()).isEqualTo(UtxoPos.MAX_BLKNUM + 1000);

    UtxoPos bobs = new UtxoPos(UtxoPos.MAX_BLKNUM, 0, 0);
    SubmitResult.Rejected refused =
        rejected(producer.submit(signed(transfer(bobs, eth(CAROL, 100)), BOB)));
    assertThat(refused.reason()).isEqualTo(Rejection.CHAIN_FULL);
    assertThat(refused.detail()).contains("the chain is full", "9000000000000", "exit");
    assertThat(producer.alarm()).hasValueSatisfying(alarm -> assertThat(alarm).contains("full"));
    assertThat(producer.mempoolSize()).isZero();
  }

  @Test
  void fullChain_takesNothingFromTheStart() {
    TestChains.setHeight(kv, UtxoPos.MAX_BLKNUM);
    UtxoPos alices = deposit(store, UtxoPos.MAX_BLKNUM - 1, ALICE, 100);
    producer(config(10)).start();

    SubmitResult.Rejected refused =
        rejected(producer.submit(signed(transfer(alices, eth(BOB, 100)), ALICE)));
    assertThat(refused.reason()).isEqualTo(Rejection.CHAIN_FULL);
    assertThat(producer.alarm()).isPresent();
    assertThat(producer.lockExitingOutput(alices)).isTrue();
  }

  @Test
  void closesOnTheIntervalButNeverAnEmptyBlock() throws InterruptedException {
    UtxoPos alices = deposit(store, 1, ALICE, 100);
    producer(config(100).withBlockInterval(Duration.ofMillis(20)));
    producer.start();
    Thread.sleep(100);
    assertThat(store.height()).as("no empty block").isZero();

    accepted(producer.submit(signed(transfer(alices, eth(BOB, 100)), ALICE)));
    await(WAIT, "block 1000 to close", () -> store.height() == 1000);
    await(WAIT, "the listener sees block 1000", () -> closed.size() == 1);
    Thread.sleep(100);

    assertThat(store.height()).as("no empty block after it").isEqualTo(1000);
    assertThat(closed).extracting(StoredBlock::blknum).containsExactly(1000L);
    assertThat(producer.openBlknum()).isEqualTo(2000);
  }

  @Test
  void listenersRunAfterTheBlockIsStored() {
    UtxoPos alices = deposit(store, 1, ALICE, 100);
    producer(config(1));
    List<Long> heightsSeen = new CopyOnWriteArrayList<>();
    producer.addBlockListener(block -> heightsSeen.add(store.height()));

    accepted(producer.submit(signed(transfer(alices, eth(BOB, 100)), ALICE)));
    producer.close();

    assertThat(heightsSeen).containsExactly(1000L);
  }

  @Test
  void close_closesTheOpenBlockAndThenRejects() {
    UtxoPos alices = deposit(store, 1, ALICE, 100);
    UtxoPos bobs = deposit(store, 2, BOB, 100);
    producer(config(100));
    accepted(producer.submit(signed(transfer(alices, eth(BOB, 100)), ALICE)));

    producer.close();
    SubmitResult.Rejected late =
        rejected(producer.submit(signed(transfer(bobs, eth(ALICE, 100)), BOB)));

    assertThat(store.height()).isEqualTo(1000);
    assertThat(closed).hasSize(1);
    assertThat(late.reason()).isEqualTo(Rejection.OPERATOR_UNAVAILABLE);
    assertThat(late.detail()).contains("shutting down");
    assertThat(rejected(producer.submitAll(List.of(new byte[] {(byte) 0xc0})).get(0)).reason())
        .isEqualTo(Rejection.OPERATOR_UNAVAILABLE);
  }

  @Test
  void haltProduction_refusesTransactionsWithTheReasonAndClosesNoFurtherBlock() {
    UtxoPos alices = deposit(store, 1, ALICE, 100);
    UtxoPos bobs = deposit(store, 2, BOB, 100);
    producer(config(100));
    producer.start();
    accepted(producer.submit(signed(transfer(alices, eth(BOB, 100)), ALICE)));

    producer.haltProduction("block 5000 on L1 has root 0xabc that this operator did not produce");
    producer.haltProduction("a second reason");
    SubmitResult.Rejected refused =
        rejected(producer.submit(signed(transfer(bobs, eth(ALICE, 100)), BOB)));
    producer.close();

    assertThat(refused.reason()).isEqualTo(Rejection.OPERATOR_HALTED);
    assertThat(refused.detail())
        .isEqualTo(
            "the operator halted block production: block 5000 on L1 has root 0xabc that this"
                + " operator did not produce");
    assertThat(store.height()).as("the open block is not closed at shutdown").isZero();
    assertThat(closed).isEmpty();
  }

  @Test
  void restart_continuesNumberingAndKeepsUtxos(@TempDir Path dataDir) {
    try (LevelDbKeyValueStore db = LevelDbKeyValueStore.open(dataDir)) {
      ChainStore chain = new ChainStore(db);
      UtxoPos alices = deposit(chain, 1, ALICE, 100);
      try (BlockProducer first = new BlockProducer(chain, config(100), CLOCK)) {
        accepted(first.submit(signed(transfer(alices, eth(BOB, 70), eth(ALICE, 30)), ALICE)));
      }
    }
    try (LevelDbKeyValueStore db = LevelDbKeyValueStore.open(dataDir);
        BlockProducer second = new BlockProducer(new ChainStore(db), config(100), CLOCK)) {
      assertThat(second.openBlknum()).isEqualTo(2000);
      SubmitResult.Accepted bobPays =
          accepted(second.submit(signed(transfer(new UtxoPos(1000, 0, 0), eth(CAROL, 70)), BOB)));
      SubmitResult.Rejected replay =
          rejected(second.submit(signed(transfer(new UtxoPos(1, 0, 0), eth(BOB, 100)), ALICE)));

      assertThat(bobPays.blknum()).isEqualTo(2000);
      assertThat(bobPays.txIndex()).isZero();
      assertThat(replay.reason()).isEqualTo(Rejection.DOUBLE_SPEND);
    }
  }

  @Test
  void lockExitingOutput_makesLaterSpendsFailWithUtxoExiting() {
    UtxoPos alices = deposit(store, 1, ALICE, 100);
    producer(config(10));

    assertThat(producer.lockExitingOutput(alices)).isTrue();
    assertThat(producer.lockExitingOutput(alices)).as("idempotent").isFalse();
    SubmitResult.Rejected spend =
        rejected(producer.submit(signed(transfer(alices, eth(BOB, 100)), ALICE)));

    assertThat(spend.reason()).isEqualTo(Rejection.UTXO_EXITING);
    assertThat(spend.detail()).contains("input 0");
    assertThat(store.utxosOf(ALICE.address())).isEmpty();
  }

  @Test
  void lockExitingOutput_leavesAnOutputSpentInTheOpenBlockSpent() {
    UtxoPos alices = deposit(store, 1, ALICE, 100);
    producer(config(10));
    accepted(producer.submit(signed(transfer(alices, eth(BOB, 100)), ALICE)));

    assertThat(producer.lockExitingOutput(alices)).isFalse();
    producer.close();

    assertThat(store.status(alices)).isEqualTo(UtxoStatus.SPENT);
    assertThat(store.utxosOf(BOB.address())).hasSize(1);
  }

  @Test
  void failedWrite_haltsWithAnAlarmKeepsTheBlockAndRecovers() {
    UtxoPos alices = deposit(store, 1, ALICE, 100);
    UtxoPos bobs = deposit(store, 2, BOB, 100);
    producer(config(1).withBlockInterval(Duration.ofMillis(20)));
    kv.failCommits(true);

    SubmitResult.Accepted kept =
        accepted(producer.submit(signed(transfer(alices, eth(BOB, 100)), ALICE)));
    await(WAIT, "the alarm", () -> producer.alarm().isPresent());
    byte[] bobPays = signed(transfer(bobs, eth(CAROL, 100)), BOB);
    SubmitResult.Rejected whileHalted = rejected(producer.submit(bobPays));

    assertThat(kept.blknum()).isEqualTo(1000);
    assertThat(store.height()).isZero();
    assertThat(producer.openBlknum()).isEqualTo(2000);
    assertThat(producer.mempoolSize()).isZero();
    assertThat(producer.alarm()).hasValueSatisfying(alarm -> assertThat(alarm).contains("1000"));
    assertThat(whileHalted.reason()).isEqualTo(Rejection.OPERATOR_UNAVAILABLE);
    assertThat(whileHalted.detail()).contains("could not be written", "no space left");

    kv.failCommits(false);
    await(WAIT, "the retried write of block 1000", () -> store.height() == 1000);
    // The writer clears the alarm just after the commit it waits for.
    await(WAIT, "the alarm to clear", () -> producer.alarm().isEmpty());

    assertThat(store.transaction(kept.txHash())).isPresent();
    await(WAIT, "the listener sees block 1000", () -> closed.size() == 1);
    assertThat(accepted(producer.submit(bobPays)).blknum()).isEqualTo(2000);
  }

  @Test
  void whileABlockIsBeingWritten_theNextSeesItsSpendsAndOutputs() {
    UtxoPos alices = deposit(store, 1, ALICE, 100);
    producer(config(1));
    kv.holdCommits();

    accepted(producer.submit(signed(transfer(alices, eth(BOB, 100)), ALICE)));
    SubmitResult.Accepted bobPays =
        accepted(producer.submit(signed(transfer(new UtxoPos(1000, 0, 0), eth(CAROL, 100)), BOB)));
    SubmitResult.Rejected replay =
        rejected(producer.submit(signed(transfer(alices, eth(CAROL, 100)), ALICE)));
    boolean lockedWhileUnwritten = producer.lockExitingOutput(alices);

    assertThat(store.height()).as("nothing written yet").isZero();
    assertThat(bobPays.blknum()).isEqualTo(2000);
    assertThat(replay.reason()).isEqualTo(Rejection.DOUBLE_SPEND);
    assertThat(lockedWhileUnwritten).as("spent by block 1000, being written").isFalse();

    kv.releaseCommits();
    await(WAIT, "blocks 1000 and 2000 to be written", () -> store.height() == 2000);
    await(WAIT, "the listener sees both blocks", () -> closed.size() == 2);
    assertThat(closed).extracting(StoredBlock::blknum).containsExactly(1000L, 2000L);
    assertThat(store.status(alices)).isEqualTo(UtxoStatus.SPENT);
    assertThat(store.status(new UtxoPos(1000, 0, 0))).isEqualTo(UtxoStatus.SPENT);
    assertThat(store.utxosOf(CAROL.address())).hasSize(1);
  }

  @Test
  void aFullBlockWaitsForTheWriterAndNewTransactionsAreRefusedAsBusy() {
    List<UtxoPos> deposits =
        List.of(1L, 2L, 3L, 4L).stream().map(blknum -> deposit(store, blknum, ALICE, 10)).toList();
    producer(config(1));
    kv.holdCommits();

    List<SubmitResult> results =
        deposits.stream()
            .map(pos -> producer.submit(signed(transfer(pos, eth(BOB, 10)), ALICE)))
            .toList();

    assertThat(results.subList(0, 3))
        .extracting(result -> ((SubmitResult.Accepted) result).blknum())
        .containsExactly(1000L, 2000L, 3000L);
    SubmitResult.Rejected busy = rejected(results.get(3));
    assertThat(busy.reason()).isEqualTo(Rejection.OPERATOR_BUSY);
    assertThat(busy.detail()).contains("busy", "block 3000 is full");
    assertThat(producer.openBlknum()).isEqualTo(3000);

    kv.releaseCommits();
    await(WAIT, "the full block to close once the writer caught up", () -> store.height() == 3000);
    assertThat(
            accepted(producer.submit(signed(transfer(deposits.get(3), eth(BOB, 10)), ALICE)))
                .blknum())
        .isEqualTo(4000);
  }

  @Test
  void config_rejectsNonsense() {
    BlockProducerConfig defaults = BlockProducerConfig.defaults(DOMAIN);
    assertThat(defaults.maxTxsPerBlock()).isEqualTo(UtxoPos.MAX_TXS_PER_BLOCK);
    assertThat(defaults.blockInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThatThrownBy(() -> defaults.withMaxTxsPerBlock(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withMaxTxsPerBlock(UtxoPos.MAX_TXS_PER_BLOCK + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withBlockInterval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
