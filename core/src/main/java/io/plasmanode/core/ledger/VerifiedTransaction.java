package io.plasmanode.core.ledger;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.types.Address;
import java.util.List;

/**
 * A signed transaction with the signer recovered from each signature, in input order. Recovery is
 * the expensive, parallelisable step; the ledger rules below only compare addresses.
 */
public record VerifiedTransaction(SignedTransaction signed, List<Address> signers) {
  public VerifiedTransaction {
    requireNonNull(signed, "signed");
    signers = List.copyOf(signers);
    checkArgument(signers.size() == signed.tx().inputs().size(), "one recovered signer per input");
  }
}
