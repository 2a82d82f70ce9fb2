package io.plasmanode.core.fees;

import static io.plasmanode.core.fees.FeeFixture.ETH;
import static io.plasmanode.core.fees.FeeFixture.OMG;
import static io.plasmanode.core.fees.FeeFixture.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.types.Address;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeeTableTest {
  private static final int PAYMENT = PaymentTransaction.TX_TYPE_PAYMENT;

  @Test
  void none_chargesNothing() {
    assertThat(FeeTable.NONE.charges(PAYMENT)).isFalse();
    assertThat(FeeTable.NONE.fee(PAYMENT, ETH)).isEmpty();
    assertThat(FeeTable.NONE.fees(PAYMENT)).isEmpty();
  }

  @Test
  void fee_looksUpTypeThenToken() {
    FeeTable table =
        new FeeTable(Map.of(PAYMENT, Map.of(OMG, spec(3, "OMG"), ETH, spec(7, "ETH"))));

    assertThat(table.charges(PAYMENT)).isTrue();
    assertThat(table.charges(PaymentTransaction.TX_TYPE_FEE_CLAIM)).isFalse();
    assertThat(table.fee(PAYMENT, OMG)).contains(spec(3, "OMG"));
    assertThat(table.fee(PAYMENT, FeeFixture.DAI)).isEmpty();
    assertThat(table.fee(PaymentTransaction.TX_TYPE_FEE_CLAIM, ETH)).isEmpty();
    assertThat(List.copyOf(table.fees(PAYMENT).keySet()))
        .as("sorted by token")
        .containsExactly(ETH, OMG);
  }

  @Test
  void constructor_copiesTheMaps() {
    Map<Address, FeeSpec> tokens = new HashMap<>(Map.of(ETH, spec(1, "ETH")));
    Map<Integer, Map<Address, FeeSpec>> byType = new HashMap<>(Map.of(PAYMENT, tokens));
    FeeTable table = new FeeTable(byType);

    tokens.put(OMG, spec(2, "OMG"));
    byType.clear();

    assertThat(table.fees(PAYMENT)).containsOnlyKeys(ETH);
    assertThatThrownBy(() -> table.fees(PAYMENT).put(OMG, spec(2, "OMG")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(table).isEqualTo(new FeeTable(Map.of(PAYMENT, Map.of(ETH, spec(1, "ETH")))));
  }

  @Test
  void constructor_refusesATypeWithNoToken() {
    assertThatThrownBy(() -> new FeeTable(Map.of(PAYMENT, Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tx type 1 lists no token");
  }

  @Test
  void feeSpec_refusesAmountsOutsideOneToMaxAndBadUnitsOrSymbols() {
    BigInteger unit = BigInteger.TEN.pow(18);
    assertThatThrownBy(() -> new FeeSpec(BigInteger.ZERO, unit, "ETH"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1..2^256-1");
    assertThatThrownBy(() -> new FeeSpec(Output.MAX_AMOUNT.add(BigInteger.ONE), unit, "ETH"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FeeSpec(BigInteger.ONE, BigInteger.ZERO, "ETH"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("subunit_to_unit");
    assertThatThrownBy(() -> new FeeSpec(BigInteger.ONE, unit, " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("symbol");
    assertThat(new FeeSpec(Output.MAX_AMOUNT, unit, "ETH").amount()).isEqualTo(Output.MAX_AMOUNT);
  }

  @Test
  void feePayment_isPositive() {
    assertThatThrownBy(() -> new FeePayment(ETH, BigInteger.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
