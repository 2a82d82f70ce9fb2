package io.plasmanode.core.tx;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.types.Address;
import java.math.BigInteger;

/**
 * An output: {@code amount} of {@code token} owned by {@code owner}. Its outputType follows from
 * its transaction's txType ({@link PaymentTransaction#outputType()}): 1 in a payment, 2 ({@link
 * #OUTPUT_TYPE_FEE_CLAIM}) in a fee claim. Both are spent the same way.
 *
 * @param owner who can spend it; never the zero address
 * @param token the ERC20 contract, or {@link Address#ZERO} for ETH
 * @param amount in the token's base unit (wei for ETH), 1 .. 2^256-1
 */
public record Output(Address owner, Address token, BigInteger amount) {
  public static final int OUTPUT_TYPE_PAYMENT = 1;
  public static final int OUTPUT_TYPE_FEE_CLAIM = 2;
  public static final BigInteger MAX_AMOUNT =
      BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

  public Output {
    requireNonNull(owner, "owner");
    requireNonNull(token, "token");
    requireNonNull(amount, "amount");
    checkArgument(!owner.isZero(), "an output's owner cannot be the zero address");
    checkArgument(
        amount.signum() > 0 && amount.compareTo(MAX_AMOUNT) <= 0, "amount must be 1..2^256-1");
  }
}
