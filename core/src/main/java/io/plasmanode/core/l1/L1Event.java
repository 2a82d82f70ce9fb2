package io.plasmanode.core.l1;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.time.Instant;

/** The contract's events that the child chain acts on, with where they happened on L1. */
public sealed interface L1Event {
  /** The L1 block and transaction that emitted the event. */
  L1Origin origin();

  /** Where an event happened: L1 block number, L1 transaction hash and the log's index. */
  record L1Origin(long l1Block, Hash32 l1TxHash, long logIndex) {
    public L1Origin {
      requireNonNull(l1TxHash, "l1TxHash");
    }
  }

  /** A deposit created deposit block {@code blknum}, whose one output is owner/token/amount. */
  record Deposit(L1Origin origin, long blknum, Address owner, Address token, BigInteger amount)
      implements L1Event {}

  /** Someone started a standard exit of the output at {@code utxoPos}. */
  record ExitStarted(
      L1Origin origin,
      UtxoPos utxoPos,
      Address owner,
      Address token,
      BigInteger amount,
      Instant exitableAt)
      implements L1Event {}

  /** An exit was cancelled by a transaction spending its output. */
  record ExitChallenged(L1Origin origin, UtxoPos utxoPos, Address challenger, Hash32 spendingTxHash)
      implements L1Event {}

  /** A matured exit was processed; {@code paid} is false when the payout was credited instead. */
  record ExitFinalized(
      L1Origin origin,
      UtxoPos utxoPos,
      Address owner,
      Address token,
      BigInteger amount,
      boolean paid)
      implements L1Event {}

  /** The operator committed child block {@code blknum}. */
  record BlockSubmitted(L1Origin origin, long blknum, Hash32 root) implements L1Event {}
}
