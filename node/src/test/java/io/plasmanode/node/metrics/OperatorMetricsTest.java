package io.plasmanode.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.node.api.OperatorStatus;
import io.plasmanode.node.api.SubmitResult;
import io.plasmanode.node.api.TransactionSubmitter;
import io.plasmanode.node.testing.OperatorStatusBuilder;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class OperatorMetricsTest {
  private static final Address CONTRACT = TestKeys.CAROL.address();

  private final PrometheusMetrics registry = PrometheusMetrics.create();
  private final OperatorMetrics metrics = OperatorMetrics.register(registry);

  private MetricsText scrape() {
    return MetricsText.parse(registry.scrape());
  }

  @Test
  void meteredSubmitter_countsAcceptedAndRejectedByReason_andTimesEachCall() {
    Deque<SubmitResult> answers =
        new ArrayDeque<>(
            List.of(
                accepted(),
                rejected(Rejection.UTXO_NOT_FOUND),
                accepted(),
                rejected(Rejection.UTXO_NOT_FOUND),
                rejected(Rejection.OPERATOR_BUSY)));
    TransactionSubmitter metered = new MeteredSubmitter(answering(answers), metrics);

    metered.submit(new byte[] {1});
    metered.submit(new byte[] {2});
    metered.submitAll(List.of(new byte[] {3}, new byte[] {4}, new byte[] {5}));

    MetricsText text = scrape();
    assertThat(text.value("plasma_operator_transactions_accepted_total")).hasValue(2);
    assertThat(text.byLabel("plasma_operator_transactions_rejected_total", "reason"))
        .containsEntry("utxo_not_found", 2.0)
        .containsEntry("operator_busy", 1.0)
        .containsEntry("rlp_truncated", 0.0);
    assertThat(text.value("plasma_operator_submit_seconds_count"))
        .as("one observation per call, a batch counting once")
        .hasValue(3);
  }

  @Test
  void rejectionReasons_allShowAtZeroBeforeAnyHappens() {
    assertThat(scrape().byLabel("plasma_operator_transactions_rejected_total", "reason"))
        .containsOnlyKeys(Arrays.stream(Rejection.values()).map(Rejection::code).toList())
        .allSatisfy((reason, value) -> assertThat(value).isZero());
  }

  @Test
  void statusGauges_readTheStatusAtEachScrape() {
    AtomicReference<OperatorStatus> status =
        new AtomicReference<>(
            OperatorStatusBuilder.of(CONTRACT, 31337)
                .height(2000)
                .lastCommittedBlock(1000)
                .mempoolSize(7)
                .l1Head(120)
                .l1HeightSeen(110)
                .alarms(List.of("stuck commit", "L1 down"))
                .build());
    metrics.registerStatus(status::get);

    MetricsText text = scrape();
    assertThat(text.value("plasma_operator_height")).hasValue(2000);
    assertThat(text.value("plasma_operator_last_committed_block")).hasValue(1000);
    assertThat(text.value("plasma_operator_open_block_transactions")).hasValue(7);
    assertThat(text.value("plasma_operator_l1_lag_blocks")).hasValue(10);
    assertThat(text.value("plasma_operator_alarms")).hasValue(2);

    status.set(OperatorStatusBuilder.of(CONTRACT, 31337).height(3000).l1Head(-1).build());
    assertThat(scrape().value("plasma_operator_height")).hasValue(3000);
    assertThat(scrape().value("plasma_operator_l1_lag_blocks"))
        .as("no lag while L1 was never reached")
        .hasValue(0);
    assertThat(scrape().value("plasma_operator_alarms")).hasValue(0);
  }

  @Test
  void lag_isTheBlocksSeenButNotApplied() {
    assertThat(OperatorMetrics.lag(100, 100)).isZero();
    assertThat(OperatorMetrics.lag(100, 90)).isEqualTo(10);
    assertThat(OperatorMetrics.lag(5, -1)).as("nothing applied yet").isEqualTo(6);
    assertThat(OperatorMetrics.lag(-1, -1)).isZero();
    assertThat(OperatorMetrics.lag(90, 100)).as("a head read before a reorg").isZero();
  }

  @Test
  void none_recordsNothing() {
    OperatorMetrics.NONE.accepted().inc();
    OperatorMetrics.NONE.registerStatus(
        () -> {
          throw new AssertionError("read");
        });

    assertThat(scrape().value("plasma_operator_transactions_accepted_total")).hasValue(0);
  }

  private static TransactionSubmitter answering(Deque<SubmitResult> answers) {
    return new TransactionSubmitter() {
      @Override
      public SubmitResult submit(byte[] signedTxBytes) {
        return answers.pop();
      }

      @Override
      public List<SubmitResult> submitAll(List<byte[]> signedTxBytes) {
        return signedTxBytes.stream().map(tx -> answers.pop()).toList();
      }
    };
  }

  private static SubmitResult accepted() {
    return new SubmitResult.Accepted(Hash32.ZERO, 1000, 0);
  }

  private static SubmitResult rejected(Rejection reason) {
    return new SubmitResult.Rejected(reason, "test");
  }
}
