package io.plasmanode.node.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.crypto.BouncyCastleSignerRecovery;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.eip712.SignatureChecker;
import io.plasmanode.core.testing.Cases;
import io.plasmanode.core.testing.Gen;
import io.plasmanode.core.testing.TxGen;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.SignatureShape;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.ValidationResult;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Native libsecp256k1 and BouncyCastle must accept and reject exactly the same signatures, and sign
 * identically.
 */
class NativeSignerRecoveryPropertyTest {
  private static final Eip712Domain DOMAIN =
      new Eip712Domain(Address.fromHex("0x5fbdb2315678afecb367f032d93f642f64180aa3"), 31337);
  private static final BigInteger N = SignatureShape.SECP256K1_N;
  private static final BigInteger HALF_N = SignatureShape.HALF_N;
  private static final List<BigInteger> EDGE_SCALARS =
      List.of(
          BigInteger.ZERO,
          BigInteger.ONE,
          HALF_N,
          HALF_N.add(BigInteger.ONE),
          N.subtract(BigInteger.ONE),
          N,
          BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE));

  private static NativeSignerRecovery nativeRecovery;
  private static final BouncyCastleSignerRecovery BOUNCY_CASTLE = new BouncyCastleSignerRecovery();

  @BeforeAll
  static void loadLibrary() throws Exception {
    nativeRecovery = new NativeSignerRecovery(fr.acinq.secp256k1.Secp256k1.get());
  }

  @Test
  void recover_ofRealSignature_agreesWithBouncyCastle() {
    Cases.check(
        300,
        gen -> {
          PrivateKey key = TxGen.privateKey(gen);
          Hash32 digest = digest(gen);
          Signature signature = key.sign(digest);

          assertThat(nativeRecovery.recover(digest, signature)).contains(key.address());
        });
  }

  @Test
  void nativeSign_isByteForByteBouncyCastlesSignature() {
    NativeDigestSigner signer = new NativeDigestSigner(fr.acinq.secp256k1.Secp256k1.get());
    Cases.check(
        300,
        gen -> {
          PrivateKey key = TxGen.privateKey(gen);
          Hash32 digest = digest(gen);

          Signature signature = signer.sign(key, digest);

          assertThat(signature).isEqualTo(key.sign(digest));
          assertThat(nativeRecovery.recover(digest, signature)).contains(key.address());
        });
  }

  /** Both outcomes must come up, or the agreement would say little. */
  @Test
  void recover_ofAnySignature_agreesWithBouncyCastle() {
    Set<Boolean> recovered = new HashSet<>();
    int ran =
        Cases.check(
            500,
            gen -> {
              Hash32 digest = digest(gen);
              Signature signature = anySignature(gen);
              Optional<Address> expected = BOUNCY_CASTLE.recover(digest, signature);
              recovered.add(expected.isPresent());

              assertThat(nativeRecovery.recover(digest, signature)).isEqualTo(expected);
            });
    if (ran == 500) {
      assertThat(recovered).containsExactlyInAnyOrder(true, false);
    }
  }

  /** Valid results and rejections must both come up, or the agreement would say little. */
  @Test
  void recoverSigners_givesTheSameResultOrRejection() {
    Set<Boolean> valid = new HashSet<>();
    int ran =
        Cases.check(
            300,
            gen -> {
              PaymentTransaction tx = TxGen.transfer(gen);
              Signature signature = anySignature(gen);
              List<Signature> signatures = tx.inputs().stream().map(input -> signature).toList();
              ValidationResult<List<Address>> expected =
                  new SignatureChecker(DOMAIN, BOUNCY_CASTLE).recoverSigners(tx, signatures);
              valid.add(expected.isValid());

              assertThat(
                      new SignatureChecker(DOMAIN, nativeRecovery).recoverSigners(tx, signatures))
                  .isEqualTo(expected);
            });
    if (ran == 300) {
      assertThat(valid).containsExactlyInAnyOrder(true, false);
    }
  }

  /** Any digest half of the time, else the zero digest or n-1. */
  private static Hash32 digest(Gen gen) {
    return gen.bool()
        ? TxGen.hash32(gen)
        : gen.pick(Hash32.ZERO, Hash32.of(word(N.subtract(BigInteger.ONE))));
  }

  /**
   * Well-shaped signatures (mostly not recoverable to any key one holds), and edge values of r, s
   * and v: zero, n-1, n, n/2, n/2+1, 2^256-1 and v around 27/28.
   */
  private static Signature anySignature(Gen gen) {
    int v = gen.oneIn(9) ? gen.pick(0, 1, 26, 29, 255) : gen.pick(27, 28);
    return TxGen.signature(scalar(gen), scalar(gen), v);
  }

  /** 1..n-1 six times in seven, else an edge scalar. */
  private static BigInteger scalar(Gen gen) {
    return gen.oneIn(7)
        ? gen.pick(EDGE_SCALARS)
        : gen.bigBetween(BigInteger.ONE, N.subtract(BigInteger.ONE));
  }

  private static byte[] word(BigInteger value) {
    byte[] word = new byte[32];
    byte[] raw = value.toByteArray();
    int length = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - length, word, 32 - length, length);
    return word;
  }
}
