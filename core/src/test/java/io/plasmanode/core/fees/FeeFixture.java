package io.plasmanode.core.fees;

import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** Small builders for fee tests. */
final class FeeFixture {
  static final Address ALICE = Address.fromHex("a1".repeat(Address.SIZE));
  static final Address BOB = Address.fromHex("b0".repeat(Address.SIZE));
  static final Address ETH = Address.ZERO;
  static final Address OMG = Address.fromHex("70".repeat(Address.SIZE));
  static final Address DAI = Address.fromHex("71".repeat(Address.SIZE));

  private FeeFixture() {}

  static Output out(Address owner, Address token, long amount) {
    return new Output(owner, token, BigInteger.valueOf(amount));
  }

  /** A transfer spending {@code spent.size()} positions of block 1000 into {@code outputs}. */
  static PaymentTransaction transferOf(List<Output> spent, List<Output> outputs) {
    List<UtxoPos> inputs =
        IntStream.range(0, spent.size()).mapToObj(i -> new UtxoPos(1000, i, 0)).toList();
    return PaymentTransaction.transfer(inputs, outputs);
  }

  static FeeSpec spec(long amount, String symbol) {
    return new FeeSpec(BigInteger.valueOf(amount), BigInteger.TEN.pow(18), symbol);
  }

  /** A table charging payments (txType 1): token, amount, token, amount... */
  static FeeTable payments(Object... tokenAmounts) {
    Map<Address, FeeSpec> fees = new LinkedHashMap<>();
    for (int i = 0; i < tokenAmounts.length; i += 2) {
      Address token = (Address) tokenAmounts[i];
      fees.put(token, spec(((Number) tokenAmounts[i + 1]).longValue(), "T" + i));
    }
    return new FeeTable(Map.of(PaymentTransaction.TX_TYPE_PAYMENT, fees));
  }
}
