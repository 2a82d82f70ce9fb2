package io.plasmanode.node.operator;

/**
 * What the operator did with an output piggybacked in an in-flight exit on L1 ({@code
 * InFlightExitOutputPiggybacked}): it locks the output as it locks a standard exit's, once the
 * exit's transaction is in a block.
 */
public enum PiggybackLock {
  /** A stored block holds the transaction; the output was unspent and is now locked. */
  LOCKED,

  /**
   * A stored block holds the transaction, but the output is not unspent here (spent, by a block or
   * the open block, or locked already): no change. A spend is what challenges the piggyback.
   */
  NOT_UNSPENT,

  /**
   * The transaction is in the open block or a closed block not yet stored: no transaction may spend
   * the output from now on, and the store creates it locked when it stores the block.
   */
  LOCKED_ON_INCLUSION,

  /**
   * No block holds the transaction: the output has no position. It is recorded, so the output is
   * created locked should a block ever hold the transaction (its inputs are locked by the exit).
   */
  NOT_INCLUDED
}
