package io.plasmanode.node.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

  @Test
  void at_usesTheNearestRank() {
    Percentiles values = Percentiles.of(LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray());

    assertThat(values.at(50)).isEqualTo(50);
    assertThat(values.at(99)).isEqualTo(99);
    assertThat(values.at(99.5)).isEqualTo(100);
    assertThat(values.at(100)).isEqualTo(100);
    assertThat(values.at(0.1)).isEqualTo(1);
    assertThat(values.max()).isEqualTo(100);
    assertThat(values.mean()).isEqualTo(50.5);
  }

  @Test
  void at_ofFewValues_neverInterpolates() {
    Percentiles values = Percentiles.of(new long[] {30, 10, 20});

    assertThat(values.at(50)).isEqualTo(20);
    assertThat(values.at(99)).isEqualTo(30);
    assertThat(values.at(33)).isEqualTo(10);
  }

  @Test
  void at_ofNothing_isZero() {
    assertThat(Percentiles.of(new long[0]).at(99)).isZero();
    assertThat(Percentiles.of(new long[0]).count()).isZero();
  }

  @Test
  void at_rejectsAPercentOutsideTheRange() {
    assertThatThrownBy(() -> Percentiles.of(new long[] {1}).at(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
