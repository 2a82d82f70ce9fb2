package io.plasmanode.node.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.types.Address;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FormatsTest {
  private static final Instant NOW = Instant.parse("2026-12-07T11:00:00Z");

  @Test
  void until_saysHowLongToMaturity_orSinceIt() {
    assertThat(Formats.until(NOW.plus(Duration.ofHours(51)), NOW)).isEqualTo("in 2 d 3 h");
    assertThat(Formats.until(NOW.plusSeconds(125), NOW)).isEqualTo("in 2 min 5 s");
    assertThat(Formats.until(NOW.minusSeconds(3 * 3600 + 600), NOW))
        .isEqualTo("matured 3 h 10 min ago");
    assertThat(Formats.until(NOW, NOW)).isEqualTo("matured 0 s ago");
  }

  @Test
  void amounts_areJsonRpcsDecimal_withEtherForEth() {
    BigInteger oneAndAHalf = new BigInteger("1500000000000000000");
    assertThat(Formats.amount(oneAndAHalf)).isEqualTo("1500000000000000000");
    assertThat(Formats.etherHint(Address.ZERO, oneAndAHalf)).isEqualTo("1.5 ETH");
    assertThat(Formats.etherHint(Address.ZERO, BigInteger.ONE))
        .isEqualTo("0.000000000000000001 ETH");
    assertThat(Formats.etherHint(Address.fromHex("11".repeat(20)), oneAndAHalf)).isEmpty();
  }

  @Test
  void times_areUtc() {
    assertThat(Formats.time(NOW)).isEqualTo("2026-12-07 11:00:00 UTC");
  }
}
