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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.util.concurrent.Uninterruptibles;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.node.api.SubmitResult;
import io.plasmanode.node.metrics.OperatorMetrics;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.chain.JournaledTxs;
import io.plasmanode.storage.chain.StoredBlock;
import io.plasmanode.storage.chain.TxBytes;
import io.plasmanode.storage.chain.TxJournal;
import io.plasmanode.storage.kv.FlakyKeyValueStore;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Acknowledged means durable: what the producer accepted survives a crash before its block is
 * written, through the journal, at the place it was acknowledged.
 */
class BlockProducerJournalTest {
  private static final List<PrivateKey> OWNERS =
      List.of(TestKeys.ALICE, TestKeys.BOB, TestKeys.CAROL, TestKeys.DAVE, TestKeys.ALICE);
  private static final Duration WAIT = Duration.ofSeconds(5);

  /** The chain's data; the crashed producer reaches it only through a store that cannot write. */
  private final InMemoryKeyValueStore disk = new InMemoryKeyValueStore();

  private final FlakyKeyValueStore journalDisk =
      new FlakyKeyValueStore(new InMemoryKeyValueStore());
  private final TxJournal journal = new TxJournal(journalDisk);
  private final List<BlockProducer> producers = new ArrayList<>();

  @AfterEach
  void stop() {
    producers.forEach(BlockProducer::close);
  }

  private BlockProducer producer(ChainStore store, BlockProducerConfig config) {
    BlockProducer producer = new BlockProducer(store, journal, config, CLOCK, OperatorMetrics.NONE);
    producers.add(producer);
    return producer;
  }

  /** Five deposits, one per owner, in deposit blocks 1..5. */
  private List<UtxoPos> deposits(ChainStore store) {
    List<UtxoPos> deposits = new ArrayList<>();
    for (int i = 0; i < OWNERS.size(); i++) {
      deposits.add(deposit(store, i + 1, OWNERS.get(i), 10 + i));
    }
    return deposits;
  }

  private static byte[] spend(UtxoPos deposit, int i) {
    return signed(
        transfer(deposit, eth(OWNERS.get((i + 1) % OWNERS.size()), 10 + i)), OWNERS.get(i));
  }

  @Test
  void crash_beforeBlocksAreWritten_replaysEveryAcknowledgedTxAtItsPlace() {
    ChainStore chain = new ChainStore(disk);
    List<UtxoPos> deposits = deposits(chain);
    FlakyKeyValueStore slowDisk = new FlakyKeyValueStore(disk);
    slowDisk.holdCommits();
    try {
      crashWithThreeBlocksUnwritten(chain, deposits, slowDisk);
    } finally {
      slowDisk.releaseCommits();
    }
  }

  private void crashWithThreeBlocksUnwritten(
      ChainStore chain, List<UtxoPos> deposits, FlakyKeyValueStore slowDisk) {
    // Not started (no interval closing); its writer waits in the first block's commit.
    BlockProducer crashed = producer(new ChainStore(slowDisk), config(2));
    List<SubmitResult.Accepted> acks = new ArrayList<>();
    for (int i = 0; i < deposits.size(); i++) {
      acks.add(accepted(crashed.submit(spend(deposits.get(i), i))));
    }
    slowDisk.failCommits(true); // the held write never lands
    assertThat(acks)
        .extracting(SubmitResult.Accepted::blknum)
        .as("blocks 1000 and 2000 closed but not written, 3000 open")
        .containsExactly(1000L, 1000L, 2000L, 2000L, 3000L);
    assertThat(chain.height()).isZero();

    // The process dies here: the crashed producer is never closed and never writes.
    List<StoredBlock> stored = new CopyOnWriteArrayList<>();
    BlockProducer restarted = producer(chain, config(2));
    restarted.addBlockListener(stored::add);
    restarted.start();
    await(WAIT, "blocks 1000 and 2000 written", () -> stored.size() == 2);

    for (SubmitResult.Accepted ack : acks.subList(0, 4)) {
      TxBytes tx = chain.block(ack.blknum()).orElseThrow().transactions().get(ack.txIndex());
      assertThat(tx.txHash()).isEqualTo(ack.txHash());
    }
    assertThat(restarted.openBlknum()).isEqualTo(3000);
    assertThat(restarted.mempoolSize()).as("the open block's tx is back").isEqualTo(1);
    assertThat(journaledPositions())
        .as("entries of written blocks are gone")
        .containsExactly("3000:0");
    SubmitResult.Accepted next =
        accepted(
            restarted.submit(
                signed(transfer(new UtxoPos(1000, 0, 0), eth(OWNERS.get(2), 10)), OWNERS.get(1))));
    assertThat(next.blknum()).isEqualTo(3000);
    assertThat(next.txIndex()).as("numbering continues after the replayed tx").isEqualTo(1);
    assertThat(OperatorFixture.rejected(restarted.submit(spend(deposits.get(4), 4))).reason())
        .as("the replayed open-block tx still spends its input")
        .isEqualTo(Rejection.DOUBLE_SPEND);
  }

