package io.plasmanode.node.loadgen;

import static com.google.common.base.Preconditions.checkArgument;

import io.plasmanode.core.tx.PaymentTransaction;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * How one deposit becomes all the leaf outputs of a {@link LoadPlan}: a tree of 1-input transfers
 * with up to 4 outputs each, built level by level. Every output is a "slot": slot 0 is the deposit;
 * inner slots belong to the hub account, leaf slots to the leaf's owner. A slot is worth as many
 * units as leaves below it, so the amounts always add up.
 *
 * @param levels the splits of each level; all inputs of a level exist once the level before is
 *     accepted
 * @param slotOwner per slot: the owning account index, or {@link #HUB} for inner slots
 * @param slotUnits per slot: its value in units
 * @param leafSlots per leaf (in leaf order): its slot
 */
public record FanOutPlan(
    List<List<Split>> levels, int[] slotOwner, long[] slotUnits, int[] leafSlots) {
  /** The owner index of the deposit and of inner slots. */
  public static final int HUB = -1;

  /** One fan-out transfer: spends slot {@code input}, creates {@code outputs} (in output order). */
  public record Split(int input, List<Integer> outputs) {
    public Split {
      outputs = List.copyOf(outputs);
    }
  }

  /** Plans the tree for {@code leafOwners} (the owner of each leaf, in leaf order). */
  public static FanOutPlan of(int[] leafOwners) {
    checkArgument(leafOwners.length >= 1, "at least one leaf");
    Builder builder = new Builder(leafOwners);
    return builder.build();
  }

  public int slots() {
    return slotOwner.length;
  }

  public int transactions() {
    return levels.stream().mapToInt(List::size).sum();
  }

  /**
   * The wei of every slot when each leaf holds {@code leafValue} and every fan-out transaction
   * leaves {@code fee} to the operator: a leaf is worth {@code leafValue}, an inner slot the sum of
   * its split's outputs plus {@code fee}. With no fee, a slot is worth its units times {@code
   * leafValue}.
   */
  public BigInteger[] slotValues(BigInteger leafValue, BigInteger fee) {
    BigInteger[] values = new BigInteger[slots()];
    for (int slot : leafSlots) {
      values[slot] = leafValue;
    }
    for (int level = levels.size() - 1; level >= 0; level--) {
      for (Split split : levels.get(level)) {
        values[split.input()] =
            split.outputs().stream().map(slot -> values[slot]).reduce(fee, BigInteger::add);
      }
    }
    return values;
  }

  private static final class Builder {
    private final int[] leafOwners;
    private final List<Integer> owners = new ArrayList<>();
    private final List<Long> units = new ArrayList<>();
    private final int[] leafSlots;

    Builder(int[] leafOwners) {
      this.leafOwners = leafOwners;
      this.leafSlots = new int[leafOwners.length];
    }

    FanOutPlan build() {
      List<List<Split>> levels = new ArrayList<>();
      List<Range> current =
          List.of(new Range(newSlot(HUB, leafOwners.length), 0, leafOwners.length));
      while (!current.isEmpty()) {
        List<Split> splits = new ArrayList<>();
        List<Range> next = new ArrayList<>();
        for (Range range : current) {
          splits.add(split(range, next));
        }
        levels.add(List.copyOf(splits));
        current = next;
      }
      return new FanOutPlan(
          List.copyOf(levels),
          owners.stream().mapToInt(Integer::intValue).toArray(),
          units.stream().mapToLong(Long::longValue).toArray(),
          leafSlots);
    }

    /**
     * Splits {@code range} into full subtrees of the largest power of 4 below its size, plus the
     * rest: all but one split per level have 4 outputs, so the fan-out needs about (leaves - 1) / 3
     * transactions. Chunks of one leaf are leaves.
     */
    private Split split(Range range, List<Range> next) {
      int size = range.to() - range.from();
      long cap = 1;
      while (cap * PaymentTransaction.MAX_OUTPUTS < size) {
        cap *= PaymentTransaction.MAX_OUTPUTS;
      }
      List<Integer> outputs = new ArrayList<>(PaymentTransaction.MAX_OUTPUTS);
      for (int from = range.from(); from < range.to(); ) {
        int to = (int) Math.min(range.to(), from + cap);
        if (to - from == 1) {
          int slot = newSlot(leafOwners[from], 1);
          leafSlots[from] = slot;
          outputs.add(slot);
        } else {
          int slot = newSlot(HUB, to - from);
          outputs.add(slot);
          next.add(new Range(slot, from, to));
        }
        from = to;
      }
      return new Split(range.slot(), outputs);
    }

    private int newSlot(int owner, long value) {
      owners.add(owner);
      units.add(value);
      return owners.size() - 1;
    }
  }

  private record Range(int slot, int from, int to) {}
}
