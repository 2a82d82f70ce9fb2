package io.plasmanode.node.fees;

import static io.plasmanode.node.fees.FeeSpecsParserTest.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.fees.FeeTable;
import io.plasmanode.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FeeScheduleTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  @Test
  void update_keepsTheReplacedTableAcceptedForTheGracePeriodOnly() {
    FeeSchedule schedule = new FeeSchedule(table(1), Duration.ofSeconds(30), clock);

    assertThat(schedule.update(table(2))).isTrue();
    clock.advance(Duration.ofSeconds(29));
    assertThat(schedule.current()).isEqualTo(table(2));
    assertThat(schedule.accepted()).containsExactly(table(2), table(1));

    clock.advance(Duration.ofSeconds(1));
    assertThat(schedule.accepted()).containsExactly(table(2));
  }

  @Test
  void update_acceptsEveryTableStillWithinItsGraceNewestFirst() {
    FeeSchedule schedule = new FeeSchedule(table(1), Duration.ofSeconds(30), clock);
    schedule.update(table(2));
    clock.advance(Duration.ofSeconds(10));
    schedule.update(table(3));

    assertThat(schedule.accepted()).containsExactly(table(3), table(2), table(1));
    clock.advance(Duration.ofSeconds(25));
    assertThat(schedule.accepted()).containsExactly(table(3), table(2));
  }

  @Test
  void update_withTheCurrentTableChangesNothing() {
    FeeSchedule schedule = new FeeSchedule(table(1), Duration.ofSeconds(30), clock);

    assertThat(schedule.update(table(1))).isFalse();
    assertThat(schedule.accepted()).containsExactly(table(1));
  }

  @Test
  void fixed_acceptsOnlyItsTable() {
    assertThat(FeeSchedule.fixed(FeeTable.NONE).accepted()).containsExactly(FeeTable.NONE);
  }
}
