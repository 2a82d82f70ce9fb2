package io.plasmanode.core.eip712;

import static io.plasmanode.core.testing.fuzz.RandomTransactions.word;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.crypto.BouncyCastleSignerRecovery;
import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.testing.Cases;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.testing.TxGen;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.SignatureShape;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.core.validation.ValidationResult;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.junit.jupiter.api.Test;

/**
 * A signature is bound to its chain, its Plasma contract and its salt (docs/spec.md), so it cannot
 * be replayed elsewhere; and its malleated twin {@code (r, n - s, v ^ 1)}, a valid ECDSA signature
 * of the same digest, is refused at every layer (EIP-2). Another chain id is covered by {@link
 * SignatureCheckerTest}.
 */
class SignatureReplayTest {
  private static final Eip712Domain DOMAIN = PaymentEip712Test.DOMAIN;
  private static final PrivateKey OWNER = TestKeys.ALICE;
  private static final PaymentTransaction TX =
      PaymentTransaction.transfer(
          List.of(PaymentEip712Test.TX.inputs().get(0)), PaymentEip712Test.TX.outputs());
  private static final String DOMAIN_TYPE_WITH_CHAIN_ID =
      "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)";

  private final SignatureChecker checker =
      new SignatureChecker(DOMAIN, new BouncyCastleSignerRecovery());

  @Test
  void handAssembledSeparator_withTheChainIdAsSalt_isTheDomainSeparator() {
    Hash32 salt = Hash32.of(word(BigInteger.valueOf(DOMAIN.chainId())));

    assertThat(separator(DOMAIN.verifyingContract(), salt)).isEqualTo(DOMAIN.separator());
    assertThat(signers(signedWith(separator(DOMAIN.verifyingContract(), salt))))
        .containsExactly(OWNER.address());
  }

  @Test
  void signatureForAnotherContract_doesNotRecoverTheOwner() {
    Address otherContract = Address.fromHex("0x5FbDB2315678afecb367f032d93F642f64180aa4");
    Eip712Domain otherDeployment = new Eip712Domain(otherContract, DOMAIN.chainId());

    assertThat(signers(signedWith(otherDeployment.separator())))
        .doesNotContain(OWNER.address())
        .hasSize(1);
  }

  @Test
  void signatureWithAnotherSalt_doesNotRecoverTheOwner() {
    Address contract = DOMAIN.verifyingContract();
    byte[] chainIdLeftAligned = new byte[Hash32.SIZE];
    chainIdLeftAligned[0] = (byte) (DOMAIN.chainId() >>> 8);
    chainIdLeftAligned[1] = (byte) DOMAIN.chainId();
    List<Hash32> otherSalts =
        List.of(
            Hash32.ZERO,
            Keccak.keccak256("OMG Network Plasma salt".getBytes(StandardCharsets.UTF_8)),
            Hash32.of(word(BigInteger.valueOf(DOMAIN.chainId() + 1))),
            Hash32.of(chainIdLeftAligned));

    for (Hash32 salt : otherSalts) {
      assertThat(signers(signedWith(separator(contract, salt))))
          .as("salt %s", salt)
          .doesNotContain(OWNER.address());
    }
  }

  @Test
  void signatureInAChainIdTypedDomain_doesNotRecoverTheOwner() {
    Hash32 walletDefault =
        new AbiWords(5)
            .bytes32(Eip712Domain.keccak(DOMAIN_TYPE_WITH_CHAIN_ID))
            .bytes32(Eip712Domain.keccak(Eip712Domain.NAME))
            .bytes32(Eip712Domain.keccak(Eip712Domain.VERSION))
            .uint256(DOMAIN.chainId())
            .address(DOMAIN.verifyingContract())
            .keccak256();

    assertThat(signers(signedWith(walletDefault))).doesNotContain(OWNER.address());
  }

