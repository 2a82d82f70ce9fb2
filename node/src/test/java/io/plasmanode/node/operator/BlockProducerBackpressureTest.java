package io.plasmanode.node.operator;

import static io.plasmanode.node.operator.OperatorFixture.CLOCK;
import static io.plasmanode.node.operator.OperatorFixture.DOMAIN;
import static io.plasmanode.node.operator.OperatorFixture.accepted;
import static io.plasmanode.node.operator.OperatorFixture.await;
import static io.plasmanode.node.operator.OperatorFixture.deposit;
import static io.plasmanode.node.operator.OperatorFixture.eth;
import static io.plasmanode.node.operator.OperatorFixture.rejected;
import static io.plasmanode.node.operator.OperatorFixture.signed;
import static io.plasmanode.node.operator.OperatorFixture.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.crypto.BouncyCastleSignerRecovery;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.crypto.SignerRecovery;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.node.api.SubmitResult;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bounded verification queue: signer recovery is held at a gate, so the pool's single thread
 * and its queue of {@value #QUEUE} fill deterministically.
 */
class BlockProducerBackpressureTest {
  private static final PrivateKey ALICE = TestKeys.ALICE;
  private static final int QUEUE = 3;
  private static final Duration WAIT = Duration.ofSeconds(5);

  private final ChainStore store = new ChainStore(new InMemoryKeyValueStore());
  private final GatedRecovery recovery = new GatedRecovery();
  private final BlockProducer producer =
      new BlockProducer(
          store,
          new BlockProducerConfig(
              Duration.ofHours(1), 100, 1, QUEUE, DOMAIN, recovery, BlockFees.NONE),
          CLOCK);

  @AfterEach
  void stop() {
    recovery.open();
    producer.close();
  }

  @Test
  void submitAll_overTheQueue_admitsAPrefixAndAnswersTheRestBusyWithoutCheckingThem() {
    List<byte[]> chain = chainOfSpends(10);
    CompletableFuture<List<SubmitResult>> first =
        CompletableFuture.supplyAsync(() -> producer.submitAll(chain));
    await(WAIT, "the verification thread is busy", () -> recovery.calls() == 1);

    recovery.open();
    List<SubmitResult> results = first.join();

    int admitted = 1 + QUEUE;
    for (int i = 0; i < admitted; i++) {
      assertThat(accepted(results.get(i)).txIndex()).isEqualTo(i);
    }
    for (SubmitResult busy : results.subList(admitted, chain.size())) {
      assertThat(rejected(busy).reason()).isEqualTo(Rejection.OPERATOR_BUSY);
      assertThat(rejected(busy).detail())
          .isEqualTo(
              "the operator is busy: 3 transactions are waiting for verification; retry later");
    }
    assertThat(recovery.calls()).as("refused transactions are never checked").isEqualTo(admitted);
  }

  @Test
  void refusedSuffix_getsInWhenResubmittedUntilAccepted() {
    List<byte[]> chain = chainOfSpends(10);
    CompletableFuture<List<SubmitResult>> first =
        CompletableFuture.supplyAsync(() -> producer.submitAll(chain));
    await(WAIT, "the verification thread is busy", () -> recovery.calls() == 1);
    recovery.open();
    List<byte[]> pending = refused(chain, first.join());
    assertThat(pending).hasSize(chain.size() - 1 - QUEUE);

    for (int round = 1; !pending.isEmpty(); round++) {
      assertThat(round).as("resubmissions").isLessThanOrEqualTo(chain.size());
      List<SubmitResult> results = producer.submitAll(pending);
      assertThat(results.get(0))
          .as("the queue is empty: the first gets in")
          .isInstanceOf(SubmitResult.Accepted.class);
      pending = refused(pending, results);
    }

    assertThat(producer.mempoolSize()).isEqualTo(chain.size());
  }

  private static List<byte[]> refused(List<byte[]> txs, List<SubmitResult> results) {
    List<byte[]> refused = new ArrayList<>();
    for (int i = 0; i < txs.size(); i++) {
      if (results.get(i) instanceof SubmitResult.Rejected rejected) {
        assertThat(rejected.reason()).isEqualTo(Rejection.OPERATOR_BUSY);
        refused.add(txs.get(i));
      }
    }
    return refused;
  }

  @Test
  void whileVerificationIsStuck_otherBatchesAreAnsweredBusyAtOnce() {
    CompletableFuture<List<SubmitResult>> stuck =
        CompletableFuture.supplyAsync(() -> producer.submitAll(chainOfSpends(1 + QUEUE)));
    await(WAIT, "the verification thread is busy", () -> recovery.calls() == 1);
    List<byte[]> others = List.of(signedSpend(TestKeys.BOB, 2), signedSpend(TestKeys.CAROL, 3));

    long start = System.nanoTime();
    List<SubmitResult> busy = producer.submitAll(others);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(busy)
        .extracting(result -> rejected(result).reason())
        .containsOnly(Rejection.OPERATOR_BUSY);
    assertThat(millis).as("answered while verification is stuck").isLessThan(1_000);
    assertThat(stuck).isNotDone();
    recovery.open();
    assertThat(stuck.join()).allSatisfy(OperatorFixture::accepted);
  }

  @Test
  void afterClose_refusalsSayTheOperatorIsShuttingDown() {
    recovery.open();
    producer.close();

    SubmitResult.Rejected late = rejected(producer.submitAll(chainOfSpends(2)).get(1));

    assertThat(late.reason()).isEqualTo(Rejection.OPERATOR_UNAVAILABLE);
    assertThat(late.detail()).isEqualTo("the operator is shutting down; resubmit when it is back");
  }

  /**
   * Alice's deposit, then {@code count - 1} transfers each spending the one before (block 1000).
   */
  private List<byte[]> chainOfSpends(int count) {
    UtxoPos input = deposit(store, 1, ALICE, 100);
    List<byte[]> chain = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      chain.add(signed(transfer(input, eth(ALICE, 100)), ALICE));
      input = new UtxoPos(1000, i, 0);
    }
    return chain;
  }

  private byte[] signedSpend(PrivateKey owner, long depositBlknum) {
    UtxoPos deposit = deposit(store, depositBlknum, owner, 100);
    return signed(transfer(deposit, eth(ALICE, 100)), owner);
  }

  /** BouncyCastle recovery that waits for {@link #open} before each call and counts calls. */
  private static final class GatedRecovery implements SignerRecovery {
    private final SignerRecovery real = new BouncyCastleSignerRecovery();
    private final CountDownLatch gate = new CountDownLatch(1);
    private final AtomicInteger calls = new AtomicInteger();

    @Override
    public Optional<Address> recover(Hash32 digest, Signature signature) {
      calls.incrementAndGet();
      try {
        if (!gate.await(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the test never opened the gate");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted at the gate", e);
      }
      return real.recover(digest, signature);
    }

    void open() {
      gate.countDown();
    }

    int calls() {
      return calls.get();
    }
  }
}
