package io.plasmanode.core.tx;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.List;

/** A payment transaction with one signature per input, in input order. */
public record SignedTransaction(PaymentTransaction tx, List<Signature> signatures) {
  public SignedTransaction {
    requireNonNull(tx, "tx");
    signatures = List.copyOf(signatures);
    checkArgument(
        signatures.size() == tx.inputs().size(),
        "one signature per input: %s inputs, %s signatures",
        tx.inputs().size(),
        signatures.size());
  }
}
