package io.plasmanode.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.contracts.l1.follow.L1Chunk;
import io.plasmanode.contracts.l1.follow.L1EventHandler;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class L1EventCounterTest {
  private static final L1Event.L1Origin ORIGIN = new L1Event.L1Origin(7, Hash32.ZERO, 0);
  private static final L1Event DEPOSIT =
      new L1Event.Deposit(ORIGIN, 1, Address.ZERO, Address.ZERO, BigInteger.ONE);
  private static final L1Event EXIT =
      new L1Event.ExitStarted(
          ORIGIN, new UtxoPos(1, 0, 0), Address.ZERO, Address.ZERO, BigInteger.ONE, Instant.EPOCH);

  private final PrometheusMetrics registry = PrometheusMetrics.create();
  private final Metrics.LabelledCounter events = L1EventCounter.register(registry, "operator");

  private Map<String, Double> counted() {
    return MetricsText.parse(registry.scrape()).byLabel("plasma_operator_l1_events_total", "kind");
  }

  @Test
  void apply_countsEachEventByKind_afterTheHandlerApplied() {
    Recording handler = new Recording(false);
    L1EventCounter counter = new L1EventCounter(handler, events);

    counter.apply(new L1Chunk(5, 9, List.of(DEPOSIT, EXIT, DEPOSIT)));

    assertThat(handler.applied).isEqualTo(1);
    assertThat(counter.lastBlockApplied()).hasValue(9);
    assertThat(counted())
        .containsEntry("deposit", 2.0)
        .containsEntry("exit_started", 1.0)
        .containsEntry("exit_challenged", 0.0)
        .containsEntry("exit_finalized", 0.0)
        .containsEntry("block_submitted", 0.0);
  }

  @Test
  void apply_thatFails_countsNothing_soARedeliveredChunkCountsOnce() {
    L1EventCounter counter = new L1EventCounter(new Recording(true), events);

    assertThatThrownBy(() -> counter.apply(new L1Chunk(5, 9, List.of(DEPOSIT))))
        .isInstanceOf(IllegalStateException.class);
    assertThat(counted()).containsEntry("deposit", 0.0);
  }

  @Test
  void kindOf_isTheTypeInSnakeCase() {
    assertThat(L1EventCounter.kindOf("Deposit")).isEqualTo("deposit");
    assertThat(L1EventCounter.kindOf("ExitStarted")).isEqualTo("exit_started");
    assertThat(L1EventCounter.kindOf("InFlightExitStarted")).isEqualTo("in_flight_exit_started");
  }

  private static final class Recording implements L1EventHandler {
    private final boolean fail;
    private OptionalLong last = OptionalLong.empty();
    private int applied;

    Recording(boolean fail) {
      this.fail = fail;
    }

    @Override
    public OptionalLong lastBlockApplied() {
      return last;
    }

    @Override
    public void apply(L1Chunk chunk) {
      if (fail) {
        throw new IllegalStateException("database down");
      }
      applied++;
      last = OptionalLong.of(chunk.lastBlock());
    }
  }
}
