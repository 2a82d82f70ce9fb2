package io.plasmanode.node.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class DevnetBalancesTest {
  private static final BigInteger ETH = BigInteger.TEN.pow(18);

  @Test
  void describe_groupsWholeUnitsAndRoundsDownToFourDecimals() {
    BigInteger afterDeposit =
        ETH.multiply(BigInteger.valueOf(9_999)).subtract(new BigInteger("58821000000001"));

    assertThat(
            new DevnetBalances(afterDeposit, ETH.multiply(BigInteger.valueOf(1_000_000)))
                .describe())
        .isEqualTo("9,998.9999 ETH, 1,000,000 DEV");
    assertThat(
            new DevnetBalances(ETH.multiply(BigInteger.valueOf(10_000)), BigInteger.ZERO)
                .describe())
        .isEqualTo("10,000 ETH, 0 DEV");
  }

  @Test
  void format_showsDustAsZeroRatherThanRoundingUp() {
    assertThat(DevnetBalances.format(ETH.subtract(BigInteger.ONE))).isEqualTo("0.9999");
    assertThat(DevnetBalances.format(BigInteger.ONE)).isEqualTo("0");
  }
}
