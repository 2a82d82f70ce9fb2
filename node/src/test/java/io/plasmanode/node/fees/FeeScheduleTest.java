package io.plasmanode.node.fees;

import static io.plasmanode.node.fees.FeeSpecsParserTest.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.fees.FeeTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FeeScheduleTest {
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };

  @Test
  void update_keepsTheReplacedTableAcceptedForTheGracePeriodOnly() {
    FeeSchedule schedule = new FeeSchedule(table(1), Duration.ofSeconds(30), clock);

    assertThat(schedule.update(table(2))).isTrue();
    now = now.plusSeconds(29);
    assertThat(schedule.current()).isEqualTo(table(2));
    assertThat(schedule.accepted()).containsExactly(table(2), table(1));

    now = now.plusSeconds(1);
    assertThat(schedule.accepted()).containsExactly(table(2));
  }

  @Test
  void update_acceptsEveryTableStillWithinItsGraceNewestFirst() {
    FeeSchedule schedule = new FeeSchedule(table(1), Duration.ofSeconds(30), clock);
    schedule.update(table(2));
    now = now.plusSeconds(10);
    schedule.update(table(3));

    assertThat(schedule.accepted()).containsExactly(table(3), table(2), table(1));
    now = now.plusSeconds(25);
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
