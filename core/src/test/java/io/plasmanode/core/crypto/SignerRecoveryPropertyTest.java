package io.plasmanode.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.testing.TxArbitraries;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class SignerRecoveryPropertyTest {
  private final SignerRecovery recovery = new BouncyCastleSignerRecovery();

  @Property(tries = 200)
  void recover_ofSignature_isTheSigner(
      @ForAll("keys") PrivateKey key, @ForAll("digests") Hash32 digest) {
    Signature signature = key.sign(digest);

    assertThat(new BigInteger(1, signature.s())).isLessThanOrEqualTo(Secp256k1.HALF_N);
    assertThat(recovery.recover(digest, signature)).contains(key.address());
  }

  @Property(tries = 100)
  void recover_ofFlippedDigestBit_isNotTheSigner(
      @ForAll("keys") PrivateKey key, @ForAll("digests") Hash32 digest, @ForAll("bits") int bit) {
    byte[] flipped = digest.toArray();
    flipped[bit / 8] ^= (byte) (1 << (bit % 8));

    assertThat(recovery.recover(Hash32.of(flipped), key.sign(digest)))
        .isNotEqualTo(Optional.of(key.address()));
  }

  @Provide
  static Arbitrary<PrivateKey> keys() {
    return TxArbitraries.keys();
  }

  @Provide
  static Arbitrary<Hash32> digests() {
    return TxArbitraries.hash32();
  }

  @Provide
  static Arbitrary<Integer> bits() {
    return Arbitraries.integers().between(0, 255);
  }
}
