package io.plasmanode.core.inflight;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;

/**
 * Where the L1 contract marks an in-flight tx's output as exited (it has no position until the tx
 * is included): {@code keccak256(txHash ++ uint8(oindex)) | 1 << 255}. A standard exit of a
 * transfer's output marks the same key, so an output is never paid twice. See
 * contracts/src/IPlasmaInFlightExits.sol.
 */
public final class OutputKey {
  private static final BigInteger FLAG = BigInteger.ONE.shiftLeft(255);

  private OutputKey() {}

  /** The key of output {@code oindex} (0..3) of the tx whose hash is {@code txHash}. */
  public static BigInteger of(Hash32 txHash, int oindex) {
    requireNonNull(txHash, "txHash");
    checkArgument(oindex >= 0 && oindex < 4, "oindex must be 0..3: %s", oindex);
    byte[] packed = new byte[Hash32.SIZE + 1];
    txHash.copyTo(packed, 0);
    packed[Hash32.SIZE] = (byte) oindex;
    return new BigInteger(1, Keccak.keccak256(packed).toArray()).or(FLAG);
  }
}
