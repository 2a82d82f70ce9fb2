package io.plasmanode.core.crypto;

import static com.google.common.base.Preconditions.checkArgument;

import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECPoint;

/** The secp256k1 curve and the encoding rules of Ethereum signatures ({@code r || s || v}). */
public final class Secp256k1 {
  private static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");

  static final ECDomainParameters DOMAIN =
      new ECDomainParameters(PARAMS.getCurve(), PARAMS.getG(), PARAMS.getN(), PARAMS.getH());

  /** The order of the curve's base point. */
  public static final BigInteger N = PARAMS.getN();

  /** {@code n / 2}: the largest {@code s} a canonical (EIP-2) signature may have. */
  public static final BigInteger HALF_N = N.shiftRight(1);

  /** The {@code v} of a signature whose recovery id is 0; recovery id 1 gives 28. */
  public static final int V_BASE = 27;

  private Secp256k1() {}

  /** Whether {@code value} is in {@code [1, n-1]}. */
  static boolean isScalar(BigInteger value) {
    return value.signum() > 0 && value.compareTo(N) < 0;
  }

  /**
   * The Ethereum address of a 64-byte uncompressed public key {@code x || y}: the last 20 bytes of
   * its keccak256.
   */
  public static Address addressOf(byte[] publicKey) {
    checkArgument(publicKey.length == 64, "a public key has 64 bytes, got %s", publicKey.length);
    return Address.of(Keccak.keccak256(publicKey).toArray(), Hash32.SIZE - Address.SIZE);
  }

  /** The 64-byte uncompressed encoding {@code x || y} of a point, without the 0x04 prefix. */
  static byte[] encodePublicKey(ECPoint point) {
    byte[] encoded = point.normalize().getEncoded(false);
    return Arrays.copyOfRange(encoded, 1, encoded.length);
  }

  /** {@code value} as a 32-byte big-endian word; {@code value} must be below 2^256. */
  static byte[] toWord(BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] word = new byte[32];
    int length = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - length, word, 32 - length, length);
    return word;
  }
}
