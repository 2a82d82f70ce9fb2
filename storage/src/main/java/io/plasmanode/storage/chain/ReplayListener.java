package io.plasmanode.storage.chain;

import io.plasmanode.core.tx.PaymentTransaction;

/** Receives what a {@link BlockReplay} reads, in chain order. */
interface ReplayListener {
  /** Called before the first transaction of block {@code blknum} (also when it has none). */
  default void beforeBlock(long blknum) {}

  /** A stored transaction that decoded. */
  void transaction(TxLocation location, PaymentTransaction tx);
}
