package io.plasmanode.storage.chain;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.ledger.UtxoStatus;
import java.util.Optional;

/**
 * A stored output's state: its status and, once a stored block spent it, the transaction that did
 * (the evidence a challenge of its exit needs), kept in the same entry so spending writes one
 * value.
 *
 * @param spender the spending transaction; only for a spent output, and absent when the block was
 *     stored without saying which transaction spent what
 */
record UtxoEntry(UtxoStatus status, Optional<TxLocation> spender) {
  UtxoEntry {
    requireNonNull(status, "status");
    requireNonNull(spender, "spender");
    checkArgument(!(status instanceof UtxoStatus.Unknown), "unknown is stored as no entry");
    checkArgument(
        spender.isEmpty() || status instanceof UtxoStatus.Spent,
        "only a spent output has a spender");
  }

  static UtxoEntry of(UtxoStatus status) {
    return new UtxoEntry(status, Optional.empty());
  }

  static UtxoEntry spentBy(TxLocation spender) {
    return new UtxoEntry(UtxoStatus.SPENT, Optional.of(spender));
  }
}
