package io.plasmanode.core.eip712;

import static io.plasmanode.core.testing.fuzz.RandomTransactions.word;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.crypto.BouncyCastleSignerRecovery;
import io.plasmanode.core.crypto.Secp256k1;
import io.plasmanode.core.crypto.SignerRecovery;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.core.validation.ValidationResult;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SignatureCheckerTest {
  private static final Eip712Domain DOMAIN = PaymentEip712Test.DOMAIN;
  private final SignatureChecker checker =
      new SignatureChecker(DOMAIN, new BouncyCastleSignerRecovery());
  private final SignedTransaction signed =
      new TransactionSigner(DOMAIN)
          .sign(PaymentEip712Test.TX, List.of(TestKeys.ALICE, TestKeys.BOB));

  @Test
  void recoverSigners_givesEachInputsSignerInOrder() {
    assertThat(checker.recoverSigners(signed).get())
        .containsExactly(TestKeys.ALICE.address(), TestKeys.BOB.address());
  }

  @Test
  void recoverSigners_ofSignaturesFromAnotherDomain_givesOtherAddresses() {
    var otherChain = new Eip712Domain(DOMAIN.verifyingContract(), DOMAIN.chainId() + 1);
    SignedTransaction foreign =
        new TransactionSigner(otherChain).sign(signed.tx(), List.of(TestKeys.ALICE, TestKeys.BOB));

    List<Address> signers = checker.recoverSigners(foreign).get();
    assertThat(signers).doesNotContain(TestKeys.ALICE.address(), TestKeys.BOB.address());
  }

  @Test
  void recoverSigners_rejectsSignatureCountMismatch() {
    var result = checker.recoverSigners(signed.tx(), signed.signatures().subList(0, 1));
    assertThat(rejection(result)).isEqualTo(Rejection.SIGNATURE_COUNT_MISMATCH);
  }

  @Test
  void recoverSigners_rejectsHighS() {
    Signature low = signed.signatures().get(1);
    BigInteger s = Secp256k1.N.subtract(new BigInteger(1, low.s()));
    Signature high = Signature.of(low.r(), word(s), 55 - low.v());

    var result = checker.recoverSigners(signed.tx(), List.of(signed.signatures().get(0), high));
    assertThat(rejection(result)).isEqualTo(Rejection.HIGH_S_SIGNATURE);
  }

  @Test
  void recoverSigners_rejectsBadV() {
    Signature good = signed.signatures().get(0);
    Signature badV = Signature.of(good.r(), good.s(), 1);

    var result = checker.recoverSigners(signed.tx(), List.of(badV, signed.signatures().get(1)));
    assertThat(rejection(result)).isEqualTo(Rejection.INVALID_SIGNATURE);
  }

  @Test
  void recoverSigners_rejectsSignatureWithoutRecoverableKey() {
    AtomicInteger calls = new AtomicInteger();
    SignerRecovery findsNoKey =
        (digest, signature) -> {
          calls.incrementAndGet();
          return Optional.empty();
        };

    var result = new SignatureChecker(DOMAIN, findsNoKey).recoverSigners(signed);
    assertThat(rejection(result)).isEqualTo(Rejection.INVALID_SIGNATURE);
    assertThat(calls).hasValue(1);
  }

  @Test
  void sign_rejectsWrongNumberOfKeys() {
    assertThatThrownBy(
            () -> new TransactionSigner(DOMAIN).sign(PaymentEip712Test.TX, List.of(TestKeys.ALICE)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Rejection rejection(ValidationResult<?> result) {
    assertThat(result.isValid()).as("expected a rejection").isFalse();
    return ((ValidationResult.Invalid<?>) result).reason();
  }
}
