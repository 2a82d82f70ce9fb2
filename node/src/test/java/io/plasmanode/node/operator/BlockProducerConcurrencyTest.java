package io.plasmanode.node.operator;

import static io.plasmanode.node.operator.OperatorFixture.CLOCK;
import static io.plasmanode.node.operator.OperatorFixture.DOMAIN;
import static io.plasmanode.node.operator.OperatorFixture.config;
import static io.plasmanode.node.operator.OperatorFixture.eth;
import static io.plasmanode.node.operator.OperatorFixture.signed;
import static io.plasmanode.node.operator.OperatorFixture.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.crypto.BouncyCastleSignerRecovery;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.SignatureChecker;
import io.plasmanode.core.ledger.BlockApplier;
import io.plasmanode.core.ledger.InMemoryUtxoSet;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.ledger.UtxoDelta;
import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.ledger.VerifiedTransaction;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.core.validation.ValidationResult;
import io.plasmanode.node.api.SubmitResult;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.chain.StoredBlock;
import io.plasmanode.storage.chain.TxBytes;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Many threads race conflicting spends of the same outputs through {@code submit} and {@code
 * submitAll} while blocks close at a small size and on a short interval; afterwards the stored
 * blocks must replay from the deposits with core's {@link BlockApplier}.
 */
class BlockProducerConcurrencyTest {
  private static final int OUTPUTS = 30;
  private static final int SPENDS_PER_OUTPUT = 4;
  private static final int THREADS = 8;

  private final ChainStore store = new ChainStore(new InMemoryKeyValueStore());
  private final InMemoryUtxoSet replay = new InMemoryUtxoSet();

  @Test
  void conflictingSpendsFromManyThreads_exactlyOneWinsPerOutputAndBlocksReplay() throws Exception {
    List<byte[]> txs = conflictingSpends();
    Map<UtxoPos, SubmitResult.Accepted> winners = new ConcurrentHashMap<>();
    List<SubmitResult> results = Collections.synchronizedList(new ArrayList<>());
    try (BlockProducer producer =
        new BlockProducer(store, config(7).withBlockInterval(Duration.ofMillis(5)), CLOCK)) {
      producer.start();
      race(producer, txs, results);
    }

    List<SubmitResult.Accepted> accepted =
        results.stream()
            .filter(SubmitResult.Accepted.class::isInstance)
            .map(SubmitResult.Accepted.class::cast)
            .toList();
    assertThat(results).hasSize(txs.size());
    assertThat(accepted).hasSize(OUTPUTS);
    assertThat(results)
        .filteredOn(SubmitResult.Rejected.class::isInstance)
        .extracting(result -> ((SubmitResult.Rejected) result).reason())
        .containsOnly(Rejection.DOUBLE_SPEND);
    for (SubmitResult.Accepted winner : accepted) {
      var stored = store.transaction(winner.txHash()).orElseThrow();
      assertThat(stored.location().blknum()).isEqualTo(winner.blknum());
      assertThat(stored.location().txindex()).isEqualTo(winner.txIndex());
      UtxoPos spent = stored.tx().decode().get().tx().inputs().get(0);
      assertThat(winners.put(spent, winner)).as("one winner for %s", spent).isNull();
    }
    assertThat(store.height()).isGreaterThanOrEqualTo(5000);
    replayStoredBlocks();
  }

  private List<byte[]> conflictingSpends() {
    List<byte[]> txs = new ArrayList<>();
    for (int i = 0; i < OUTPUTS; i++) {
      PrivateKey owner = TestKeys.numbered(i);
      Utxo deposit = new Utxo(new UtxoPos(i + 1, 0, 0), eth(owner, 100));
      store.applyDeposit(deposit, 1);
      replay.apply(UtxoDelta.deposit(deposit));
      for (int j = 0; j < SPENDS_PER_OUTPUT; j++) {
        txs.add(signed(transfer(deposit.pos(), eth(TestKeys.numbered(1000 + j), 100)), owner));
      }
    }
    Collections.shuffle(txs, new Random(42));
    return txs;
  }

  /** Each thread submits its share, alternating single submissions and batches of three. */
  private static void race(BlockProducer producer, List<byte[]> txs, List<SubmitResult> results)
      throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      List<byte[]> share =
          IntStream.range(0, txs.size())
              .filter(i -> i % THREADS == thread)
              .mapToObj(txs::get)
              .toList();
      done.add(threads.submit(() -> submitShare(producer, share, go, results)));
    }
    go.countDown();
    for (Future<?> future : done) {
      future.get();
    }
    threads.shutdown();
  }

  private static Void submitShare(
      BlockProducer producer, List<byte[]> share, CountDownLatch go, List<SubmitResult> results)
      throws InterruptedException {
    go.await();
    for (int i = 0; i < share.size(); i += 4) {
      results.add(retryWhileBusy(producer, share.get(i), producer.submit(share.get(i))));
      List<byte[]> batch = share.subList(i + 1, Math.min(i + 4, share.size()));
      List<SubmitResult> answers = producer.submitAll(batch);
      for (int j = 0; j < batch.size(); j++) {
        results.add(retryWhileBusy(producer, batch.get(j), answers.get(j)));
      }
    }
    return null;
  }

  /**
   * Submits again, as a client does, while the answer is {@code operator_busy} (the writer fell two
   * blocks behind on a loaded machine): busy is not a verdict on the transaction.
   */
  private static SubmitResult retryWhileBusy(BlockProducer producer, byte[] tx, SubmitResult answer)
      throws InterruptedException {
    SubmitResult result = answer;
    while (result instanceof SubmitResult.Rejected rejected
        && rejected.reason() == Rejection.OPERATOR_BUSY) {
      Thread.sleep(1);
      result = producer.submit(tx);
    }
    return result;
  }

  private void replayStoredBlocks() {
    SignatureChecker checker = new SignatureChecker(DOMAIN, new BouncyCastleSignerRecovery());
    for (long blknum = 1000; blknum <= store.height(); blknum += 1000) {
      StoredBlock block = store.block(blknum).orElseThrow();
      assertThat(block.transactions()).isNotEmpty().hasSizeLessThanOrEqualTo(7);
      List<VerifiedTransaction> verified = new ArrayList<>();
      for (TxBytes tx : block.transactions()) {
        SignedTransaction signed = tx.decode().get();
        verified.add(new VerifiedTransaction(signed, checker.recoverSigners(signed).get()));
      }
      ValidationResult<UtxoDelta> delta = BlockApplier.apply(replay, blknum, verified);
      assertThat(delta.isValid()).as("block %s replays: %s", blknum, delta).isTrue();
      replay.apply(delta.get());
    }
    for (int i = 0; i < OUTPUTS; i++) {
      UtxoPos deposit = new UtxoPos(i + 1, 0, 0);
      assertThat(replay.status(deposit)).isEqualTo(UtxoStatus.SPENT);
      assertThat(store.status(deposit)).isEqualTo(UtxoStatus.SPENT);
    }
  }
}