  @Test
  void signatureFromAnyOtherDomain_neverRecoversItsSigner() {
    Cases.check(
        100,
        gen -> {
          PrivateKey key = TxGen.privateKey(gen);
          Eip712Domain other = DOMAIN;
          while (other.equals(DOMAIN)) {
            other = new Eip712Domain(TxGen.address(gen), gen.longBetween(1, Long.MAX_VALUE));
          }
          SignedTransaction signed = new TransactionSigner(other).sign(TX, List.of(key));

          ValidationResult<List<Address>> recovered = checker.recoverSigners(signed);

          assertThat(recovered.isValid()).isTrue();
          assertThat(recovered.get()).doesNotContain(key.address());
        });
  }

  @Test
  void malleatedTwin_isAValidEcdsaSignatureYetRefusedByEveryLayer() {
    SignedTransaction signed = new TransactionSigner(DOMAIN).sign(TX, List.of(OWNER));
    Signature low = signed.signatures().get(0);
    BigInteger twinS = SignatureShape.SECP256K1_N.subtract(new BigInteger(1, low.s()));
    Signature twin = Signature.of(low.r(), word(twinS), low.v() == 27 ? 28 : 27);
    Hash32 digest = PaymentEip712.signingHash(DOMAIN, TX);

    assertThat(verifiesAsPlainEcdsa(digest, twin, OWNER)).isTrue();
    assertThat(rejection(SignatureShape.check(twin))).isEqualTo(Rejection.HIGH_S_SIGNATURE);
    assertThat(new BouncyCastleSignerRecovery().recover(digest, twin)).isEmpty();
    assertThat(rejection(checker.recoverSigners(TX, List.of(twin))))
        .isEqualTo(Rejection.HIGH_S_SIGNATURE);
    byte[] malleated = TxCodec.encodeSigned(new SignedTransaction(TX, List.of(twin)));
    assertThat(rejection(TxCodec.decodeSigned(malleated))).isEqualTo(Rejection.HIGH_S_SIGNATURE);
    assertThat(checker.recoverSigners(signed).get()).containsExactly(OWNER.address());
  }

  /**
   * The signers recovered, in this test's domain, from a signature made under {@code separator}.
   */
  private List<Address> signers(Signature signature) {
    return checker.recoverSigners(TX, List.of(signature)).get();
  }

  private static Signature signedWith(Hash32 separator) {
    return OWNER.sign(PaymentEip712.signingHash(separator, TX));
  }

  /** The separator of this domain's type with {@code salt}, assembled by hand. */
  private static Hash32 separator(Address contract, Hash32 salt) {
    return new AbiWords(5)
        .bytes32(Eip712Domain.keccak(Eip712Domain.DOMAIN_TYPE))
        .bytes32(Eip712Domain.keccak(Eip712Domain.NAME))
        .bytes32(Eip712Domain.keccak(Eip712Domain.VERSION))
        .address(contract)
        .bytes32(salt)
        .keccak256();
  }

  private static boolean verifiesAsPlainEcdsa(Hash32 digest, Signature signature, PrivateKey key) {
    X9ECParameters curve = CustomNamedCurves.getByName("secp256k1");
    ECDomainParameters domain =
        new ECDomainParameters(curve.getCurve(), curve.getG(), curve.getN(), curve.getH());
    byte[] uncompressed = new byte[65];
    uncompressed[0] = 0x04;
    System.arraycopy(key.publicKey(), 0, uncompressed, 1, 64);
    ECDSASigner verifier = new ECDSASigner();
    verifier.init(
        false, new ECPublicKeyParameters(curve.getCurve().decodePoint(uncompressed), domain));
    return verifier.verifySignature(
        digest.toArray(), new BigInteger(1, signature.r()), new BigInteger(1, signature.s()));
  }

  private static Rejection rejection(ValidationResult<?> result) {
    assertThat(result.isValid()).as("expected a rejection").isFalse();
    return ((ValidationResult.Invalid<?>) result).reason();
  }
}
