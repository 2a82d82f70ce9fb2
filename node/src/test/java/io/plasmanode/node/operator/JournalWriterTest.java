package io.plasmanode.node.operator;

import static io.plasmanode.node.operator.OperatorFixture.await;
import static io.plasmanode.node.operator.OperatorFixture.eth;
import static io.plasmanode.node.operator.OperatorFixture.signed;
import static io.plasmanode.node.operator.OperatorFixture.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.storage.chain.JournaledTxs;
import io.plasmanode.storage.chain.TxBytes;
import io.plasmanode.storage.chain.TxJournal;
import io.plasmanode.storage.kv.FlakyKeyValueStore;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class JournalWriterTest {
  private final FlakyKeyValueStore journalDisk =
      new FlakyKeyValueStore(new InMemoryKeyValueStore());

  private static JournaledTxs entry(long blknum) {
    byte[] signed = signed(transfer(new UtxoPos(1, 0, 0), eth(TestKeys.BOB, 1)), TestKeys.ALICE);
    return new JournaledTxs(
        blknum,
        0,
        List.of(
            new JournaledTxs.Tx(
                TxBytes.ofDecoded(Hash32.ZERO, signed), List.of(TestKeys.ALICE.address()))));
  }

  /**
   * The journal thread holds an entry it cannot append while the entry's block gets stored; at
   * shutdown the entry is durable (its block is), so its waiter must not hear "stopped".
   */
  @Test
  void close_whileRetryingAnEntryWhoseBlockWasStoredMeanwhile_acknowledgesIt() {
    JournalWriter writer = new JournalWriter(new TxJournal(journalDisk), 0, Duration.ofHours(1));
    journalDisk.failCommits(true);
    CompletableFuture<Void> stored = writer.append(entry(1000));
    CompletableFuture<Void> unstored = writer.append(entry(2000));
    await(Duration.ofSeconds(5), "the append failing", () -> writer.alarm().isPresent());

    writer.blockStored(1000);
    writer.close();

    assertThat(stored).isCompleted();
    assertThat(unstored).isCompletedExceptionally();
  }
}
