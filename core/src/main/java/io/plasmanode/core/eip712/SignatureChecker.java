package io.plasmanode.core.eip712;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.crypto.SignerRecovery;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.SignatureShape;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.core.validation.ValidationResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Recovers the signer of each input of a transaction in one EIP-712 domain. It does not decide
 * whether a signer may spend an input; the ledger compares signers with output owners.
 */
public final class SignatureChecker {
  private final Hash32 domainSeparator;
  private final SignerRecovery recovery;

  public SignatureChecker(Eip712Domain domain, SignerRecovery recovery) {
    this.domainSeparator = domain.separator();
    this.recovery = requireNonNull(recovery, "recovery");
  }

  /** The signer of each input, in input order, or the first signature's rejection. */
  public ValidationResult<List<Address>> recoverSigners(SignedTransaction signed) {
    return recoverSigners(signed.tx(), signed.signatures());
  }

  /**
   * As {@link #recoverSigners(SignedTransaction)}, for signatures not yet paired with their
   * transaction: rejects {@link Rejection#SIGNATURE_COUNT_MISMATCH}, {@link
   * Rejection#HIGH_S_SIGNATURE} and {@link Rejection#INVALID_SIGNATURE}.
   */
  public ValidationResult<List<Address>> recoverSigners(
      PaymentTransaction tx, List<Signature> signatures) {
    if (signatures.size() != tx.inputs().size()) {
      return ValidationResult.invalid(
          Rejection.SIGNATURE_COUNT_MISMATCH,
          tx.inputs().size() + " inputs but " + signatures.size() + " signatures");
    }
    if (signatures.isEmpty()) {
      return ValidationResult.valid(List.of()); // a deposit or fee claim: nothing signed, no hash
    }
    Hash32 digest = PaymentEip712.signingHash(domainSeparator, tx);
    List<Address> signers = new ArrayList<>(signatures.size());
    for (int i = 0; i < signatures.size(); i++) {
      ValidationResult<Address> signer = recoverOne(digest, signatures.get(i), i);
      if (!signer.isValid()) {
        return signer.map(List::of);
      }
      signers.add(signer.get());
    }
    return ValidationResult.valid(List.copyOf(signers));
  }

  private ValidationResult<Address> recoverOne(Hash32 digest, Signature signature, int index) {
    ValidationResult<Signature> encoding = SignatureShape.check(signature);
    if (encoding instanceof ValidationResult.Invalid<Signature> invalid) {
      return ValidationResult.invalid(
          invalid.reason(), "signature " + index + ": " + invalid.detail());
    }
    return recovery
        .recover(digest, signature)
        .map(ValidationResult::valid)
        .orElseGet(
            () ->
                ValidationResult.invalid(
                    Rejection.INVALID_SIGNATURE, "signature " + index + ": no signer recoverable"));
  }
}
