package io.plasmanode.node.cli;

import io.plasmanode.core.fees.FeePayment;
import io.plasmanode.core.fees.FeeRules;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.node.rpc.RpcResults.UtxoResult;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds a payment: picks the sender's outputs to spend (the fewest that cover the amount and the
 * fee, at most {@link PaymentTransaction#MAX_INPUTS} in all) and pays the change back to the
 * sender; {@link #requireListedInputs} checks a transaction's inputs against the chain's listing
 * before it is signed.
 */
public final class TransferPlanner {
  private TransferPlanner() {}

  /** As {@link #plan(Address, Address, Address, BigInteger, Optional, List)}, paying no fee. */
  public static PaymentTransaction plan(
      Address sender, Address recipient, Address token, BigInteger amount, List<UtxoResult> utxos) {
    return plan(sender, recipient, token, amount, Optional.empty(), utxos);
  }

  /**
   * The unsigned transfer of {@code amount} of {@code token} from {@code sender} to {@code
   * recipient}, leaving {@code fee} (when present) to the operator: output 0 pays the recipient,
   * then the change in {@code token} and the change in the fee's token (each when nonzero). A
   * transfer to oneself that joins outputs into fewer is a merge, which is free (FeeRules): it pays
   * no fee.
   *
   * @throws CliException when the balance is insufficient or split over too many outputs
   */
  public static PaymentTransaction plan(
      Address sender,
      Address recipient,
      Address token,
      BigInteger amount,
      Optional<FeePayment> fee,
      List<UtxoResult> utxos) {
    if (amount.signum() <= 0) {
      throw new CliException("the amount must be more than zero");
    }
    Optional<FeePayment> paid = fee.filter(payment -> payment.amount().signum() > 0);
    if (paid.isPresent() && recipient.equals(sender)) {
      PaymentTransaction merge = build(sender, recipient, token, amount, Optional.empty(), utxos);
      if (FeeRules.isMerge(merge, spentBy(merge, utxos))) {
        return merge;
      }
    }
    return build(sender, recipient, token, amount, paid, utxos);
  }

  private static PaymentTransaction build(
      Address sender,
      Address recipient,
      Address token,
      BigInteger amount,
      Optional<FeePayment> fee,
      List<UtxoResult> utxos) {
    BigInteger sameTokenFee =
        fee.filter(payment -> payment.token().equals(token))
            .map(FeePayment::amount)
            .orElse(BigInteger.ZERO);
    Optional<FeePayment> otherTokenFee = fee.filter(payment -> !payment.token().equals(token));
    List<UtxoResult> inputs = new ArrayList<>(select(sender, token, amount, sameTokenFee, utxos));
    otherTokenFee.ifPresent(
        payment ->
            inputs.addAll(
                select(sender, payment.token(), BigInteger.ZERO, payment.amount(), utxos)));
    if (inputs.size() > PaymentTransaction.MAX_INPUTS) {
      throw tooManyInputs(
          "paying %s and the fee of %s"
              .formatted(
                  Amounts.format(token, amount),
                  Amounts.format(otherTokenFee.get().token(), otherTokenFee.get().amount())),
          inputs.size(),
          token);
    }
    List<Output> outputs = new ArrayList<>();
    outputs.add(new Output(recipient, token, amount));
    addChange(outputs, sender, token, inputs, amount.add(sameTokenFee));
    otherTokenFee.ifPresent(
        payment -> addChange(outputs, sender, payment.token(), inputs, payment.amount()));
    return PaymentTransaction.transfer(inputs.stream().map(UtxoResult::utxoPos).toList(), outputs);
  }

  /** Adds the change in {@code token} (what {@code inputs} hold beyond {@code used}), if any. */
  private static void addChange(
      List<Output> outputs,
      Address sender,
      Address token,
      List<UtxoResult> inputs,
      BigInteger used) {
    BigInteger change =
        sum(inputs.stream().filter(input -> input.token().equals(token)).toList()).subtract(used);
    if (change.signum() > 0) {
      outputs.add(new Output(sender, token, change));
    }
  }

  /**
   * The fewest spendable outputs of {@code token} owned by {@code sender} whose sum is at least
   * {@code amount}: largest first (ties by position), which minimises their number.
   *
   * @throws CliException when the balance is insufficient or split over too many outputs
   */
  public static List<UtxoResult> selectInputs(
      Address sender, Address token, BigInteger amount, List<UtxoResult> utxos) {
    if (amount.signum() <= 0) {
      throw new CliException("the amount must be more than zero");
    }
    return select(sender, token, amount, BigInteger.ZERO, utxos);
  }

  /**
   * The fewest outputs of {@code token} covering {@code amount} plus {@code fee} (zero when the fee
   * is not paid in {@code token}); the amounts word the error.
   */
  private static List<UtxoResult> select(
      Address sender, Address token, BigInteger amount, BigInteger fee, List<UtxoResult> utxos) {
    BigInteger needed = amount.add(fee);
    List<UtxoResult> spendable = spendable(sender, token, utxos);
    BigInteger balance = sum(spendable);
    if (balance.compareTo(needed) < 0) {
      throw new CliException(
          "insufficient balance: %s has %s spendable, the transfer needs %s"
              .formatted(
                  sender, Amounts.format(token, balance), needs(token, amount, fee, needed)));
    }
    List<UtxoResult> selected = new ArrayList<>();
    BigInteger total = BigInteger.ZERO;
    for (UtxoResult utxo : spendable) {
      if (total.compareTo(needed) >= 0) {
        break;
      }
      selected.add(utxo);
      total = total.add(utxo.amount());
    }
    if (selected.size() > PaymentTransaction.MAX_INPUTS) {
      throw tooManyInputs("paying " + Amounts.format(token, needed), selected.size(), token);
    }
    return List.copyOf(selected);
  }

  /** {@code 1 ETH}, {@code 1.000001 ETH (1 ETH plus a fee of 0.000001 ETH)}, or the fee alone. */
  private static String needs(Address token, BigInteger amount, BigInteger fee, BigInteger needed) {
    if (fee.signum() == 0) {
      return Amounts.format(token, needed);
    }
    String feeText = "a fee of " + Amounts.format(token, fee);
    return amount.signum() == 0
        ? feeText
        : "%s (%s plus %s)"
            .formatted(Amounts.format(token, needed), Amounts.format(token, amount), feeText);
  }

  static List<UtxoResult> spendable(Address sender, Address token, List<UtxoResult> utxos) {
    return utxos.stream()
        .filter(u -> u.owner().equals(sender) && u.token().equals(token) && !u.exiting())
        .sorted(
            Comparator.comparing(UtxoResult::amount).reversed().thenComparing(UtxoResult::utxoPos))
        .toList();
  }

  private static CliException tooManyInputs(String paying, int inputs, Address token) {
    return new CliException(
        ("the balance is split over too many outputs: %s takes %d of them, a transaction"
                + " spends at most %d; merge outputs first: plasma merge%s joins up to %d of them"
                + " into one per transaction, for free")
            .formatted(
                paying,
                inputs,
                PaymentTransaction.MAX_INPUTS,
                token.isZero() ? "" : " --token " + token,
                PaymentTransaction.MAX_INPUTS));
  }

  /**
   * The fee {@code tx} leaves to the operator, from the outputs it spends ({@code listed} holds
   * them): the token whose inputs exceed its outputs, by how much; empty when none does.
   */
  public static Optional<FeePayment> feePaid(PaymentTransaction tx, List<UtxoResult> listed) {
    Map<Address, BigInteger> surplus = new TreeMap<>();
    for (Output spent : spentBy(tx, listed)) {
      surplus.merge(spent.token(), spent.amount(), BigInteger::add);
    }
    for (Output output : tx.outputs()) {
      surplus.merge(output.token(), output.amount().negate(), BigInteger::add);
    }
    return surplus.entrySet().stream()
        .filter(entry -> entry.getValue().signum() > 0)
        .map(entry -> new FeePayment(entry.getKey(), entry.getValue()))
        .findFirst();
  }

  /** The outputs {@code tx}'s inputs spend, in input order, as {@code listed} gives them. */
  private static List<Output> spentBy(PaymentTransaction tx, List<UtxoResult> listed) {
    return tx.inputs().stream()
        .map(
            input ->
                listed.stream()
                    .filter(utxo -> utxo.utxoPos().equals(input))
                    .findFirst()
                    .map(utxo -> new Output(utxo.owner(), utxo.token(), utxo.amount()))
                    .orElseThrow(
                        () -> new IllegalStateException("input " + input + " is not listed")))
        .toList();
  }

  /**
   * Checks, just before signing, that every input of {@code tx} is an output of {@code signer} that
   * the chain lists as spendable at this moment ({@code plasma_getUtxos}): nothing else is signed.
   * A signed spend that never gets included still cancels the signer's exit of that output on L1
   * (anyone holding it can challenge), so the CLI signs only spends of outputs found in the chain.
   *
   * @throws CliException naming the first input that is not one of {@code listed}'s spendable
   *     outputs of {@code signer}
   */
  public static void requireListedInputs(
      PaymentTransaction tx, Address signer, List<UtxoResult> listed) {
    for (UtxoPos input : tx.inputs()) {
      Optional<UtxoResult> found =
          listed.stream().filter(utxo -> utxo.utxoPos().equals(input)).findFirst();
      Optional<String> problem =
          found.isEmpty()
              ? Optional.of("the operator does not list it")
              : unspendableBy(found.get(), signer);
      if (problem.isPresent()) {
        throw new CliException(
            ("refusing to sign: input %s is not an unspent output of %s in the chain (%s);"
                    + " plasma signs only spends of outputs it found in the chain, since a signed"
                    + " spend that is never included can cancel the exit of that output. Check"
                    + " plasma utxos and try again")
                .formatted(input, signer, problem.get()));
      }
    }
  }

  private static Optional<String> unspendableBy(UtxoResult utxo, Address signer) {
    if (!utxo.owner().equals(signer)) {
      return Optional.of("it belongs to " + utxo.owner());
    }
    return utxo.exiting() ? Optional.of("its exit started on L1") : Optional.empty();
  }

  private static BigInteger sum(List<UtxoResult> utxos) {
    return utxos.stream().map(UtxoResult::amount).reduce(BigInteger.ZERO, BigInteger::add);
  }
}
