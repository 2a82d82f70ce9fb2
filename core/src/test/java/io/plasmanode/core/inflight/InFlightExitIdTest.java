package io.plasmanode.core.inflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class InFlightExitIdTest {
  private static final Hash32 HASH =
      Hash32.fromHex("0x0123456789abcdef0123456789abcdef00112233445566778899aabbccddeeff");

  @Test
  void ofTxHash_takesTheHigh128BitsWithBit127Set() {
    assertThat(InFlightExitId.ofTxHash(HASH).value())
        .isEqualTo(new BigInteger("8123456789abcdef0123456789abcdef", 16));
  }

  @Test
  void ids_neverEqualAStandardExitPosition() {
    assertThat(InFlightExitId.isInFlight(BigInteger.valueOf(Long.MAX_VALUE))).isFalse();
    assertThat(InFlightExitId.isInFlight(InFlightExitId.ofTxHash(Hash32.ZERO).value())).isTrue();
  }

  @Test
  void constructor_rejectsValuesOutsideTheIdRange() {
    assertThatThrownBy(() -> new InFlightExitId(BigInteger.ONE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new InFlightExitId(BigInteger.ONE.shiftLeft(128)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parse_readsHexAndDecimal() {
    InFlightExitId id = InFlightExitId.ofTxHash(HASH);
    assertThat(InFlightExitId.parse(id.toHex())).isEqualTo(id);
    assertThat(InFlightExitId.parse(id.value().toString())).isEqualTo(id);
  }

  @Test
  void outputKey_hasBit255SetAndDependsOnTheIndex() {
    BigInteger k0 = OutputKey.of(HASH, 0);
    assertThat(k0.testBit(255)).isTrue();
    assertThat(k0.bitLength()).isEqualTo(256);
    assertThat(OutputKey.of(HASH, 1)).isNotEqualTo(k0);
  }
}
