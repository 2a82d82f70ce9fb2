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

import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.node.metrics.MetricsText;
import io.plasmanode.node.metrics.OperatorMetrics;
import io.plasmanode.node.metrics.PrometheusMetrics;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.chain.TxJournal;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The producer records each stored block's build and write times, its size and journal fsyncs. */
class BlockProducerMetricsTest {
  private final PrometheusMetrics registry = PrometheusMetrics.create();
  private final ChainStore store = new ChainStore(new InMemoryKeyValueStore());

  private MetricsText scrape() {
    return MetricsText.parse(registry.scrape());
  }

  @Test
  void aStoredBlock_isTimedAndSized_andEachJournalAppendTimed() {
    try (BlockProducer producer =
        new BlockProducer(
            store, TxJournal.inMemory(), config(2), CLOCK, OperatorMetrics.register(registry))) {
      accepted(
          producer.submit(
              signed(
                  transfer(deposit(store, 1, TestKeys.ALICE, 10), eth(TestKeys.BOB, 10)),
                  TestKeys.ALICE)));
      assertThat(scrape().value("plasma_operator_journal_fsync_seconds_count"))
          .as("the acknowledgment waited for one synced append")
          .hasValue(1);
      accepted(
          producer.submit(
              signed(
                  transfer(deposit(store, 2, TestKeys.BOB, 10), eth(TestKeys.ALICE, 10)),
                  TestKeys.BOB)));

      await(Duration.ofSeconds(5), "the full block stored", () -> store.height() == 1000);
      await(
          Duration.ofSeconds(5),
          "its write timed",
          () -> scrape().value("plasma_operator_block_transactions_count").orElse(0) == 1);
    }
    MetricsText text = scrape();
    assertThat(text.value("plasma_operator_block_build_seconds_count")).hasValue(1);
    assertThat(text.value("plasma_operator_block_write_seconds_count")).hasValue(1);
    assertThat(text.value("plasma_operator_block_write_seconds_sum").getAsDouble()).isPositive();
    assertThat(text.value("plasma_operator_block_transactions_sum")).hasValue(2);
    assertThat(text.value("plasma_operator_block_transactions_bucket", Map.of("le", "1.0")))
        .hasValue(0);
    // The second transaction filled the block: it is acknowledged by whichever comes first, its
    // journal append or the stored block, so one or two appends were timed (never more).
    assertThat(text.value("plasma_operator_journal_fsync_seconds_count").getAsDouble())
        .isBetween(1.0, 2.0);
  }
}
