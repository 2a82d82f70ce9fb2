package io.plasmanode.node.cli;

import io.plasmanode.core.crypto.SignerRecovery;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.eip712.PaymentEip712;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.validation.ValidationResult;
import io.plasmanode.node.rpc.WatcherRpcResults.ChallengeResult;
import java.util.Optional;

/**
 * Whether a spend a watcher served for output {@code pos} is one the contract would accept as the
 * challenge of its exit: its transaction decodes, its input {@code inputIndex} is {@code pos}, and
 * that input's signature recovers, under this deployment's EIP-712 domain (contract and chain id),
 * to the output's owner. Anything else proves nothing: a byzantine operator can commit a "spend"
 * signed by someone else (or by the owner for another chain or contract) to scare an honest owner
 * away from exiting, and a watcher that counts only owner-signed spends never serves one, but an
 * old or faulty watcher might. Pure: the caller supplies the domain and the signer recovery.
 */
final class ServedSpendCheck {
  /** What the served spend is. */
  enum Verdict {
    /** Spends the output with its owner's signature: an exit of it would be challenged. */
    OWNER_SIGNED,
    /** Its transaction does not decode, or its input {@code inputIndex} is another output. */
    NOT_THIS_OUTPUT,
    /** Spends the output, but the signature is not the owner's for this contract and chain. */
    NOT_OWNER_SIGNED
  }

  private ServedSpendCheck() {}

  /** The checks that need no L1: the transaction decodes and its input is {@code pos}. */
  static boolean spendsOutput(ChallengeResult spend, UtxoPos pos) {
    return spentTx(spend, pos).isPresent();
  }

  /** Every check, with {@code owned} the output at {@code pos} and the deployment's domain. */
  static Verdict check(
      ChallengeResult spend,
      UtxoPos pos,
      Output owned,
      Eip712Domain domain,
      SignerRecovery recovery) {
    Optional<PaymentTransaction> tx = spentTx(spend, pos);
    if (tx.isEmpty()) {
      return Verdict.NOT_THIS_OUTPUT;
    }
    Optional<Address> signer =
        recovery.recover(PaymentEip712.signingHash(domain, tx.get()), spend.signature());
    return signer.filter(owned.owner()::equals).isPresent()
        ? Verdict.OWNER_SIGNED
        : Verdict.NOT_OWNER_SIGNED;
  }

  private static Optional<PaymentTransaction> spentTx(ChallengeResult spend, UtxoPos pos) {
    ValidationResult<PaymentTransaction> decoded = TxCodec.decode(spend.spendingTxBytes());
    if (!decoded.isValid()) {
      return Optional.empty();
    }
    PaymentTransaction tx = decoded.get();
    int input = spend.inputIndex();
    return input < tx.inputs().size() && tx.inputs().get(input).equals(pos)
        ? Optional.of(tx)
        : Optional.empty();
  }
}
