package io.plasmanode.node.commit;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.types.Hash32;
import java.util.List;

/**
 * The receipt of a mined {@code submitBlock} transaction.
 *
 * @param txHash the transaction
 * @param l1Block the L1 block it was mined in
 * @param success status 1; false means it reverted (and used its nonce anyway)
 * @param gasUsed the gas it used
 * @param submitted the contract's {@code BlockSubmitted} events in its logs (one on success)
 */
public record SubmissionReceipt(
    Hash32 txHash, long l1Block, boolean success, long gasUsed, List<SubmittedBlock> submitted) {
  public SubmissionReceipt {
    requireNonNull(txHash, "txHash");
    submitted = List.copyOf(submitted);
  }
}
