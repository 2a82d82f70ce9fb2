package io.plasmanode.node.commit;

import static io.plasmanode.node.commit.FakeCommitChannel.GWEI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RootCommitterConfigTest {
  @Test
  void config_rejectsABumpBelowTwelveAndAHalfPercent() {
    assertThatThrownBy(
            () ->
                new RootCommitterConfig(
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(30),
                    12,
                    GWEI,
                    16,
                    Duration.ofMinutes(2),
                    Duration.ofSeconds(30),
                    0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("feeBumpPercent must be between 12.5 and 1000, got 12.0");
    assertThat(RootCommitterConfig.defaults().feeBumpPercent()).isEqualTo(20);
  }

  @Test
  void config_rejectsNegativeConfirmations() {
    assertThatThrownBy(() -> RootCommitterConfig.defaults().withCommitConfirmations(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("commitConfirmations must be >= 0, got -1");
    assertThat(RootCommitterConfig.defaults().commitConfirmations()).isEqualTo(10);
  }
}
