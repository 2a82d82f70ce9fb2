package io.plasmanode.core.fees;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.types.Address;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The fees the operator charges: per transaction type, the tokens a fee may be paid in and the
 * exact fee in each. A transaction type the table does not list is free; {@link #NONE} lists none.
 *
 * @param byTxType txType -> token -> fee; every listed type lists at least one token. Copied and
 *     sorted (by type, then token) so iteration and {@code toString} are stable.
 */
public record FeeTable(Map<Integer, Map<Address, FeeSpec>> byTxType) {
  /** No fee required for any transaction (the chain's behaviour without a fee-specs file). */
  public static final FeeTable NONE = new FeeTable(Map.of());

  public FeeTable {
    requireNonNull(byTxType, "byTxType");
    TreeMap<Integer, Map<Address, FeeSpec>> copy = new TreeMap<>();
    byTxType.forEach(
        (txType, fees) -> {
          requireNonNull(txType, "txType");
          checkArgument(
              !fees.isEmpty(),
              "tx type %s lists no token; leave the type out to make its transactions free",
              txType);
          TreeMap<Address, FeeSpec> tokens = new TreeMap<>();
          fees.forEach((token, spec) -> tokens.put(requireNonNull(token), requireNonNull(spec)));
          copy.put(txType, Collections.unmodifiableMap(tokens));
        });
    byTxType = Collections.unmodifiableMap(copy);
  }

  /** Whether transactions of {@code txType} pay a fee under this table. */
  public boolean charges(int txType) {
    return byTxType.containsKey(txType);
  }

  /** The fee of {@code txType} paid in {@code token}, empty if the table does not accept it. */
  public Optional<FeeSpec> fee(int txType, Address token) {
    return Optional.ofNullable(byTxType.getOrDefault(txType, Map.of()).get(token));
  }

  /** The fees of {@code txType} by token (sorted); empty when the type is free. */
  public Map<Address, FeeSpec> fees(int txType) {
    return byTxType.getOrDefault(txType, Map.of());
  }
}
