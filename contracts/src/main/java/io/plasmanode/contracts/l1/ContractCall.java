package io.plasmanode.contracts.l1;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.types.Address;
import java.math.BigInteger;

/**
 * A call of a contract: where to, the ABI-encoded data and the wei it carries.
 *
 * @param to the contract
 * @param data the ABI-encoded call, 0x-prefixed hex
 * @param value the wei sent along (0 for non-payable functions)
 */
public record ContractCall(Address to, String data, BigInteger value) {
  public ContractCall {
    requireNonNull(to, "to");
    requireNonNull(data, "data");
    checkArgument(value.signum() >= 0, "negative value %s", value);
  }

  /** A call of {@code to} without value. */
  public static ContractCall of(Address to, String data) {
    return new ContractCall(to, data, BigInteger.ZERO);
  }
}
