package io.plasmanode.node.operator;

import static io.plasmanode.node.operator.OperatorFixture.CLOCK;
import static io.plasmanode.node.operator.OperatorFixture.accepted;
import static io.plasmanode.node.operator.OperatorFixture.config;
import static io.plasmanode.node.operator.OperatorFixture.deposit;
import static io.plasmanode.node.operator.OperatorFixture.eth;
import static io.plasmanode.node.operator.OperatorFixture.signed;
import static io.plasmanode.node.operator.OperatorFixture.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.contracts.l1.follow.L1EventFollower;
import io.plasmanode.contracts.l1.follow.L1FollowerConfig;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.inflight.InFlightExitStart;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Bytes;
import io.plasmanode.node.metrics.OperatorMetrics;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.chain.TxJournal;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An operator (a producer closing a block per transaction, an in-memory store) and a {@link
 * FakeRootChain} whose events a fresh ingester reads on each {@link #ingest}: the setting of the
 * tests of the operator's in-flight exit locks and their releases.
 */
final class InFlightLockFixture implements AutoCloseable {
  private static final L1FollowerConfig DEVNET = L1FollowerConfig.defaults(0).withConfirmations(0);
  private static final Signature NONE = Signature.of(new byte[Signature.SIZE]);

  /** Carol's output of {@link #alicesPayment}. */
  static final UtxoPos CAROLS = new UtxoPos(1000, 0, 0);

  final FakeRootChain l1 = new FakeRootChain();
  final ChainStore store = new ChainStore(new InMemoryKeyValueStore());
  final BlockProducer producer =
      new BlockProducer(store, TxJournal.inMemory(), config(1), CLOCK, OperatorMetrics.NONE);
  private final List<AutoCloseable> running = new ArrayList<>(List.of(producer));
  private long l1Block = 2;

  /** Alice's deposit of 100, as deposit block 1. */
  final UtxoPos alices = deposit(store, 1, TestKeys.ALICE, 100);

  /** Alice pays Carol 100; {@link #includeAlicesPayment} includes it as the only tx of 1000. */
  final PaymentTransaction alicesPayment = transfer(alices, eth(TestKeys.CAROL, 100));

  /** Carol's spend of her output to Bob, signed but never sent to the operator. */
  final PaymentTransaction carolsSpend = transfer(CAROLS, eth(TestKeys.BOB, 100));

  /** Includes {@link #alicesPayment} in block 1000 and waits until the block is stored. */
  void includeAlicesPayment() {
    include(signed(alicesPayment, TestKeys.ALICE), 1000);
  }

  /** Submits {@code signed} and waits until its block, {@code blknum}, is stored. */
  private void include(byte[] signed, long blknum) {
    accepted(producer.submit(signed));
    OperatorFixture.await(
        Duration.ofSeconds(5), "block " + blknum + " stored", () -> store.height() == blknum);
  }

  /** Moves L1's head one block on; returns that block. */
  long nextL1Block() {
    l1.setHeight(++l1Block);
    return l1Block;
  }

  /** L1, its head moved one block on: the next call places its event there. */
  FakeRootChain next() {
    nextL1Block();
    return l1;
  }

  /** A fresh ingester reads L1's events from the last block applied. */
  void ingest() {
    L1EventFollower ingester = OperatorFixture.ingester(l1, store, producer, DEVNET);
    running.add(ingester);
    ingester.poll();
    assertThat(ingester.failure()).isEmpty();
  }

  /** Reads the whole L1 log again, as a fresh ingester after a restart does. */
  void reblock() {
    store.setLastL1Block(0);
    ingest();
  }

  /** {@code by} starts the in-flight exit of {@code exiting} (no proof is checked). */
  void start(PrivateKey by, PaymentTransaction exiting) {
    List<InFlightExitStart.Input> inputs =
        exiting.inputs().stream()
            .map(pos -> new InFlightExitStart.Input(Bytes.EMPTY, pos, Bytes.EMPTY, NONE))
            .toList();
    next()
        .as(by.address())
        .startInFlightExit(new InFlightExitStart(Bytes.of(TxCodec.encode(exiting)), inputs));
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable service : running.reversed()) {
      service.close();
    }
  }
}
