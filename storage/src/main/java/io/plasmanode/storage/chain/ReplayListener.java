package io.plasmanode.storage.chain;

import io.plasmanode.core.tx.PaymentTransaction;

/** Receives what a {@link BlockReplay} reads, in chain order. */
interface ReplayListener {
  /** Called before the first transaction of block {@code blknum} (also when it has none). */
  default void beforeBlock(long blknum) {}

  /** A stored transaction that decoded. */
  void transaction(TxLocation location, PaymentTransaction tx);

  /** {@code first}, then {@code second}, for each call. */
  static ReplayListener both(ReplayListener first, ReplayListener second) {
    return new ReplayListener() {
      @Override
      public void beforeBlock(long blknum) {
        first.beforeBlock(blknum);
        second.beforeBlock(blknum);
      }

      @Override
      public void transaction(TxLocation location, PaymentTransaction tx) {
        first.transaction(location, tx);
        second.transaction(location, tx);
      }
    };
  }
}
