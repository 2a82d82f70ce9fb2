package io.plasmanode.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.SignatureShape;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.core.validation.ValidationResult;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BouncyCastleSignerRecoveryTest {
  private static final Hash32 DIGEST =
      Keccak.keccak256("recover me".getBytes(StandardCharsets.US_ASCII));
  private final SignerRecovery recovery = new BouncyCastleSignerRecovery();

  @Test
  void recover_returnsSignerAddress() {
    for (PrivateKey key : TestKeys.ALL) {
      assertThat(recovery.recover(DIGEST, key.sign(DIGEST))).contains(key.address());
    }
  }

  @Test
  void recover_ofTamperedDigest_givesAnotherAddress() {
    Signature signature = TestKeys.ALICE.sign(DIGEST);
    byte[] tampered = DIGEST.toArray();
    tampered[31] ^= 1;
    assertThat(recovery.recover(Hash32.of(tampered), signature))
        .isPresent()
        .get()
        .isNotEqualTo(TestKeys.ALICE.address());
  }

  @Test
  void recover_rejectsHighSTwinOfValidSignature() {
    Signature low = TestKeys.ALICE.sign(DIGEST);
    BigInteger s = new BigInteger(1, low.s());
    Signature high = Signature.of(low.r(), Secp256k1.toWord(Secp256k1.N.subtract(s)), 55 - low.v());

    assertThat(recovery.recover(DIGEST, high)).isEmpty();
    assertThat(rejection(SignatureShape.check(high))).isEqualTo(Rejection.HIGH_S_SIGNATURE);
  }

  @Test
  void recover_rejectsBadV() {
    Signature valid = TestKeys.ALICE.sign(DIGEST);
    for (int v : new int[] {0, 1, 26, 29, 255}) {
      Signature signature = Signature.of(valid.r(), valid.s(), v);
      assertThat(recovery.recover(DIGEST, signature)).isEmpty();
      assertThat(rejection(SignatureShape.check(signature))).isEqualTo(Rejection.INVALID_SIGNATURE);
    }
  }

  @Test
  void recover_rejectsOutOfRangeScalars() {
    Signature valid = TestKeys.ALICE.sign(DIGEST);
    byte[] zero = new byte[32];
    byte[] order = Secp256k1.toWord(Secp256k1.N);
    for (Signature signature :
        new Signature[] {
          Signature.of(zero, valid.s(), valid.v()),
          Signature.of(valid.r(), zero, valid.v()),
          Signature.of(order, valid.s(), valid.v()),
          Signature.of(valid.r(), order, valid.v())
        }) {
      assertThat(recovery.recover(DIGEST, signature)).isEmpty();
      assertThat(rejection(SignatureShape.check(signature))).isEqualTo(Rejection.INVALID_SIGNATURE);
    }
  }

  @Test
  void recover_rejectsRThatIsNotOnTheCurve() {
    BigInteger x = BigInteger.ONE;
    while (isOnCurve(x)) {
      x = x.add(BigInteger.ONE);
    }
    Signature signature = Signature.of(Secp256k1.toWord(x), Secp256k1.toWord(BigInteger.TWO), 27);
    assertThat(SignatureShape.check(signature).isValid()).isTrue();
    assertThat(recovery.recover(DIGEST, signature)).isEmpty();
  }

  private static boolean isOnCurve(BigInteger x) {
    byte[] compressed = new byte[33];
    compressed[0] = 0x02;
    System.arraycopy(Secp256k1.toWord(x), 0, compressed, 1, 32);
    try {
      Secp256k1.DOMAIN.getCurve().decodePoint(compressed);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static Rejection rejection(ValidationResult<?> result) {
    assertThat(result.isValid()).as("expected a rejection").isFalse();
    return ((ValidationResult.Invalid<?>) result).reason();
  }
}
