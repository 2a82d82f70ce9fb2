package io.plasmanode.contracts.l1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class FeesTest {
  private static final BigInteger GWEI = BigInteger.TEN.pow(9);

  private static Fees fees(long maxFee, long tip) {
    return new Fees(BigInteger.valueOf(maxFee), BigInteger.valueOf(tip));
  }

  @Test
  void forBaseFee_offersTwiceTheBaseFeePlusTheTip() {
    assertThat(Fees.forBaseFee(GWEI, BigInteger.TWO))
        .isEqualTo(new Fees(GWEI.shiftLeft(1).add(BigInteger.TWO), BigInteger.TWO));
  }

  @Test
  void bumped_raisesBothFeesRoundingUp() {
    assertThat(fees(1000, 100).bumped(12.5)).isEqualTo(fees(1125, 113));
    assertThat(fees(1000, 0).bumped(20)).isEqualTo(fees(1200, 1));
  }

  @Test
  void canReplace_needsTenPercentMoreOnBothFees() {
    Fees previous = fees(1000, 100);

    assertThat(fees(1100, 110).canReplace(previous)).isTrue();
    assertThat(fees(1099, 200).canReplace(previous)).isFalse();
    assertThat(fees(2000, 109).canReplace(previous)).isFalse();
    assertThat(previous.canReplace(previous)).isFalse();
  }

  @Test
  void cappedAt_limitsTheMaxFeeAndTheTip() {
    assertThat(fees(1000, 900).cappedAt(BigInteger.valueOf(500))).isEqualTo(fees(500, 500));
    assertThat(fees(1000, 100).cappedAt(BigInteger.valueOf(5000))).isEqualTo(fees(1000, 100));
  }

  @Test
  void atLeast_takesTheHigherOfEachFee() {
    assertThat(fees(1000, 10).atLeast(fees(500, 50))).isEqualTo(fees(1000, 50));
  }

  @Test
  void constructor_rejectsATipAboveTheMaxFee() {
    assertThatThrownBy(() -> fees(10, 11))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("priority fee 11 above max fee 10");
  }

  @Test
  void gwei_formatsForPeople() {
    assertThat(Fees.gwei(GWEI.multiply(BigInteger.valueOf(200)))).isEqualTo("200");
    assertThat(Fees.gwei(BigInteger.valueOf(1_500_000_000))).isEqualTo("1.5");
  }
}
