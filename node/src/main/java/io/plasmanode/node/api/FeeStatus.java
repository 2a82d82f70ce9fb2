package io.plasmanode.node.api;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.types.Address;
import java.math.BigInteger;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The operator's fees for {@code plasma_status}.
 *
 * @param claimer who the blocks' fee claims pay; empty when the operator claims no fees
 * @param collected per token, the fees claimed in the blocks stored since the operator started
 * @param claimerBalance per token, the claimer's unspent outputs on the chain (its claims not spent
 *     yet, and anything else it owns)
 */
public record FeeStatus(
    Optional<Address> claimer,
    Map<Address, BigInteger> collected,
    Map<Address, BigInteger> claimerBalance) {
  /** An operator that claims no fees. */
  public static final FeeStatus NONE = new FeeStatus(Optional.empty(), Map.of(), Map.of());

  public FeeStatus {
    requireNonNull(claimer, "claimer");
    collected = Collections.unmodifiableSortedMap(new TreeMap<>(collected));
    claimerBalance = Collections.unmodifiableSortedMap(new TreeMap<>(claimerBalance));
  }
}
