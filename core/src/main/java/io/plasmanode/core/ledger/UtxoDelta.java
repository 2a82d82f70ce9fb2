package io.plasmanode.core.ledger;

import static com.google.common.base.Preconditions.checkArgument;

import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.UtxoPos;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What applying a block changes in the UTXO set: the positions it spent (including outputs created
 * and spent within the block), the outputs it created that are still unspent at its end, and which
 * of the block's transactions spent each position (the evidence a challenge of an exit needs).
 *
 * @param spentBy the index in the block of the transaction that spent each position of {@code
 *     spent}; {@link PendingBlock} fills it for every spent position, a delta built by hand may
 *     leave it empty
 * @param spentOutputs the output each position of {@code spent} held (so storage need not read it
 *     again); {@link PendingBlock} fills it for every spent position, a delta built by hand may
 *     leave it empty
 */
public record UtxoDelta(
    List<UtxoPos> spent,
    List<Utxo> created,
    Map<UtxoPos, Integer> spentBy,
    Map<UtxoPos, Output> spentOutputs) {
  public UtxoDelta {
    spent = List.copyOf(spent);
    created = List.copyOf(created);
    spentBy = Map.copyOf(spentBy);
    spentOutputs = Map.copyOf(spentOutputs);
    Set<UtxoPos> spentSet = new HashSet<>(spent);
    checkArgument(
        spentSet.containsAll(spentBy.keySet()), "spentBy names positions the delta does not spend");
    checkArgument(
        spentSet.containsAll(spentOutputs.keySet()),
        "spentOutputs names positions the delta does not spend");
  }

  /** A delta that does not say which transaction spent what, nor what the spent outputs held. */
  public UtxoDelta(List<UtxoPos> spent, List<Utxo> created) {
    this(spent, created, Map.of(), Map.of());
  }

  /** A delta that does not say what the spent outputs held. */
  public UtxoDelta(List<UtxoPos> spent, List<Utxo> created, Map<UtxoPos, Integer> spentBy) {
    this(spent, created, spentBy, Map.of());
  }

  /** The delta of a deposit block: one new output at {@code blknum * 1e6}. */
  public static UtxoDelta deposit(Utxo depositOutput) {
    return new UtxoDelta(List.of(), List.of(depositOutput));
  }
}
