package io.plasmanode.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.testing.Cases;
import io.plasmanode.core.testing.TxGen;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignerRecoveryPropertyTest {
  private final SignerRecovery recovery = new BouncyCastleSignerRecovery();

  @Test
  void recover_ofSignature_isTheSigner() {
    Cases.check(
        200,
        gen -> {
          PrivateKey key = TxGen.privateKey(gen);
          Hash32 digest = TxGen.hash32(gen);
          Signature signature = key.sign(digest);

          assertThat(new BigInteger(1, signature.s())).isLessThanOrEqualTo(Secp256k1.HALF_N);
          assertThat(recovery.recover(digest, signature)).contains(key.address());
        });
  }

  @Test
  void recover_ofFlippedDigestBit_isNotTheSigner() {
    Cases.check(
        100,
        gen -> {
          PrivateKey key = TxGen.privateKey(gen);
          Hash32 digest = TxGen.hash32(gen);
          int bit = gen.intBetween(0, Hash32.SIZE * 8 - 1);
          byte[] flipped = digest.toArray();
          flipped[bit / 8] ^= (byte) (1 << (bit % 8));

          assertThat(recovery.recover(Hash32.of(flipped), key.sign(digest)))
              .isNotEqualTo(Optional.of(key.address()));
        });
  }
}
