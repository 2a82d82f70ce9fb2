package io.plasmanode.core.testing;

import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.crypto.Secp256k1;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** jqwik generators of valid chain values, for property tests in every module. */
public final class TxArbitraries {
  private TxArbitraries() {}

  public static Arbitrary<Address> addresses() {
    return Arbitraries.bytes().array(byte[].class).ofSize(Address.SIZE).map(Address::of);
  }

  public static Arbitrary<Address> owners() {
    return addresses().filter(address -> !address.isZero());
  }

  public static Arbitrary<Hash32> hashes() {
    return Arbitraries.bytes().array(byte[].class).ofSize(Hash32.SIZE).map(Hash32::of);
  }

  public static Arbitrary<UtxoPos> positions() {
    return Combinators.combine(
            Arbitraries.longs().between(1, UtxoPos.MAX_BLKNUM),
            Arbitraries.integers().between(0, UtxoPos.MAX_TXS_PER_BLOCK - 1),
            Arbitraries.integers().between(0, UtxoPos.MAX_OUTPUTS - 1))
        .as(UtxoPos::new);
  }

  public static Arbitrary<Output> outputs() {
    return Combinators.combine(
            owners(),
            Arbitraries.oneOf(Arbitraries.just(Address.ZERO), addresses()),
            Arbitraries.bigIntegers().between(BigInteger.ONE, Output.MAX_AMOUNT))
        .as(Output::new);
  }

  /** Transfers (1..4 distinct inputs, 1..4 outputs) with any metadata. */
  public static Arbitrary<PaymentTransaction> transfers() {
    return Combinators.combine(
            positions().list().ofMinSize(1).ofMaxSize(4).uniqueElements(),
            outputs().list().ofMinSize(1).ofMaxSize(4),
            Arbitraries.oneOf(Arbitraries.just(Hash32.ZERO), hashes()))
        .as(PaymentTransaction::new);
  }

  public static Arbitrary<PaymentTransaction> deposits() {
    return outputs().map(PaymentTransaction::deposit);
  }

  /** Transfers, and now and then a deposit. */
  public static Arbitrary<PaymentTransaction> transactions() {
    return Arbitraries.frequencyOf(Tuple.of(9, transfers()), Tuple.of(1, deposits()));
  }

  /** Any valid private key. */
  public static Arbitrary<PrivateKey> keys() {
    return Arbitraries.bigIntegers()
        .between(BigInteger.ONE, Secp256k1.N.subtract(BigInteger.ONE))
        .map(TxArbitraries::keyOf);
  }

  private static PrivateKey keyOf(BigInteger scalar) {
    byte[] raw = scalar.toByteArray();
    byte[] word = new byte[PrivateKey.SIZE];
    int length = Math.min(raw.length, word.length);
    System.arraycopy(raw, raw.length - length, word, word.length - length, length);
    return PrivateKey.of(word);
  }
}
