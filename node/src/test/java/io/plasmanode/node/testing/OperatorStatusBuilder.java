package io.plasmanode.node.testing;

import io.plasmanode.core.types.Address;
import io.plasmanode.node.api.ClosedBlockTiming;
import io.plasmanode.node.api.FeeStatus;
import io.plasmanode.node.api.OperatorStatus;
import java.util.List;
import java.util.Optional;

/**
 * An {@link OperatorStatus} for tests that serve {@code plasma_status} without a whole operator:
 * the contract and chain id are required, everything else starts as a fresh operator reports it
 * (nothing closed or committed, L1 never seen, block 1000 open) and is set by name.
 */
public final class OperatorStatusBuilder {
  private final Address contract;
  private final long chainId;
  private long height;
  private long lastCommittedBlock;
  private long l1HeightSeen = -1;
  private long l1Head = -1;
  private int mempoolSize;
  private long openBlock = 1000;
  private List<String> alarms = List.of();
  private Optional<ClosedBlockTiming> lastClosedBlock = Optional.empty();
  private FeeStatus fees = FeeStatus.NONE;

  private OperatorStatusBuilder(Address contract, long chainId) {
    this.contract = contract;
    this.chainId = chainId;
  }

  /** A fresh operator's status on {@code contract} of chain {@code chainId}. */
  public static OperatorStatusBuilder of(Address contract, long chainId) {
    return new OperatorStatusBuilder(contract, chainId);
  }

  public OperatorStatusBuilder height(long value) {
    height = value;
    return this;
  }

  public OperatorStatusBuilder lastCommittedBlock(long value) {
    lastCommittedBlock = value;
    return this;
  }

  public OperatorStatusBuilder l1HeightSeen(long value) {
    l1HeightSeen = value;
    return this;
  }

  public OperatorStatusBuilder l1Head(long value) {
    l1Head = value;
    return this;
  }

  public OperatorStatusBuilder mempoolSize(int value) {
    mempoolSize = value;
    return this;
  }

  public OperatorStatusBuilder openBlock(long value) {
    openBlock = value;
    return this;
  }

  public OperatorStatusBuilder alarms(List<String> value) {
    alarms = List.copyOf(value);
    return this;
  }

  public OperatorStatusBuilder lastClosedBlock(Optional<ClosedBlockTiming> value) {
    lastClosedBlock = value;
    return this;
  }

  public OperatorStatusBuilder fees(FeeStatus value) {
    fees = value;
    return this;
  }

  public OperatorStatus build() {
    return new OperatorStatus(
        height,
        lastCommittedBlock,
        l1HeightSeen,
        l1Head,
        mempoolSize,
        openBlock,
        contract,
        chainId,
        alarms,
        lastClosedBlock,
        fees);
  }
}
