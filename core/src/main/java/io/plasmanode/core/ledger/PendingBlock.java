package io.plasmanode.core.ledger;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.validation.ValidationResult;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A child block being built on top of a UTXO set: transactions are checked against the base set
 * plus everything already in this block, so a transaction may spend an output created earlier in
 * the same block. Not thread-safe: one builder owns it.
 */
public final class PendingBlock implements UtxoView {
  private final UtxoView base;
  private final long blknum;
  private final List<VerifiedTransaction> transactions = new ArrayList<>();
  private final Map<UtxoPos, Output> created = new LinkedHashMap<>();
  private final Set<UtxoPos> spent = new HashSet<>();
  private final List<UtxoPos> spentInOrder = new ArrayList<>();
  private final Map<UtxoPos, Integer> spentBy = new HashMap<>();

  public PendingBlock(UtxoView base, long blknum) {
    checkArgument(
        blknum > 0 && blknum % UtxoPos.CHILD_BLOCK_INTERVAL == 0,
        "child block numbers are multiples of %s, got %s",
        UtxoPos.CHILD_BLOCK_INTERVAL,
        blknum);
    this.base = base;
    this.blknum = blknum;
  }

  /** A transaction included at a position of this block, with the fees it pays per token. */
  public record Inclusion(long blknum, int txindex, Map<Address, BigInteger> fees) {}

  /**
   * The status of {@code pos} as seen from this block: outputs of later blocks (a deposit made
   * after this block's number was taken, which a watcher may already know) do not exist yet.
   */
  @Override
  public UtxoStatus status(UtxoPos pos) {
    if (pos.blknum() > blknum) {
      return UtxoStatus.UNKNOWN;
    }
    if (spent.contains(pos)) {
      return UtxoStatus.SPENT;
    }
    Output output = created.get(pos);
    return output != null ? new UtxoStatus.Unspent(output) : base.status(pos);
  }

  /**
   * What this block itself did to {@code pos}: {@link UtxoStatus#SPENT} if one of its transactions
   * spent it, unspent if one created it and none spent it since, empty if no transaction touched
   * it. Unlike {@link #status} it consults neither the base set nor the block number, so the next
   * block can see through this one after it is closed and before it is stored. Safe to call from
   * any thread once the block is no longer added to (and was published safely).
   */
  public Optional<UtxoStatus> change(UtxoPos pos) {
    if (spent.contains(pos)) {
      return Optional.of(UtxoStatus.SPENT);
    }
    Output output = created.get(pos);
    return output == null ? Optional.empty() : Optional.of(new UtxoStatus.Unspent(output));
  }

  /**
   * Checks {@code vtx} against this block's state and, when valid, appends it.
   *
   * @throws IllegalStateException when the block is full; close it first
   */
  public ValidationResult<Inclusion> add(VerifiedTransaction vtx) {
    checkState(!isFull(), "block %s is full", blknum);
    return TransactionRules.check(this, vtx).map(fees -> append(vtx, fees));
  }

  private Inclusion append(VerifiedTransaction vtx, Map<Address, BigInteger> fees) {
    int txindex = transactions.size();
    PaymentTransaction tx = vtx.signed().tx();
    for (UtxoPos input : tx.inputs()) {
      spent.add(input);
      spentInOrder.add(input);
      spentBy.put(input, txindex);
      created.remove(input);
    }
    for (int oindex = 0; oindex < tx.outputs().size(); oindex++) {
      created.put(new UtxoPos(blknum, txindex, oindex), tx.outputs().get(oindex));
    }
    transactions.add(vtx);
    return new Inclusion(blknum, txindex, fees);
  }

  public long blknum() {
    return blknum;
  }

  public int size() {
    return transactions.size();
  }

  public boolean isEmpty() {
    return transactions.isEmpty();
  }

  public boolean isFull() {
    return transactions.size() >= UtxoPos.MAX_TXS_PER_BLOCK;
  }

  /** The transactions in block order. */
  public List<VerifiedTransaction> transactions() {
    return List.copyOf(transactions);
  }

  /** The change this block makes to its base set. */
  public UtxoDelta delta() {
    List<Utxo> unspent = new ArrayList<>(created.size());
    created.forEach((pos, output) -> unspent.add(new Utxo(pos, output)));
    return new UtxoDelta(spentInOrder, unspent, spentBy);
  }
}
