package io.plasmanode.node.commit;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.types.Hash32;

/**
 * A {@code BlockSubmitted(blknum, root)} event of the contract.
 *
 * @param blknum the child block the contract stored
 * @param root the root as submitted (all 256 bits; the contract keeps the high 224)
 * @param l1TxHash the L1 transaction that emitted it
 * @param l1Block the L1 block of that transaction (0 if the L1 node did not say)
 */
public record SubmittedBlock(long blknum, Hash32 root, Hash32 l1TxHash, long l1Block) {
  public SubmittedBlock {
    requireNonNull(root, "root");
    requireNonNull(l1TxHash, "l1TxHash");
  }
}