  @Test
  void restart_ignoresAndDeletesEntriesOfStoredBlocks() {
    ChainStore chain = new ChainStore(disk);
    List<UtxoPos> deposits = deposits(chain);
    BlockProducer first = producer(chain, config(1));
    Hash32 written = accepted(first.submit(spend(deposits.get(0), 0))).txHash();
    await(WAIT, "block 1000 written", () -> chain.height() == 1000);
    first.close();
    // An entry the writer had not deleted yet when the process died (it deletes after storing).
    journal.append(
        List.of(
            new JournaledTxs(
                1000,
                0,
                List.of(
                    new JournaledTxs.Tx(
                        chain.block(1000).orElseThrow().transactions().getFirst(),
                        List.of(OWNERS.get(0).address()))))));

    BlockProducer second = producer(chain, config(1));
    second.start();

    assertThat(journaledPositions()).isEmpty();
    assertThat(second.openBlknum()).isEqualTo(2000);
    assertThat(second.mempoolSize()).isZero();
    assertThat(chain.block(1000).orElseThrow().transactions())
        .extracting(TxBytes::txHash)
        .containsExactly(written);
  }

  @Test
  void start_refusesAJournalThatDoesNotReplayExactly() {
    ChainStore chain = new ChainStore(disk);
    journalAlicesSpend(deposits(chain), 1000, 1, 1);

    BlockProducer gap = producer(chain, config(10));
    assertThatThrownBy(gap::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does not replay")
        .hasMessageContaining("1000:1")
        .hasMessageContaining("the next acknowledged position is 1000:0");
  }

  @Test
  void start_refusesAJournaledTxThatIsNowRejected() {
    ChainStore chain = new ChainStore(disk);
    journalAlicesSpend(deposits(chain), 1000, 0, 2);

    BlockProducer twice = producer(chain, config(10));
    assertThatThrownBy(twice::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("1000:1")
        .hasMessageContaining("now rejected")
        .hasMessageContaining(Rejection.DOUBLE_SPEND.toString());
  }

  @Test
  void anInterruptedSubmitter_stillGetsTheTruth_andKeepsItsInterrupt() {
    ChainStore chain = new ChainStore(disk);
    List<UtxoPos> deposits = deposits(chain);
    BlockProducer producer = producer(chain, config(100));
    producer.start();

    journalDisk.holdCommits(); // the submitter is waiting for the journal when interrupted
    Thread.ofVirtual()
        .start(
            () -> {
              await(WAIT, "the append held", () -> journalDisk.heldCommits() > 0);
              Uninterruptibles.sleepUninterruptibly(
                  Duration.ofMillis(300)); // the submitter waits meanwhile
              journalDisk.releaseCommits();
            });
    Thread.currentThread().interrupt();
    SubmitResult result = producer.submit(spend(deposits.get(0), 0));
    boolean interruptKept = Thread.interrupted();

    assertThat(result).isInstanceOf(SubmitResult.Accepted.class);
    assertThat(interruptKept).isTrue();
    assertThat(journaledPositions()).containsExactly("1000:0");
  }

  @Test
  void journalThatCannotBeWritten_acknowledgesOnceTheBlockIsStored_withAnAlarm() {
    ChainStore chain = new ChainStore(disk);
    List<UtxoPos> deposits = deposits(chain);
    BlockProducer producer = producer(chain, config(100).withBlockInterval(Duration.ofMillis(100)));
    producer.start();
    journalDisk.failCommits(true);

    SubmitResult.Accepted ack = accepted(producer.submit(spend(deposits.get(0), 0)));

    assertThat(chain.height()).as("answered only once its block was stored").isEqualTo(1000);
    assertThat(chain.block(1000).orElseThrow().transactions().getFirst().txHash())
        .isEqualTo(ack.txHash());
    assertThat(producer.alarm()).hasValueSatisfying(alarm -> assertThat(alarm).contains("journal"));

    journalDisk.failCommits(false);
    accepted(producer.submit(spend(deposits.get(1), 1)));
    await(WAIT, "the alarm clears", () -> producer.alarm().isEmpty());
  }

  @Test
  void start_refusingTheJournal_storesNothingOfIt_evenAtShutdown() {
    ChainStore chain = new ChainStore(disk);
    List<UtxoPos> deposits = deposits(chain);
    List<JournaledTxs.Tx> valid = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      byte[] signed = spend(deposits.get(i), i);
      valid.add(
          new JournaledTxs.Tx(
              TxBytes.of(TxCodec.decodeSigned(signed).get()), List.of(OWNERS.get(i).address())));
    }
    // Block 1000 replays whole (2 txs closes it), then 2000 has a gap at txindex 0.
    journal.append(
        List.of(
            new JournaledTxs(1000, 0, valid.subList(0, 2)),
            new JournaledTxs(2000, 1, valid.subList(2, 3))));

    BlockProducer refused = producer(chain, config(2));
    assertThatThrownBy(refused::start).hasMessageContaining("2000:1");
    refused.close();

    assertThat(chain.height()).as("not even the block that replayed").isZero();
    assertThat(journaledPositions()).containsExactly("1000:0", "2000:1");
  }

  /** Journals {@code copies} of the spend of the first deposit at {@code blknum:firstTxindex}. */
  private void journalAlicesSpend(
      List<UtxoPos> deposits, long blknum, int firstTxindex, int copies) {
    TxBytes tx = TxBytes.ofDecoded(Hash32.ZERO, spend(deposits.get(0), 0));
    JournaledTxs.Tx entry = new JournaledTxs.Tx(tx, List.of(OWNERS.get(0).address()));
    journal.append(
        List.of(new JournaledTxs(blknum, firstTxindex, Collections.nCopies(copies, entry))));
  }

  private List<String> journaledPositions() {
    List<String> positions = new ArrayList<>();
    journal.forEachAbove(0, entry -> positions.add(entry.blknum() + ":" + entry.firstTxindex()));
    return positions;
  }
}
