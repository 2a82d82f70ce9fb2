package io.plasmanode.core.testing;

import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.SignatureShape;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** jqwik generators of the chain's values, shared with other modules' tests via the test-jar. */
public final class TxArbitraries {
  private TxArbitraries() {}

  /** Any valid position, including the edge cases (block 1, the last txindex and oindex). */
  public static Arbitrary<UtxoPos> utxoPos() {
    return Combinators.combine(
            Arbitraries.longs().between(1, UtxoPos.MAX_BLKNUM),
            Arbitraries.integers().between(0, UtxoPos.MAX_TXS_PER_BLOCK - 1),
            Arbitraries.integers().between(0, UtxoPos.MAX_OUTPUTS - 1))
        .as(UtxoPos::new);
  }

  public static Arbitrary<Address> address() {
    return Arbitraries.bytes().array(byte[].class).ofSize(Address.SIZE).map(Address::of);
  }

  public static Arbitrary<Address> nonZeroAddress() {
    return address().filter(address -> !address.isZero());
  }

  /** ETH (the zero address) about half of the time, else any address. */
  public static Arbitrary<Address> token() {
    return Arbitraries.oneOf(Arbitraries.just(Address.ZERO), address());
  }

  public static Arbitrary<Hash32> hash32() {
    return Arbitraries.bytes().array(byte[].class).ofSize(Hash32.SIZE).map(Hash32::of);
  }

  /** 1 .. 2^256-1. */
  public static Arbitrary<BigInteger> amount() {
    return Arbitraries.bigIntegers().between(BigInteger.ONE, Output.MAX_AMOUNT);
  }

  public static Arbitrary<Output> output() {
    return Combinators.combine(nonZeroAddress(), token(), amount()).as(Output::new);
  }

  /** A deposit: no inputs, one output, any metadata. */
  public static Arbitrary<PaymentTransaction> deposit() {
    return Combinators.combine(output(), hash32())
        .as((output, metadata) -> new PaymentTransaction(List.of(), List.of(output), metadata));
  }

  /** A transfer: 1..4 distinct inputs, 1..4 outputs, any metadata. */
  public static Arbitrary<PaymentTransaction> transfer() {
    return Combinators.combine(
            utxoPos().list().ofMinSize(1).ofMaxSize(PaymentTransaction.MAX_INPUTS).uniqueElements(),
            output().list().ofMinSize(1).ofMaxSize(PaymentTransaction.MAX_OUTPUTS),
            hash32())
        .as(PaymentTransaction::new);
  }

  public static Arbitrary<PaymentTransaction> paymentTransaction() {
    return Arbitraries.frequencyOf(Tuple.of(1, deposit()), Tuple.of(4, transfer()));
  }

  /**
   * A signature of valid shape: v 27/28, r in 1..n-1, s in 1..n/2 (not necessarily recoverable).
   */
  public static Arbitrary<Signature> signature() {
    return Combinators.combine(
            Arbitraries.bigIntegers()
                .between(BigInteger.ONE, SignatureShape.SECP256K1_N.subtract(BigInteger.ONE)),
            Arbitraries.bigIntegers().between(BigInteger.ONE, SignatureShape.HALF_N),
            Arbitraries.of(27, 28))
        .as(TxArbitraries::signature);
  }

  /** The signature {@code r || s || v}. */
  public static Signature signature(BigInteger r, BigInteger s, int v) {
    byte[] bytes = new byte[Signature.SIZE];
    copyWord(r, bytes, 0);
    copyWord(s, bytes, 32);
    bytes[64] = (byte) v;
    return Signature.of(bytes);
  }

  /** Any transaction with one well-shaped signature per input. */
  public static Arbitrary<SignedTransaction> signedTransaction() {
    return paymentTransaction()
        .flatMap(
            tx ->
                signature()
                    .list()
                    .ofSize(tx.inputs().size())
                    .map(signatures -> new SignedTransaction(tx, signatures)));
  }

  /** Any valid private key. */
  public static Arbitrary<PrivateKey> keys() {
    return Arbitraries.bigIntegers()
        .between(BigInteger.ONE, SignatureShape.SECP256K1_N.subtract(BigInteger.ONE))
        .map(
            scalar -> {
              byte[] word = new byte[PrivateKey.SIZE];
              copyWord(scalar, word, 0);
              return PrivateKey.of(word);
            });
  }

  private static void copyWord(BigInteger value, byte[] target, int offset) {
    byte[] magnitude = value.toByteArray();
    int start = magnitude.length > 32 ? magnitude.length - 32 : 0;
    int length = magnitude.length - start;
    System.arraycopy(magnitude, start, target, offset + 32 - length, length);
  }
}
