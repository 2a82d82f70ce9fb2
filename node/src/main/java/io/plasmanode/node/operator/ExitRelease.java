package io.plasmanode.node.operator;

/**
 * What the operator did with an exit lock when the exit was challenged on L1 ({@code
 * ExitChallenged}, or {@code InFlightExitOutputBlocked} for a piggybacked output), or when an
 * in-flight exit that kept it ended ({@link EndedInFlightExits}). Only {@link #RELEASED} changes
 * anything.
 */
public enum ExitRelease {
  /**
   * The output was locked and the challenging spend is in no block: the output is unspent again and
   * its owner can spend it on the child chain (a challenged exit can never restart on L1).
   */
  RELEASED,

  /** The output is not locked here (spent, unspent, unknown or released already): no change. */
  NOT_LOCKED,

  /** L1 does not hold the exit as challenged (a reorganisation dropped the challenge): kept. */
  NOT_CHALLENGED_ON_L1,

  /**
   * Another exit on L1 may still pay the output, or paid it ({@link OutputClaims}): kept, so the
   * output is never both paid on L1 and spent here.
   */
  CLAIMED_ON_L1,

  /**
   * A stored block holds the challenging spend, yet the output is locked, not spent: a broken
   * invariant (no block may spend a locked output). The lock is kept.
   */
  SPENDER_INCLUDED
}
