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
import java.util.ArrayList;
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
    return checkSpending(view, vtx).map(Spending::fees);
  }

  /**
   * What a valid transfer spends and pays.
   *
   * @param spent the outputs its inputs spend, in input order
   * @param fees the fee paid per token: {@code sum(inputs) - sum(outputs)}, zero entries included
   */
  public record Spending(List<Output> spent, Map<Address, BigInteger> fees) {
    public Spending {
      spent = List.copyOf(spent);
      fees = Map.copyOf(fees);
    }
  }

  /**
   * Checks {@code vtx} against {@code view} as {@link #check}; on success returns the outputs it
   * spends with its fees, so a caller needs no second read of the inputs.
   */
  public static ValidationResult<Spending> checkSpending(UtxoView view, VerifiedTransaction vtx) {
    PaymentTransaction tx = vtx.signed().tx();
    if (tx.isDeposit()) {
      return invalid(Rejection.DEPOSIT_NOT_ALLOWED, "deposits are made on L1, not submitted");
    }
    if (tx.isFeeClaim()) {
      return submitted(vtx.signed()).map(ignored -> new Spending(List.of(), Map.of()));
    }
    Map<Address, BigInteger> balance = new HashMap<>();
    List<UtxoPos> inputs = tx.inputs();
    List<Output> spent = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      ValidationResult<Output> spendable = spendable(view, inputs.get(i), i);
      if (!spendable.isValid()) {
        return spendable.map(ignored -> new Spending(List.of(), Map.of()));
      }
      Output output = spendable.get();
      if (!output.owner().equals(vtx.signers().get(i))) {
        return invalid(
            Rejection.UNAUTHORIZED_SPEND,
            "input %d (%s) is owned by %s but signed by %s"
                .formatted(i, inputs.get(i), output.owner(), vtx.signers().get(i)));
      }
      spent.add(output);
      balance.merge(output.token(), output.amount(), BigInteger::add);
    }
    for (Output output : tx.outputs()) {
      balance.merge(output.token(), output.amount().negate(), BigInteger::add);
    }
    return fees(balance).map(fees -> new Spending(spent, fees));
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
