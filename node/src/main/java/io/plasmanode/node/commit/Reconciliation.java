package io.plasmanode.node.commit;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What the startup check found: the anchor of the nonce mapping and the blocks on L1 that are not
 * final yet, which the committer watches until they are (or re-sends if a reorganisation drops
 * them).
 *
 * @param anchor {@code nextChildBlock} and the operator's nonce at one L1 block
 * @param unconfirmed the database's pending blocks that L1 holds with fewer than the commit
 *     confirmations on top, in order
 */
record Reconciliation(ChainAnchor anchor, List<Unconfirmed> unconfirmed) {
  Reconciliation {
    requireNonNull(anchor, "anchor");
    unconfirmed = List.copyOf(unconfirmed);
  }

  /**
   * A block L1 holds that is not final yet.
   *
   * @param blknum the child block
   * @param receipt its submission's receipt; empty if L1 answered the event but not the receipt (a
   *     reorganisation between the two reads)
   */
  record Unconfirmed(long blknum, Optional<SubmissionReceipt> receipt) {
    Unconfirmed {
      requireNonNull(receipt, "receipt");
    }
  }
}
