package io.plasmanode.node.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.crypto.BouncyCastleSignerRecovery;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.eip712.SignatureChecker;
import io.plasmanode.core.testing.TxArbitraries;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.SignatureShape;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.ValidationResult;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Native libsecp256k1 and BouncyCastle must accept and reject exactly the same signatures, and sign
 * identically.
 */
class NativeSignerRecoveryPropertyTest {
  private static final Eip712Domain DOMAIN =
      new Eip712Domain(Address.fromHex("0x5fbdb2315678afecb367f032d93f642f64180aa3"), 31337);
  private static final BigInteger N = SignatureShape.SECP256K1_N;

  private static NativeSignerRecovery nativeRecovery;
  private static final BouncyCastleSignerRecovery BOUNCY_CASTLE = new BouncyCastleSignerRecovery();

  @BeforeContainer
  static void loadLibrary() throws Exception {
    nativeRecovery = new NativeSignerRecovery(fr.acinq.secp256k1.Secp256k1.get());
  }

  @Property(tries = 300)
  void recover_ofRealSignature_agreesWithBouncyCastle(
      @ForAll("keys") PrivateKey key, @ForAll("digests") Hash32 digest) {
    Signature signature = key.sign(digest);

    assertThat(nativeRecovery.recover(digest, signature)).contains(key.address());
  }

  @Property(tries = 300)
  void nativeSign_isByteForByteBouncyCastlesSignature(
      @ForAll("keys") PrivateKey key, @ForAll("digests") Hash32 digest) {
    NativeDigestSigner signer = new NativeDigestSigner(fr.acinq.secp256k1.Secp256k1.get());

    Signature signature = signer.sign(key, digest);

    assertThat(signature).isEqualTo(key.sign(digest));
    assertThat(nativeRecovery.recover(digest, signature)).contains(key.address());
  }

  @Property(tries = 500, edgeCases = EdgeCasesMode.NONE)
  void recover_ofAnySignature_agreesWithBouncyCastle(
      @ForAll("digests") Hash32 digest, @ForAll("anySignatures") Signature signature) {
    Optional<Address> expected = BOUNCY_CASTLE.recover(digest, signature);
    Statistics.collect(expected.isPresent() ? "recovered" : "rejected");

    assertThat(nativeRecovery.recover(digest, signature)).isEqualTo(expected);
  }

  @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
  void recoverSigners_givesTheSameResultOrRejection(
      @ForAll("transfers") PaymentTransaction tx, @ForAll("anySignatures") Signature signature) {
    List<Signature> signatures = tx.inputs().stream().map(input -> signature).toList();
    ValidationResult<List<Address>> expected =
        new SignatureChecker(DOMAIN, BOUNCY_CASTLE).recoverSigners(tx, signatures);
    Statistics.collect(
        expected instanceof ValidationResult.Invalid<List<Address>> invalid
            ? invalid.reason()
            : "valid");

    assertThat(new SignatureChecker(DOMAIN, nativeRecovery).recoverSigners(tx, signatures))
        .isEqualTo(expected);
  }

  @Provide
  static Arbitrary<PrivateKey> keys() {
    return TxArbitraries.keys();
  }

  @Provide
  static Arbitrary<Hash32> digests() {
    return Arbitraries.oneOf(
        TxArbitraries.hash32(),
        Arbitraries.of(Hash32.ZERO, Hash32.of(word(N.subtract(BigInteger.ONE)))));
  }

  @Provide
  static Arbitrary<PaymentTransaction> transfers() {
    return TxArbitraries.transfer();
  }

  /**
   * Well-shaped signatures (mostly not recoverable to any key one holds), and edge values of r, s
   * and v: zero, n-1, n, n/2, n/2+1, 2^256-1 and v around 27/28.
   */
  @Provide
  static Arbitrary<Signature> anySignatures() {
    Arbitrary<BigInteger> scalars =
        Arbitraries.frequencyOf(
            Tuple.of(
                6, Arbitraries.bigIntegers().between(BigInteger.ONE, N.subtract(BigInteger.ONE))),
            Tuple.of(1, edgeScalars()));
    Arbitrary<Integer> vs =
        Arbitraries.frequencyOf(
            Tuple.of(8, Arbitraries.of(27, 28)), Tuple.of(1, Arbitraries.of(0, 1, 26, 29, 255)));
    return Combinators.combine(scalars, scalars, vs).as(TxArbitraries::signature);
  }

  private static Arbitrary<BigInteger> edgeScalars() {
    BigInteger halfN = SignatureShape.HALF_N;
    return Arbitraries.of(
        BigInteger.ZERO,
        BigInteger.ONE,
        halfN,
        halfN.add(BigInteger.ONE),
        N.subtract(BigInteger.ONE),
        N,
        BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE));
  }

  private static byte[] word(BigInteger value) {
    byte[] word = new byte[32];
    byte[] raw = value.toByteArray();
    int length = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - length, word, 32 - length, length);
    return word;
  }
}
