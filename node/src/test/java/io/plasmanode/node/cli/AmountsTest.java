package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class AmountsTest {
  private static final BigInteger ETH = BigInteger.TEN.pow(18);

  @Test
  void parseEth_readsUnitsAndPlainWei() {
    assertThat(Amounts.parseEth("0.5eth")).isEqualTo(ETH.divide(BigInteger.TWO));
    assertThat(Amounts.parseEth("1.25ether"))
        .isEqualTo(ETH.multiply(BigInteger.valueOf(125)).divide(BigInteger.valueOf(100)));
    assertThat(Amounts.parseEth("10gwei")).isEqualTo(BigInteger.valueOf(10_000_000_000L));
    assertThat(Amounts.parseEth("100wei")).isEqualTo(BigInteger.valueOf(100));
    assertThat(Amounts.parseEth("1000")).isEqualTo(BigInteger.valueOf(1000));
    assertThat(Amounts.parseEth(" 2 ETH ")).isEqualTo(ETH.multiply(BigInteger.TWO));
    assertThat(Amounts.parseEth(".1eth")).isEqualTo(ETH.divide(BigInteger.TEN));
  }

  @Test
  void parseEth_rejectsFractionsOfAWei() {
    assertThatThrownBy(() -> Amounts.parseEth("0.5wei"))
        .hasMessageContaining("not a whole number of wei");
    assertThatThrownBy(() -> Amounts.parseEth("1.5"))
        .hasMessageContaining("not a whole number of wei");
    assertThatThrownBy(() -> Amounts.parseEth("0.0000000000000000001eth"))
        .hasMessageContaining("not a whole number of wei");
  }

  @Test
  void aFractionWithoutAUnit_suggestsEth() {
    assertThatThrownBy(() -> Amounts.parseEth("1.5"))
        .hasMessageContaining("without a unit is in wei")
        .hasMessageEndingWith("write 1.5eth");
    assertThatThrownBy(() -> Amounts.parseEth("0.5wei")).hasMessageNotContaining("eth");
    assertThatThrownBy(() -> Amounts.parseToken("1.5", OptionalInt.empty()))
        .hasMessageEndingWith("give the token's --decimals to write it as a decimal");
  }

  @Test
  void parseEth_rejectsUnknownUnitsGarbageZeroAndNegative() {
    assertThatThrownBy(() -> Amounts.parseEth("1btc")).hasMessageContaining("unknown unit 'btc'");
    assertThatThrownBy(() -> Amounts.parseEth("abc")).hasMessageContaining("cannot read amount");
    assertThatThrownBy(() -> Amounts.parseEth("")).hasMessageContaining("cannot read amount");
    assertThatThrownBy(() -> Amounts.parseEth("-1eth")).hasMessageContaining("cannot read amount");
    assertThatThrownBy(() -> Amounts.parseEth("0eth")).hasMessageContaining("more than zero");
    assertThatThrownBy(() -> Amounts.parseEth("1e18")).hasMessageContaining("cannot read amount");
  }

  @Test
  void parseEth_rejectsMoreThanUint256() {
    String max = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE).toString();
    assertThat(Amounts.parseEth(max)).isEqualTo(new BigInteger(max));
    assertThatThrownBy(() -> Amounts.parseEth(BigInteger.ONE.shiftLeft(256).toString()))
        .hasMessageContaining("larger than 2^256-1");
  }

  @Test
  void parseToken_takesBaseUnitsOrDecimals() {
    assertThat(Amounts.parseToken("2500", OptionalInt.empty())).isEqualTo(BigInteger.valueOf(2500));
    assertThat(Amounts.parseToken("1.5", OptionalInt.of(6)))
        .isEqualTo(BigInteger.valueOf(1_500_000));
    assertThatThrownBy(() -> Amounts.parseToken("1.5", OptionalInt.empty()))
        .hasMessageContaining("not a whole number of base units");
    assertThatThrownBy(() -> Amounts.parseToken("1.0000001", OptionalInt.of(6)))
        .hasMessageContaining("not a whole number of base units");
  }

  @Test
  void parseToken_rejectsEthUnits() {
    assertThatThrownBy(() -> Amounts.parseToken("1eth", OptionalInt.empty()))
        .hasMessageContaining("apply to ETH only");
  }

  @Test
  void formatEth_showsDecimalEther() {
    assertThat(Amounts.formatEth(ETH.multiply(BigInteger.valueOf(3)).divide(BigInteger.TWO)))
        .isEqualTo("1.5 ETH");
    assertThat(Amounts.formatEth(BigInteger.ONE)).isEqualTo("0.000000000000000001 ETH");
    assertThat(Amounts.formatEth(ETH.multiply(BigInteger.valueOf(20)))).isEqualTo("20 ETH");
  }
}
