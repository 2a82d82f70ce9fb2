package io.plasmanode.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.junit.jupiter.api.Test;

class PrivateKeyTest {

  @Test
  void address_ofKnownKeys_matchesEthereumTooling() {
    assertThat(TestKeys.ALICE.address())
        .isEqualTo(Address.fromHex("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"));
    assertThat(TestKeys.BOB.address())
        .isEqualTo(Address.fromHex("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23"));
    assertThat(TestKeys.CAROL.address())
        .isEqualTo(Address.fromHex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"));
    assertThat(TestKeys.DAVE.address())
        .isEqualTo(Address.fromHex("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"));
  }

  @Test
  void sign_personalMessage_matchesWeb3jsDocumentedSignature() {
    byte[] message =
        "\u0019Ethereum Signed Message:\n9Some data".getBytes(StandardCharsets.US_ASCII);
    Hash32 digest = Keccak.keccak256(message);
    assertThat(digest)
        .isEqualTo(
            Hash32.fromHex("1da44b586eb0729ff70a73c326926f6ed5a25f5b056e7f47fbc6e58d86871655"));
    assertThat(TestKeys.BOB.sign(digest))
        .isEqualTo(
            Signature.fromHex(
                "0xb91467e570a6466aa9e9876cbcd013baba02900b8979d43fe208a4a4f339f5fd"
                    + "6007e74cd82e037b800186422fc2da167c747ef045e5d18a5f5d4300f8e1a0291c"));
  }

  @Test
  void sign_isDeterministicLowSAndVerifiesWithPlainEcdsa() {
    Hash32 digest = Keccak.keccak256("payload".getBytes(StandardCharsets.US_ASCII));
    Signature signature = TestKeys.ALICE.sign(digest);

    assertThat(TestKeys.ALICE.sign(digest)).isEqualTo(signature);
    assertThat(new BigInteger(1, signature.s())).isLessThanOrEqualTo(Secp256k1.HALF_N);
    assertThat(signature.v()).isIn(27, 28);
    ECDSASigner verifier = new ECDSASigner();
    byte[] publicKey = new byte[65];
    publicKey[0] = 0x04;
    System.arraycopy(TestKeys.ALICE.publicKey(), 0, publicKey, 1, 64);
    verifier.init(
        false,
        new ECPublicKeyParameters(
            Secp256k1.DOMAIN.getCurve().decodePoint(publicKey), Secp256k1.DOMAIN));
    assertThat(
            verifier.verifySignature(
                digest.toArray(),
                new BigInteger(1, signature.r()),
                new BigInteger(1, signature.s())))
        .isTrue();
  }

  @Test
  void publicKey_hashesToAddress() {
    byte[] hash = Keccak.keccak256(TestKeys.BOB.publicKey()).toArray();
    assertThat(TestKeys.BOB.publicKey()).hasSize(64);
    assertThat(TestKeys.BOB.address()).isEqualTo(Address.of(hash, 12));
  }

  @Test
  void toString_neverShowsTheKey() {
    assertThat(TestKeys.ALICE.toString()).isEqualTo("PrivateKey[redacted]");
  }

  @Test
  void of_rejectsZeroOrderAndWrongLength() {
    assertThatThrownBy(() -> PrivateKey.of(new byte[32]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PrivateKey.of(Secp256k1.toWord(Secp256k1.N)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PrivateKey.of(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(PrivateKey.of(Secp256k1.toWord(Secp256k1.N.subtract(BigInteger.ONE))).address())
        .isNotNull();
  }

  @Test
  void fromHex_andToArray_roundTrip() {
    PrivateKey copy = PrivateKey.of(TestKeys.BOB.toArray());
    assertThat(copy).isEqualTo(TestKeys.BOB).hasSameHashCodeAs(TestKeys.BOB);
    assertThat(copy).isNotEqualTo(TestKeys.ALICE);
  }

  @Test
  void random_drawsDistinctValidKeys() {
    SecureRandom random = new SecureRandom();
    assertThat(PrivateKey.random(random)).isNotEqualTo(PrivateKey.random(random));
  }
}
