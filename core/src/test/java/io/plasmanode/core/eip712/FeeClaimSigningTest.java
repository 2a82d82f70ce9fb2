package io.plasmanode.core.eip712;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.crypto.SignerRecovery;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.types.Address;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A fee claim is never signed: it has no signing hash, and its signer list is empty. */
class FeeClaimSigningTest {
  private static final Eip712Domain DOMAIN = PaymentEip712Test.DOMAIN;
  private static final PaymentTransaction CLAIM =
      PaymentTransaction.feeClaim(
          1000, Address.ZERO, TestKeys.ALICE.address(), BigInteger.valueOf(7));

  @Test
  void sign_refusesAFeeClaimWithAClearError() {
    TransactionSigner signer = new TransactionSigner(DOMAIN);
    assertThatThrownBy(() -> signer.sign(CLAIM, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a fee-claim transaction is never signed");
    assertThatThrownBy(() -> signer.sign(CLAIM, List.of(TestKeys.ALICE)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("never signed");
  }

  @Test
  void signingHash_refusesAFeeClaim() {
    assertThatThrownBy(() -> PaymentEip712.signingHash(DOMAIN, CLAIM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("never signed");
  }

  @Test
  void recoverSigners_ofAFeeClaimIsEmptyWithoutRecovering() {
    SignerRecovery failsIfCalled =
        (digest, signature) -> {
          throw new AssertionError("nothing to recover");
        };
    SignatureChecker checker = new SignatureChecker(DOMAIN, failsIfCalled);
    assertThat(checker.recoverSigners(new SignedTransaction(CLAIM, List.of())).get()).isEmpty();
  }

  @Test
  void recoverSigners_ofADepositIsEmpty() {
    PaymentTransaction deposit = PaymentTransaction.deposit(CLAIM.outputs().getFirst());
    SignatureChecker checker =
        new SignatureChecker(DOMAIN, (digest, signature) -> Optional.empty());
    assertThat(checker.recoverSigners(new SignedTransaction(deposit, List.of())).get()).isEmpty();
  }
}
