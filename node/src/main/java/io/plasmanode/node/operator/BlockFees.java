package io.plasmanode.node.operator;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.fees.FeeTable;
import io.plasmanode.core.types.Address;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the {@link BlockProducer} charges and who collects it.
 *
 * @param claimer who the fee claims each block ends with pay (one per token, exactly the fees the
 *     block's transactions paid in it); empty: no claims, the fees stay unclaimed (tests, tools)
 * @param accepted the fee tables a submitted payment may pay exactly a fee of, the current one
 *     first (read on every submission: a reloaded file takes effect at once)
 */
public record BlockFees(Optional<Address> claimer, Supplier<List<FeeTable>> accepted) {
  /** No fee required and none claimed: the chain as before fees. */
  public static final BlockFees NONE =
      new BlockFees(Optional.empty(), () -> List.of(FeeTable.NONE));

  public BlockFees {
    requireNonNull(claimer, "claimer");
    requireNonNull(accepted, "accepted");
  }

  /** Fees of the tables {@code accepted} says, claimed by {@code claimer}. */
  public static BlockFees of(Address claimer, Supplier<List<FeeTable>> accepted) {
    return new BlockFees(Optional.of(claimer), accepted);
  }
}
