package io.plasmanode.core.fees;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.tx.Output;
import java.math.BigInteger;

/**
 * The fee of one transaction type in one token: a transfer pays exactly {@code amount} base units
 * of the token (elixir-omg's fee spec).
 *
 * @param amount the fee in the token's base unit (wei for ETH), 1 .. 2^256-1; a token whose
 *     transfers are free is expressed by a table that charges no fee for the type, not by 0
 * @param subunitToUnit base units per unit of the token (10^18 for ETH), for display only
 * @param symbol the token's symbol (e.g. {@code ETH}), for display only
 */
public record FeeSpec(BigInteger amount, BigInteger subunitToUnit, String symbol) {
  public FeeSpec {
    requireNonNull(amount, "amount");
    requireNonNull(subunitToUnit, "subunitToUnit");
    requireNonNull(symbol, "symbol");
    checkArgument(
        amount.signum() > 0 && amount.compareTo(Output.MAX_AMOUNT) <= 0,
        "a fee amount must be 1..2^256-1, got %s",
        amount);
    checkArgument(
        subunitToUnit.signum() > 0, "subunit_to_unit must be positive, got %s", subunitToUnit);
    checkArgument(!symbol.isBlank(), "a fee's symbol cannot be blank");
  }
}
