package io.plasmanode.node.commit;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.types.Hash32;
import java.util.Optional;

/**
 * A child block root on L1 that this operator did not produce: a {@code BlockSubmitted} event for a
 * block number the database does not have, or with a root whose high 224 bits differ from the
 * database's block. Only the operator key can submit, so someone else holds it (a leaked key, or a
 * second node running with it).
 *
 * @param submitted the event on L1
 * @param ownRoot the root of the database's block of that number; empty if it has none
 */
public record ForeignRoot(SubmittedBlock submitted, Optional<Hash32> ownRoot) {
  public ForeignRoot {
    requireNonNull(submitted, "submitted");
    requireNonNull(ownRoot, "ownRoot");
  }

  /** The child block it commits. */
  public long blknum() {
    return submitted.blknum();
  }

  /** What happened, for the alarm and the error log. */
  public String what() {
    return ("block %d on L1 has root %s (L1 tx %s, L1 block %d) that this operator did not"
            + " produce (%s): someone else is submitting blocks with the operator key (a leaked"
            + " key, or a second node running with it)")
        .formatted(
            blknum(),
            submitted.root().toHex(),
            submitted.l1TxHash().toHex(),
            submitted.l1Block(),
            ownRoot
                .map(own -> "its own block %d has root %s".formatted(blknum(), own.toHex()))
                .orElse("it has no block %d".formatted(blknum())));
  }

  /** The alarm of a running operator: what happened and what to do. */
  public String alarm() {
    long blknum = blknum();
    return what()
        + (". Block production and submissions are halted. Stop every other node that uses the"
                + " operator key. If one of them is yours, continue the chain with the database of"
                + " the node that produced block %d and keep this one stopped: this database"
                + " cannot continue the chain (a restart refuses: foreign root at block %d)."
                + " Otherwise the key is stolen, and the contract's operator cannot be changed:"
                + " stop this chain, tell users to exit their outputs of blocks before %d"
                + " (plasma exit start) and run watchers to challenge invalid exits.")
            .formatted(blknum, blknum, blknum);
  }
}
