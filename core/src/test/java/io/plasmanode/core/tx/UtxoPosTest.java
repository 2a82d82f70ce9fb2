package io.plasmanode.core.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.testing.PositionWords;
import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The position encoding at its edges (docs/spec.md "Positions"); the contract has the same. */
class UtxoPosTest {
  private static final long LAST = UtxoPos.MAX_VALUE;

  @Test
  void bound_lasts285YearsAtOneBlockPerSecondAndFitsALong() {
    assertThat(UtxoPos.MAX_BLKNUM).isEqualTo(9_000_000_000_000L);
    assertThat(UtxoPos.MAX_BLKNUM % UtxoPos.CHILD_BLOCK_INTERVAL).isZero();
    long childBlocks = UtxoPos.MAX_BLKNUM / UtxoPos.CHILD_BLOCK_INTERVAL;
    assertThat(childBlocks / (365L * 24 * 3600)).isEqualTo(285);
    assertThat(UtxoPos.MAX_VALUE).isEqualTo(9_000_000_000_000_655_353L).isLessThan(Long.MAX_VALUE);
    assertThat(BigInteger.valueOf(UtxoPos.MAX_BLKNUM).multiply(BigInteger.valueOf(1_000_000)))
        .isEqualTo(BigInteger.valueOf(9).multiply(BigInteger.TEN.pow(18)));
  }

  @Test
  void validEdges_roundTripThroughLongAndWord() {
    for (long value : PositionWords.VALID_EDGES) {
      UtxoPos pos = UtxoPos.fromLong(value).orElseThrow(() -> new AssertionError(value));
      assertThat(pos.toLong()).isEqualTo(value);
      assertThat(UtxoPos.fromBigInteger(BigInteger.valueOf(value))).contains(pos);
      assertThat(new UtxoPos(pos.blknum(), pos.txindex(), pos.oindex())).isEqualTo(pos);
    }
  }

  @Test
  void invalidEdges_areRefusedAsLongAndWord() {
    for (long value : PositionWords.INVALID_EDGES) {
      assertThat(UtxoPos.fromLong(value)).as("%d", value).isEmpty();
      assertThat(UtxoPos.fromBigInteger(BigInteger.valueOf(value))).as("%d", value).isEmpty();
    }
    assertThat(UtxoPos.fromLong(-1)).isEmpty();
    assertThat(UtxoPos.fromLong(Long.MIN_VALUE)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {64, 65, 100, 192, 255, 256})
  void wordsBeyondALong_areRefused(int bits) {
    BigInteger top = BigInteger.ONE.shiftLeft(bits - 1);
    assertThat(UtxoPos.fromBigInteger(top)).isEmpty();
    assertThat(UtxoPos.fromBigInteger(top.add(BigInteger.valueOf(LAST)))).isEmpty();
    assertThat(UtxoPos.fromBigInteger(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)))
        .isEmpty();
  }

  @Test
  void fields_decodeAtTheLastPosition() {
    assertThat(UtxoPos.fromLong(LAST))
        .isEqualTo(Optional.of(new UtxoPos(UtxoPos.MAX_BLKNUM, 65_535, 3)));
    assertThat(new UtxoPos(1000, 1, 2).toLong()).isEqualTo(1_000_000_012L);
    assertThat(new UtxoPos(1, 0, 0).toLong()).isEqualTo(1_000_000L);
  }

  @Test
  void constructor_refusesFieldsOutOfRange() {
    assertThatThrownBy(() -> new UtxoPos(UtxoPos.MAX_BLKNUM + 1, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blknum 9000000000001 out of range");
    assertThatThrownBy(() -> new UtxoPos(0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new UtxoPos(1, 65_536, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new UtxoPos(1, 0, 4)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void order_isBlockThenTxThenOutput() {
    assertThat(new UtxoPos(1, 65_535, 3)).isLessThan(new UtxoPos(2, 0, 0));
    assertThat(new UtxoPos(7, 3, 3)).isLessThan(new UtxoPos(7, 4, 0));
    assertThat(new UtxoPos(UtxoPos.MAX_BLKNUM - 1, 65_535, 3))
        .isLessThan(new UtxoPos(UtxoPos.MAX_BLKNUM, 0, 0));
  }
}
