package io.plasmanode.node.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecoveryBaselineTest {
  private static final RecoveryBaseline BASELINE =
      new RecoveryBaseline("native", 20_000, List.of(19_000.0, 20_000.0, 18_500.0), 4.1);

  @Test
  void ratio_isTheThroughputOverTheRecoveryRate() {
    assertThat(BASELINE.ratio(15_800)).isEqualTo(0.79);
    assertThat(BASELINE.ratio(20_000)).isEqualTo(1.0);
    assertThat(BASELINE.ratio(0)).isZero();
  }

  @Test
  void formatRatio_twoDecimalsAndAnX() {
    assertThat(BASELINE.formatRatio(15_800)).isEqualTo("0.79x");
    assertThat(BASELINE.formatRatio(20_000)).isEqualTo("1.00x");
    assertThat(BASELINE.formatRatio(24_990)).isEqualTo("1.25x");
    assertThat(RecoveryBaseline.format(0.004)).isEqualTo("0.00x");
  }

  @Test
  void summary_saysTheRateTheLibraryAndWhatARatioMeans() {
    assertThat(BASELINE.summary())
        .isEqualTo(
            "20,000 recoveries/s on one core (native, best of 3 rounds; 1.00x = one core's worth"
                + " of signature recovery)");
  }

  @Test
  void rejectsANonPositiveRate() {
    assertThatThrownBy(() -> new RecoveryBaseline("native", 0, List.of(), 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
