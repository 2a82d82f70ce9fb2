package io.plasmanode.core.ledger;

import static io.plasmanode.core.validation.ValidationResult.invalid;

import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.core.validation.ValidationResult;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stateful rules of a transfer against a UTXO set: every input unspent and not exiting, every
 * input signed by its owner, and per token {@code sum(inputs) >= sum(outputs)}; the difference is
 * the operator's fee. Deposits are not transactions users can submit: they come from L1; nor are
 * fee claims: the operator appends them to its blocks ({@link PendingBlock} checks them).
 */
public final class TransactionRules {
  private TransactionRules() {}

  /** Checks {@code vtx} against {@code view}; on success returns the fee paid per token. */
  public static ValidationResult<Map<Address, BigInteger>> check(
      UtxoView view, VerifiedTransaction vtx) {
    PaymentTransaction tx = vtx.signed().tx();
    if (tx.isDeposit()) {
      return invalid(Rejection.DEPOSIT_NOT_ALLOWED, "deposits are made on L1, not submitted");
    }
    if (tx.isFeeClaim()) {
      return submitted(vtx.signed()).map(ignored -> Map.of());
    }
    Map<Address, BigInteger> balance = new HashMap<>();
    List<UtxoPos> inputs = tx.inputs();
    for (int i = 0; i < inputs.size(); i++) {
      ValidationResult<Output> spendable = spendable(view, inputs.get(i), i);
      if (!spendable.isValid()) {
        return spendable.map(ignored -> Map.of());
      }
      Output output = spendable.get();
      if (!output.owner().equals(vtx.signers().get(i))) {
        return invalid(
            Rejection.UNAUTHORIZED_SPEND,
            "input %d (%s) is owned by %s but signed by %s"
                .formatted(i, inputs.get(i), output.owner(), vtx.signers().get(i)));
      }
      balance.merge(output.token(), output.amount(), BigInteger::add);
    }
    for (Output output : tx.outputs()) {
      balance.merge(output.token(), output.amount().negate(), BigInteger::add);
    }
    return fees(balance);
  }

  /**
   * The submit path's first rule, before signers are recovered: a fee claim is refused ({@link
   * Rejection#FEE_CLAIM_NOT_ALLOWED}). Only the operator adds claims, to its own blocks at close,
   * where {@link PendingBlock#add} checks them as claims; a submitted transaction must never reach
   * {@link PendingBlock#add} as a claim.
   */
  public static ValidationResult<SignedTransaction> submitted(SignedTransaction signed) {
    if (signed.tx().isFeeClaim()) {
      return invalid(
          Rejection.FEE_CLAIM_NOT_ALLOWED,
          "only the operator claims fees, at the end of its blocks; a fee-claim transaction cannot"
              + " be submitted");
    }
    return ValidationResult.valid(signed);
  }

  private static ValidationResult<Output> spendable(UtxoView view, UtxoPos pos, int index) {
    return switch (view.status(pos)) {
      case UtxoStatus.Unspent unspent -> ValidationResult.valid(unspent.output());
      case UtxoStatus.Spent spent ->
          invalid(Rejection.DOUBLE_SPEND, "input %d (%s) is already spent".formatted(index, pos));
      case UtxoStatus.Exiting exiting ->
          invalid(Rejection.UTXO_EXITING, "input %d (%s) is exiting on L1".formatted(index, pos));
      case UtxoStatus.Unknown unknown ->
          invalid(Rejection.UTXO_NOT_FOUND, "input %d (%s) does not exist".formatted(index, pos));
    };
  }

  private static ValidationResult<Map<Address, BigInteger>> fees(Map<Address, BigInteger> balance) {
    for (Map.Entry<Address, BigInteger> entry : balance.entrySet()) {
      if (entry.getValue().signum() < 0) {
        return invalid(
            Rejection.AMOUNTS_DO_NOT_ADD_UP,
            "outputs exceed inputs by %s of token %s"
                .formatted(entry.getValue().negate(), entry.getKey()));
      }
    }
    return ValidationResult.valid(Map.copyOf(balance));
  }
}
