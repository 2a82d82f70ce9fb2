package io.plasmanode.node.commit;

/** Where a submission in flight stands after a round checked it. */
enum Finality {
  /**
   * Mined {@code commitConfirmations} deep, the contract holds its root, every earlier one final.
   */
  FINAL,
  /** Not final yet: unmined, awaiting confirmations, or behind one that is not final. */
  PENDING,
  /** The contract no longer holds its root (an L1 reorganisation): due for a re-send at once. */
  DROPPED,
  /** Another root holds its number, or its submission went wrong: the committer halted. */
  HALTED
}
