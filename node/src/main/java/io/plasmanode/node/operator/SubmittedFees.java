package io.plasmanode.node.operator;

import io.plasmanode.core.fees.FeeRules;
import io.plasmanode.core.fees.FeeTable;
import io.plasmanode.core.ledger.PendingBlock;
import io.plasmanode.core.ledger.TransactionRules;
import io.plasmanode.core.ledger.VerifiedTransaction;
import io.plasmanode.core.validation.ValidationResult;
import java.util.List;
import java.util.Optional;

/**
 * The operator's fee policy on a submitted transaction ({@link FeeRules} against the accepted fee
 * tables): not a rule of the chain, so a watcher never checks it, and a journaled transaction is
 * not checked again when it is replayed. The block checks it after the chain's rules ({@link
 * PendingBlock#add(VerifiedTransaction, PendingBlock.PaymentPolicy)}), reading the inputs once for
 * both: a transaction that breaks a ledger rule (an input spent or missing, a wrong signer, outputs
 * exceeding inputs) is refused for that rule, and so is a deposit.
 *
 * <p>A fee claim is refused before ({@code fee_claim_not_allowed}, whatever the fee table): the
 * block itself would take a claim of fees it collected, and only the operator appends claims, when
 * it closes the block.
 */
final class SubmittedFees {
  private SubmittedFees() {}

  /**
   * Refuses a submitted fee claim ({@code fee_claim_not_allowed}, whatever the fee table): checked
   * before the block sees it, since the block itself takes claims.
   */
  static ValidationResult<?> refuseClaim(VerifiedTransaction vtx) {
    return TransactionRules.submitted(vtx.signed());
  }

  /**
   * The fee policy of a payment: free with no inputs (a deposit, which the ledger refuses) or
   * without a fee table; else the fee it pays against {@code accepted} ({@link FeeRules}).
   */
  static PendingBlock.PaymentPolicy policy(List<FeeTable> accepted) {
    if (accepted.equals(List.of(FeeTable.NONE))) {
      return PendingBlock.PaymentPolicy.NONE;
    }
    return (tx, spent) ->
        tx.inputs().isEmpty()
            ? ValidationResult.valid(Optional.empty())
            : FeeRules.check(tx, spent, accepted);
  }
}
