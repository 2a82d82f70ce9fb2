package io.plasmanode.node.api;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.types.Address;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot of the operator for {@code plasma_status}.
 *
 * @param height the last closed child block (0 before the first)
 * @param lastCommittedBlock the last child block whose root is mined on L1 (0 before the first)
 * @param l1HeightSeen the last L1 block whose events are applied (-1 before the first)
 * @param l1Head the latest L1 block number the node has seen (-1 if L1 was never reached)
 * @param mempoolSize transactions in the open block
 * @param openBlock the number the open block will get when it closes
 * @param contract the Plasma contract
 * @param chainId the L1 chain id
 * @param alarms human-readable problems an operator must look at (empty when healthy)
 * @param lastClosedBlock the last block closed since the operator started, with its timing
 * @param fees who the fee claims pay, the fees claimed since the start and the claimer's balance
 */
public record OperatorStatus(
    long height,
    long lastCommittedBlock,
    long l1HeightSeen,
    long l1Head,
    int mempoolSize,
    long openBlock,
    Address contract,
    long chainId,
    List<String> alarms,
    Optional<ClosedBlockTiming> lastClosedBlock,
    FeeStatus fees) {
  public OperatorStatus {
    requireNonNull(contract, "contract");
    alarms = List.copyOf(alarms);
    requireNonNull(lastClosedBlock, "lastClosedBlock");
    requireNonNull(fees, "fees");
  }
}
