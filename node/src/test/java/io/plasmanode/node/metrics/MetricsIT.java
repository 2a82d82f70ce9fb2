package io.plasmanode.node.metrics;

import static io.plasmanode.node.testing.Payments.eth;
import static io.plasmanode.node.testing.Waits.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.node.daemon.OperatorNode;
import io.plasmanode.node.testing.OperatorSetup;
import io.plasmanode.node.testing.OperatorView;
import io.plasmanode.node.testing.PlasmaNetwork;
import io.plasmanode.node.testing.Scenario;
import io.plasmanode.node.testing.WatcherSetup;
import io.plasmanode.node.watcher.WatcherNode;
import io.plasmanode.p2p.rpc.JsonRpcException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real operator and watcher (anvil, LevelDB, Netty) serving their metrics: a deposit, a transfer
 * and a refused double spend move the operator's counters and the watcher's validated height as
 * they happened, and promtool accepts both scrapes.
 */
class MetricsIT {
  private static final PrivateKey OPERATOR = TestKeys.CAROL;
  private static final PrivateKey ALICE = TestKeys.ALICE;
  private static final PrivateKey BOB = TestKeys.BOB;
  private static final UtxoPos DEPOSIT_1 = new UtxoPos(1, 0, 0);
  private static final BigInteger ONE_ETH = AnvilChain.ether(1);
  private static final Optional<MetricsConfig> ANY_PORT =
      Optional.of(new MetricsConfig(MetricsConfig.DEFAULT_HOST, 0));

  @RegisterExtension
  final PlasmaNetwork net = PlasmaNetwork.builder().operator(OPERATOR).fund(TestKeys.ALL).build();

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void operatorAndWatcher_serveMetricsThatFollowTheChain_andPromtoolAcceptsThem() throws Exception {
    OperatorNode operator = startOperator();
    URI operatorMetrics = operator.metricsUrl().orElseThrow();
    assertThat(operatorMetrics.getHost()).isEqualTo("127.0.0.1");
    WatcherNode watcher = startWatcher(PlasmaNetwork.rpcUrl(operator));
    URI watcherMetrics = watcher.metricsUrl().orElseThrow();
    Scenario users = net.scenario(PlasmaNetwork.rpcUrl(operator));
    assertThat(scrape(operatorMetrics).value("plasma_operator_transactions_accepted_total"))
        .hasValue(0);

    users.depositCredited(ALICE, ONE_ETH.multiply(BigInteger.TWO));
    users
        .operator()
        .submitWhenAccepted(
            users.transfer(ALICE, DEPOSIT_1, eth(BOB, ONE_ETH), eth(ALICE, ONE_ETH)));
    Optional<JsonRpcException> doubleSpend =
        users
            .operator()
            .rejection(
                users.transfer(ALICE, DEPOSIT_1, eth(BOB, ONE_ETH.multiply(BigInteger.TWO))));
    String reason = OperatorView.reason(doubleSpend.orElseThrow());
    users.awaitCommitted(1000);
    await("block 1000 validated", () -> watcher.status().syncedHeight() == 1000);

    MetricsText ops = scrape(operatorMetrics);
    assertThat(ops.value("plasma_operator_transactions_accepted_total")).hasValue(1);
    assertThat(ops.value("plasma_operator_transactions_rejected_total", Map.of("reason", reason)))
        .hasValue(1);
    assertThat(ops.value("plasma_operator_submit_seconds_count").orElseThrow())
        .isGreaterThanOrEqualTo(2);
    assertThat(ops.value("plasma_operator_journal_fsync_seconds_count").orElseThrow())
        .isGreaterThanOrEqualTo(1);
    assertThat(ops.value("plasma_operator_block_build_seconds_count")).hasValue(1);
    assertThat(ops.value("plasma_operator_block_write_seconds_count")).hasValue(1);
    assertThat(ops.value("plasma_operator_block_transactions_sum")).hasValue(1);
    await("block 1000's commit counted", () -> committed(operatorMetrics) == 1);
    ops = scrape(operatorMetrics);
    assertThat(ops.value("plasma_operator_l1_commit_gas_total").orElseThrow()).isPositive();
    assertThat(ops.value("plasma_operator_l1_commit_seconds_count")).hasValue(1);
    assertThat(ops.value("plasma_operator_l1_events_total", Map.of("kind", "deposit"))).hasValue(1);
    assertThat(ops.value("plasma_operator_height")).hasValue(1000);
    assertThat(ops.value("plasma_operator_last_committed_block")).hasValue(1000);
    assertThat(ops.value("plasma_operator_open_block_transactions")).hasValue(0);
    assertThat(ops.value("plasma_operator_alarms")).hasValue(0);
    assertThat(ops.samples()).anySatisfy(s -> assertThat(s.name()).startsWith("jvm_"));

    MetricsText watched = scrape(watcherMetrics);
    assertThat(watched.value("plasma_watcher_validated_height")).hasValue(1000);
    assertThat(watched.value("plasma_watcher_blocks_validated_total")).hasValue(1);
    assertThat(watched.value("plasma_watcher_l1_events_total", Map.of("kind", "deposit")))
        .hasValue(1);
    assertThat(watched.value("plasma_watcher_l1_events_total", Map.of("kind", "block_submitted")))
        .hasValue(1);
    assertThat(watched.value("plasma_watcher_peers")).hasValue(0);
    assertThat(watched.value("plasma_watcher_halted")).hasValue(0);
    assertThat(watched.value("plasma_watcher_challenges_sent_total")).hasValue(0);
    assertThat(watched.byLabel("plasma_watcher_byzantine_events", "kind")).isEmpty();

    Promtool.assertAccepts("operator", text(operatorMetrics));
    Promtool.assertAccepts("watcher", text(watcherMetrics));
  }

  @Test
  void withoutMetricsPort_nothingIsServed() {
    OperatorNode operator = net.startOperator(setup -> OperatorSetup.quick());

    assertThat(operator.metricsUrl()).isEmpty();
  }

  private double committed(URI metrics) {
    return scrape(metrics).value("plasma_operator_blocks_committed_total").orElse(0);
  }

  private MetricsText scrape(URI metrics) {
    return MetricsText.parse(text(metrics));
  }

  private String text(URI metrics) {
    try {
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(200);
      return answer.body();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private OperatorNode startOperator() {
    AnvilChain l1 = net.l1();
    return net.closeLater(
        OperatorNode.start(
            OperatorSetup.quick()
                .config(URI.create(l1.rpcUrl()), l1.contract(), net.dir().resolve("operator"))
                .toBuilder()
                .metrics(ANY_PORT)
                .build(),
            OPERATOR));
  }

  private WatcherNode startWatcher(URI operatorRpc) {
    AnvilChain l1 = net.l1();
    WatcherSetup setup = WatcherSetup.defaults(net.dir().resolve("watcher"), operatorRpc);
    return net.closeLater(
        WatcherNode.start(
            setup.config(URI.create(l1.rpcUrl()), l1.contract()).toBuilder()
                .metrics(ANY_PORT)
                .build(),
            setup.challenger(),
            setup.challengerConfig()));
  }
}
