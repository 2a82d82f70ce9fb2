package io.plasmanode.node.cli;

import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.node.rpc.RpcResults.UtxoResult;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Builds a payment: picks the sender's outputs of one token to spend (the fewest that cover the
 * amount, at most {@link PaymentTransaction#MAX_INPUTS}) and pays the change back to the sender;
 * {@link #requireListedInputs} checks a transaction's inputs against the chain's listing before it
 * is signed.
 */
public final class TransferPlanner {
  private TransferPlanner() {}

  /**
   * The unsigned transfer of {@code amount} of {@code token} from {@code sender} to {@code
   * recipient}: output 0 pays the recipient, output 1 (when nonzero) returns the change.
   *
   * @throws CliException when the balance is insufficient or split over too many outputs
   */
  public static PaymentTransaction plan(
      Address sender, Address recipient, Address token, BigInteger amount, List<UtxoResult> utxos) {
    List<UtxoResult> inputs = selectInputs(sender, token, amount, utxos);
    BigInteger total = sum(inputs);
    List<Output> outputs = new ArrayList<>();
    outputs.add(new Output(recipient, token, amount));
    if (total.compareTo(amount) > 0) {
      outputs.add(new Output(sender, token, total.subtract(amount)));
    }
    return PaymentTransaction.transfer(inputs.stream().map(UtxoResult::utxoPos).toList(), outputs);
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
    List<UtxoResult> spendable =
        utxos.stream()
            .filter(u -> u.owner().equals(sender) && u.token().equals(token) && !u.exiting())
            .sorted(
                Comparator.comparing(UtxoResult::amount)
                    .reversed()
                    .thenComparing(UtxoResult::utxoPos))
            .toList();
    BigInteger balance = sum(spendable);
    if (balance.compareTo(amount) < 0) {
      throw new CliException(
          "insufficient balance: %s has %s spendable, the transfer needs %s"
              .formatted(sender, Amounts.format(token, balance), Amounts.format(token, amount)));
    }
    List<UtxoResult> selected = new ArrayList<>();
    BigInteger total = BigInteger.ZERO;
    for (UtxoResult utxo : spendable) {
      if (total.compareTo(amount) >= 0) {
        break;
      }
      selected.add(utxo);
      total = total.add(utxo.amount());
    }
    if (selected.size() > PaymentTransaction.MAX_INPUTS) {
      BigInteger largest = sum(selected.subList(0, PaymentTransaction.MAX_INPUTS));
      throw new CliException(
          ("the balance is split over too many outputs: paying %s takes %d of them, a transaction"
                  + " spends at most %d; merge outputs first, e.g. transfer %s to yourself"
                  + " (%s) joins your %d largest into one")
              .formatted(
                  Amounts.format(token, amount),
                  selected.size(),
                  PaymentTransaction.MAX_INPUTS,
                  Amounts.format(token, largest),
                  sender,
                  PaymentTransaction.MAX_INPUTS));
    }
    return List.copyOf(selected);
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
