package io.plasmanode.node.commit;

/** What {@link SubmissionTracker} found for an unmined submission. */
enum Tracking {
  /** One of its transactions is mined and committed its block and root. */
  MINED,
  /** Not mined yet (re-sent if it was due, or waiting); the next round looks again. */
  UNMINED,
  /** Its transaction or nonce went wrong: the committer halted. */
  HALTED
}
