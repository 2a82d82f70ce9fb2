package io.plasmanode.core.fees;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.types.Address;
import java.math.BigInteger;

/** The fee a transfer pays: its inputs exceed its outputs by {@code amount} of {@code token}. */
public record FeePayment(Address token, BigInteger amount) {
  public FeePayment {
    requireNonNull(token, "token");
    requireNonNull(amount, "amount");
    checkArgument(amount.signum() > 0, "a fee payment is positive, got %s", amount);
  }
}
