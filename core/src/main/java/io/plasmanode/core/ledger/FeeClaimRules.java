package io.plasmanode.core.ledger;

import static io.plasmanode.core.validation.ValidationResult.invalid;

import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.core.validation.ValidationResult;
import java.math.BigInteger;
import java.util.Map;
import java.util.Set;

/**
 * The block rules of a fee claim (txType 3), which every watcher checks: at most one claim per
 * token per block, its nonce is the one of (this block, token), and it claims at most the fees the
 * block's payment transactions collected in that token. That claims stand after every payment is
 * {@link PendingBlock}'s rule.
 */
final class FeeClaimRules {
  private FeeClaimRules() {}

  /**
   * Checks {@code claim} as a transaction of block {@code blknum} whose payments collected {@code
   * collected} and whose earlier claims claimed {@code claimed}.
   */
  static ValidationResult<Address> check(
      PaymentTransaction claim,
      long blknum,
      Map<Address, BigInteger> collected,
      Set<Address> claimed) {
    Output output = claim.outputs().getFirst();
    Address token = output.token();
    if (!claim.metadata().equals(PaymentTransaction.feeClaimNonce(blknum, token))) {
      return invalid(
          Rejection.INVALID_FEE_CLAIM_NONCE,
          "the fee claim of %s has nonce %s, not the one of block %d"
              .formatted(token, claim.metadata(), blknum));
    }
    if (claimed.contains(token)) {
      return invalid(
          Rejection.DUPLICATE_FEE_CLAIM,
          "block %d already claims its fees in %s".formatted(blknum, token));
    }
    BigInteger fees = collected.getOrDefault(token, BigInteger.ZERO);
    if (output.amount().compareTo(fees) > 0) {
      return invalid(
          Rejection.FEE_CLAIM_EXCEEDS_FEES,
          "the fee claim of %s is %s, but block %d collected %s"
              .formatted(token, output.amount(), blknum, fees));
    }
    return ValidationResult.valid(token);
  }
}
