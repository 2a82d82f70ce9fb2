package io.plasmanode.core.ledger;

import io.plasmanode.core.validation.Rejection;
import io.plasmanode.core.validation.ValidationResult;
import java.util.List;

/**
 * Applies a whole child block to a UTXO set, as a watcher re-validating the operator's block does:
 * transactions in order, each against the state left by the ones before it, the block's fee claims
 * last (see {@link PendingBlock}).
 */
public final class BlockApplier {
  private BlockApplier() {}

  /**
   * The delta of block {@code blknum}, or the rejection of its first invalid transaction (the
   * detail names the transaction's index).
   */
  public static ValidationResult<UtxoDelta> apply(
      UtxoView base, long blknum, List<VerifiedTransaction> transactions) {
    PendingBlock block = new PendingBlock(base, blknum);
    for (int i = 0; i < transactions.size(); i++) {
      if (block.isFull()) {
        return ValidationResult.invalid(
            Rejection.BLOCK_TOO_LARGE,
            "block %d has more than %d transactions".formatted(blknum, i));
      }
      ValidationResult<PendingBlock.Inclusion> included = block.add(transactions.get(i));
      if (included instanceof ValidationResult.Invalid<PendingBlock.Inclusion> rejected) {
        return ValidationResult.invalid(
            rejected.reason(), "tx %d of block %d: %s".formatted(i, blknum, rejected.detail()));
      }
    }
    return ValidationResult.valid(block.delta());
  }
}
