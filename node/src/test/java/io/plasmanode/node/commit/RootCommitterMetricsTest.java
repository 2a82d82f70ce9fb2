package io.plasmanode.node.commit;

import static io.plasmanode.node.commit.CommitFixture.T0;
import static io.plasmanode.node.commit.CommitFixture.closeBlocks;
import static io.plasmanode.node.commit.FakeCommitChannel.GWEI;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.testing.MutableClock;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.node.metrics.MetricsText;
import io.plasmanode.node.metrics.OperatorMetrics;
import io.plasmanode.node.metrics.PrometheusMetrics;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The committer records each block whose commit became final: latency and gas. */
class RootCommitterMetricsTest {
  private final MutableClock clock = new MutableClock(T0);
  private final ChainStore store = new ChainStore(new InMemoryKeyValueStore());
  private final FakeCommitChannel l1 = new FakeCommitChannel(TestKeys.ALICE.address());
  private final PrometheusMetrics registry = PrometheusMetrics.create();

  private RootCommitter committer() {
    RootCommitter committer =
        new RootCommitter(
            store,
            l1,
            new RootCommitterConfig(
                Duration.ofMillis(10),
                Duration.ofSeconds(30),
                20,
                GWEI.multiply(BigInteger.valueOf(500)),
                16,
                Duration.ofMinutes(2),
                Duration.ofSeconds(1),
                0),
            clock,
            OperatorMetrics.register(registry));
    committer.reconcile();
    return committer;
  }

  @Test
  void finalCommits_areCountedWithTheirLatencyAndGas() {
    l1.automine = false;
    closeBlocks(store, 2000);
    RootCommitter committer = committer();

    committer.poll();
    MetricsText sent = MetricsText.parse(registry.scrape());
    assertThat(sent.value("plasma_operator_blocks_committed_total"))
        .as("sent, not mined: nothing committed yet")
        .hasValue(0);

    clock.advance(Duration.ofSeconds(12));
    l1.mine();
    committer.poll();

    MetricsText text = MetricsText.parse(registry.scrape());
    assertThat(text.value("plasma_operator_blocks_committed_total")).hasValue(2);
    assertThat(text.value("plasma_operator_l1_commit_gas_total"))
        .as("the fake L1's receipts use 45,000 gas each")
        .hasValue(90_000);
    assertThat(text.value("plasma_operator_l1_commit_seconds_count")).hasValue(2);
    assertThat(text.value("plasma_operator_l1_commit_seconds_sum")).hasValue(24);
    assertThat(text.value("plasma_operator_l1_commit_seconds_bucket", Map.of("le", "10.0")))
        .hasValue(0);
    assertThat(text.value("plasma_operator_l1_commit_seconds_bucket", Map.of("le", "15.0")))
        .hasValue(2);
  }
}
