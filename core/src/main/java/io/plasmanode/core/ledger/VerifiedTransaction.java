package io.plasmanode.core.ledger;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.types.Address;
import java.util.List;

/**
 * A signed transaction with the signer recovered from each signature, in input order. Recovery is
 * the expensive, parallelisable step; the ledger rules below only compare addresses. A fee claim
 * has no inputs, so no signatures and no signers.
 */
public record VerifiedTransaction(SignedTransaction signed, List<Address> signers) {
  public VerifiedTransaction {
    requireNonNull(signed, "signed");
    signers = List.copyOf(signers);
    checkArgument(signers.size() == signed.tx().inputs().size(), "one recovered signer per input");
  }

  /** A fee claim as a block transaction: never signed, so no signers. */
  public static VerifiedTransaction feeClaim(PaymentTransaction claim) {
    checkArgument(claim.isFeeClaim(), "not a fee claim: %s", claim);
    return new VerifiedTransaction(new SignedTransaction(claim, List.of()), List.of());
  }
}
