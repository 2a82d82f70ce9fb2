package io.plasmanode.core.tx;

import io.plasmanode.core.validation.Rejection;
import io.plasmanode.core.validation.ValidationResult;
import java.math.BigInteger;

/**
 * The checks on a signature's numbers that need no key recovery (docs/spec.md): {@code v} is 27 or
 * 28, {@code r} and {@code s} are in {@code 1 .. n-1}, and {@code s <= n/2} (EIP-2).
 */
public final class SignatureShape {
  /** The order n of the secp256k1 group. */
  public static final BigInteger SECP256K1_N =
      new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

  /** The largest {@code s} accepted: n/2, rounded down. */
  public static final BigInteger HALF_N = SECP256K1_N.shiftRight(1);

  private SignatureShape() {}

  /** {@code signature}, or {@code INVALID_SIGNATURE} / {@code HIGH_S_SIGNATURE} saying why not. */
  public static ValidationResult<Signature> check(Signature signature) {
    int v = signature.v();
    BigInteger r = new BigInteger(1, signature.r());
    BigInteger s = new BigInteger(1, signature.s());
    if (v != 27 && v != 28) {
      return ValidationResult.invalid(Rejection.INVALID_SIGNATURE, "v is " + v + ", not 27 or 28");
    }
    if (!inGroup(r)) {
      return ValidationResult.invalid(Rejection.INVALID_SIGNATURE, "r is 0 or not below n");
    }
    if (!inGroup(s)) {
      return ValidationResult.invalid(Rejection.INVALID_SIGNATURE, "s is 0 or not below n");
    }
    if (s.compareTo(HALF_N) > 0) {
      return ValidationResult.invalid(Rejection.HIGH_S_SIGNATURE, "s is above n/2 (EIP-2)");
    }
    return ValidationResult.valid(signature);
  }

  private static boolean inGroup(BigInteger value) {
    return value.signum() > 0 && value.compareTo(SECP256K1_N) < 0;
  }
}
