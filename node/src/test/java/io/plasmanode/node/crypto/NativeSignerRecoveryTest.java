package io.plasmanode.node.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.crypto.BouncyCastleSignerRecovery;
import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.crypto.SignerRecovery;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.testing.TxGen;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.SignatureShape;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NativeSignerRecoveryTest {
  private static final Hash32 DIGEST =
      Keccak.keccak256("recover me".getBytes(StandardCharsets.US_ASCII));
  private static SignerRecovery recovery;

  @BeforeAll
  static void loadLibrary() throws Exception {
    recovery = new NativeSignerRecovery(fr.acinq.secp256k1.Secp256k1.get());
  }

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
    tampered[0] ^= 1;

    assertThat(recovery.recover(Hash32.of(tampered), signature))
        .isPresent()
        .isEqualTo(new BouncyCastleSignerRecovery().recover(Hash32.of(tampered), signature))
        .get()
        .isNotEqualTo(TestKeys.ALICE.address());
  }

  @Test
  void recover_rejectsHighSTwin_whichLibsecp256k1WouldAccept() {
    Signature low = TestKeys.ALICE.sign(DIGEST);
    BigInteger highS = SignatureShape.SECP256K1_N.subtract(new BigInteger(1, low.s()));
    Signature high = TxGen.signature(new BigInteger(1, low.r()), highS, 55 - low.v());

    assertThat(recovery.recover(DIGEST, high)).isEmpty();
  }

  @Test
  void recover_rejectsBadV() {
    Signature valid = TestKeys.ALICE.sign(DIGEST);
    for (int v : new int[] {0, 1, 2, 3, 26, 29, 255}) {
      assertThat(recovery.recover(DIGEST, Signature.of(valid.r(), valid.s(), v))).isEmpty();
    }
  }

  @Test
  void recover_rejectsRThatIsNotOnTheCurve() {
    BigInteger x = BigInteger.ONE;
    while (new BouncyCastleSignerRecovery()
        .recover(DIGEST, TxGen.signature(x, BigInteger.TWO, 27))
        .isPresent()) {
      x = x.add(BigInteger.ONE);
    }
    Signature notOnCurve = TxGen.signature(x, BigInteger.TWO, 27);

    assertThat(SignatureShape.check(notOnCurve).isValid()).isTrue();
    assertThat(recovery.recover(DIGEST, notOnCurve)).isEmpty();
  }
}
