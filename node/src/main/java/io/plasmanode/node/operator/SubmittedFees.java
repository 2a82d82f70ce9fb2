package io.plasmanode.node.operator;

import io.plasmanode.core.fees.FeePayment;
import io.plasmanode.core.fees.FeeRules;
import io.plasmanode.core.fees.FeeTable;
import io.plasmanode.core.ledger.TransactionRules;
import io.plasmanode.core.ledger.UtxoView;
import io.plasmanode.core.ledger.VerifiedTransaction;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.validation.ValidationResult;
import java.util.List;
import java.util.Optional;

/**
 * The operator's fee policy on a submitted transaction ({@link FeeRules} against the accepted fee
 * tables): not a rule of the chain, so a watcher never checks it, and a journaled transaction is
 * not checked again when it is replayed.
 *
 * <p>A fee claim is refused here ({@code fee_claim_not_allowed}, whatever the fee table): the block
 * itself would take a claim of fees it collected, and only the operator appends claims, when it
 * closes the block. A transaction that breaks a ledger rule (an input spent or missing, a wrong
 * signer, outputs exceeding inputs) passes here, so the block's own check names that rule; so does
 * a deposit, which the ledger rules refuse.
 */
final class SubmittedFees {
  private SubmittedFees() {}

  /** The fee {@code vtx} pays (empty: free) or why it is refused, against {@code view}. */
  static ValidationResult<Optional<FeePayment>> check(
      UtxoView view, VerifiedTransaction vtx, List<FeeTable> accepted) {
    PaymentTransaction tx = vtx.signed().tx();
    if (tx.isFeeClaim()) {
      // The block would take a claim of fees it collected: only the operator appends claims.
      return TransactionRules.check(view, vtx).map(ignored -> Optional.empty());
    }
    if (tx.inputs().isEmpty() || accepted.equals(List.of(FeeTable.NONE))) {
      return ValidationResult.valid(Optional.empty());
    }
    ValidationResult<TransactionRules.Spending> spending =
        TransactionRules.checkSpending(view, vtx);
    if (!spending.isValid()) {
      return ValidationResult.valid(Optional.empty());
    }
    return FeeRules.check(tx, spending.get().spent(), accepted);
  }
}
