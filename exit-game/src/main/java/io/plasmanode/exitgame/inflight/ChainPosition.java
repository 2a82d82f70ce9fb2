package io.plasmanode.exitgame.inflight;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.exitgame.SpendRecord;
import java.util.Optional;

/**
 * Where a tx is in the chain, as the in-flight exit game orders txs: included at a tx position
 * (oindex 0), or in flight (in no block), which the contract takes as younger than any block (it
 * stores {@code 2^64 - 1}). Older is smaller.
 *
 * @param txPos the tx position (oindex 0); empty in flight
 */
public record ChainPosition(Optional<UtxoPos> txPos) implements Comparable<ChainPosition> {
  /** A tx in no block. */
  public static final ChainPosition IN_FLIGHT = new ChainPosition(Optional.empty());

  public ChainPosition {
    requireNonNull(txPos, "txPos");
    txPos.ifPresent(pos -> checkArgument(pos.oindex() == 0, "a tx position has oindex 0: %s", pos));
  }

  /** Included at {@code txPos} (oindex 0). */
  public static ChainPosition included(UtxoPos txPos) {
    return new ChainPosition(Optional.of(txPos));
  }

  /** Included at {@code blknum}, tx {@code txIndex}. */
  public static ChainPosition included(long blknum, int txIndex) {
    return included(new UtxoPos(blknum, txIndex, 0));
  }

  /** Where the spending tx of {@code spend} is. */
  public static ChainPosition of(SpendRecord spend) {
    return spend.isInFlight() ? IN_FLIGHT : included(spend.blknum(), spend.txIndex());
  }

  public boolean isInFlight() {
    return txPos.isEmpty();
  }

  /** Whether this tx is strictly older than {@code other}. */
  public boolean isOlderThan(ChainPosition other) {
    return compareTo(other) < 0;
  }

  /**
   * The contract's {@code competingTxPos} argument: the position, or 0 for a competitor in flight.
   */
  public long toCompetingTxPos() {
    return txPos.map(UtxoPos::toLong).orElse(0L);
  }

  @Override
  public int compareTo(ChainPosition other) {
    if (isInFlight() || other.isInFlight()) {
      return Boolean.compare(isInFlight(), other.isInFlight());
    }
    return txPos.get().compareTo(other.txPos.get());
  }

  @Override
  public String toString() {
    return txPos.map(UtxoPos::toString).orElse("in flight");
  }
}
