package io.plasmanode.core.fees;

import static com.google.common.base.Preconditions.checkArgument;
import static io.plasmanode.core.validation.ValidationResult.invalid;

import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.core.validation.ValidationResult;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The operator's fee policy for a transfer (elixir-omg's implicit fees): the fee is what the inputs
 * exceed the outputs by, it must be in exactly one token, and it must equal that token's fee in one
 * of the accepted tables. A merge (one owner, one token, fewer outputs than inputs) is free. This
 * is a policy the operator applies to submitted transactions; it is not a rule of block validity.
 */
public final class FeeRules {
  private FeeRules() {}

  /**
   * Whether {@code tx} only consolidates one owner's outputs of one token: every spent output and
   * every output has the same owner and the same token, and there are fewer outputs than inputs.
   *
   * @param spent the outputs the inputs spend, in input order
   */
  public static boolean isMerge(PaymentTransaction tx, List<Output> spent) {
    checkTransfer(tx, spent);
    if (tx.outputs().size() >= tx.inputs().size()) {
      return false;
    }
    Output first = spent.getFirst();
    return Stream.concat(spent.stream(), tx.outputs().stream())
        .allMatch(o -> o.owner().equals(first.owner()) && o.token().equals(first.token()));
  }

  /**
   * The fee {@code tx} pays, empty when it is free (a merge, or a fee table in {@code accepted}
   * does not charge its type), or the rejection: {@link Rejection#FEES_NOT_COVERED} (no surplus, a
   * surplus in a token no accepted table lists, or less than the fee), {@link
   * Rejection#OVERPAYING_FEES} (more than the fee in every accepted table), {@link
   * Rejection#MULTIPLE_POTENTIAL_CURRENCY_FEES} (a surplus in more than one token). A payment of
   * exactly the fee of any accepted table is valid.
   *
   * @param spent the outputs the inputs spend, in input order
   * @param accepted the current table first, then the tables still within their grace period
   * @throws IllegalArgumentException if {@code tx} is not a transfer, {@code spent} does not match
   *     its inputs or {@code accepted} is empty
   */
  public static ValidationResult<Optional<FeePayment>> check(
      PaymentTransaction tx, List<Output> spent, List<FeeTable> accepted) {
    checkTransfer(tx, spent);
    checkArgument(!accepted.isEmpty(), "at least the current fee table is accepted");
    if (accepted.stream().anyMatch(table -> !table.charges(tx.txType())) || isMerge(tx, spent)) {
      return ValidationResult.valid(Optional.empty());
    }
    Map<Address, BigInteger> surplus = surplus(tx, spent);
    if (surplus.size() > 1) {
      return invalid(
          Rejection.MULTIPLE_POTENTIAL_CURRENCY_FEES,
          "inputs exceed outputs in %d tokens %s; pay the fee in one token"
              .formatted(surplus.size(), surplus.keySet()));
    }
    if (surplus.isEmpty()) {
      return invalid(
          Rejection.FEES_NOT_COVERED,
          "inputs equal outputs, so no fee is paid; fees: %s"
              .formatted(feesOf(tx.txType(), accepted)));
    }
    Map.Entry<Address, BigInteger> paid = surplus.entrySet().iterator().next();
    return exact(tx.txType(), new FeePayment(paid.getKey(), paid.getValue()), accepted);
  }

  private static ValidationResult<Optional<FeePayment>> exact(
      int txType, FeePayment paid, List<FeeTable> accepted) {
    List<BigInteger> fees =
        accepted.stream()
            .flatMap(table -> table.fee(txType, paid.token()).stream())
            .map(FeeSpec::amount)
            .toList();
    if (fees.contains(paid.amount())) {
      return ValidationResult.valid(Optional.of(paid));
    }
    if (fees.isEmpty()) {
      return invalid(
          Rejection.FEES_NOT_COVERED,
          "the fee of %s is paid in %s, which is not accepted for fees; fees: %s"
              .formatted(paid.amount(), paid.token(), feesOf(txType, accepted)));
    }
    boolean over = fees.stream().allMatch(fee -> paid.amount().compareTo(fee) > 0);
    return invalid(
        over ? Rejection.OVERPAYING_FEES : Rejection.FEES_NOT_COVERED,
        "pays %s of %s as fee, but the fee is %s"
            .formatted(
                paid.amount(),
                paid.token(),
                fees.size() == 1 ? fees.getFirst() : "one of " + fees));
  }

  /** Per token, what the inputs exceed the outputs by, where they do (sorted by token). */
  private static Map<Address, BigInteger> surplus(PaymentTransaction tx, List<Output> spent) {
    Map<Address, BigInteger> balance = new TreeMap<>();
    spent.forEach(o -> balance.merge(o.token(), o.amount(), BigInteger::add));
    tx.outputs().forEach(o -> balance.merge(o.token(), o.amount().negate(), BigInteger::add));
    balance.values().removeIf(amount -> amount.signum() <= 0);
    return balance;
  }

  private static String feesOf(int txType, List<FeeTable> accepted) {
    Map<Address, List<BigInteger>> byToken = new TreeMap<>();
    accepted.forEach(
        table ->
            table
                .fees(txType)
                .forEach(
                    (token, spec) ->
                        byToken.computeIfAbsent(token, t -> new ArrayList<>()).add(spec.amount())));
    return byToken.toString();
  }

  private static void checkTransfer(PaymentTransaction tx, List<Output> spent) {
    checkArgument(
        !tx.isFeeClaim() && !tx.isDeposit(), "fee rules apply to transfers, not to %s", tx);
    checkArgument(
        spent.size() == tx.inputs().size(),
        "one spent output per input: %s inputs, %s outputs",
        tx.inputs().size(),
        spent.size());
  }
}
