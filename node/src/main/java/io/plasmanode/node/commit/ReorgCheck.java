package io.plasmanode.node.commit;

/** How {@link ReorgHandler}'s check of the submissions in flight against L1 ended. */
enum ReorgCheck {
  /** They agree with L1 (dropped ones are due for a re-send): the round goes on. */
  CONTINUE,
  /**
   * The nonces in flight do not follow from what L1 served, for less than the grace: the round
   * sends nothing and the next one reads L1 again.
   */
  LOOK_AGAIN,
  /** A nonce or a receipt no longer follows from L1: the committer halted. */
  HALTED
}
