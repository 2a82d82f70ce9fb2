package io.plasmanode.core.crypto;

import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.SignatureShape;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.util.Optional;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;

/** Pure-Java {@link SignerRecovery} on BouncyCastle (SEC 1 v2, section 4.1.6). */
public final class BouncyCastleSignerRecovery implements SignerRecovery {

  @Override
  public Optional<Address> recover(Hash32 digest, Signature signature) {
    if (!SignatureShape.check(signature).isValid()) {
      return Optional.empty();
    }
    BigInteger r = new BigInteger(1, signature.r());
    BigInteger s = new BigInteger(1, signature.s());
    int recoveryId = signature.v() - Secp256k1.V_BASE;
    return recoverPoint(digest, r, s, recoveryId)
        .map(Secp256k1::encodePublicKey)
        .map(Secp256k1::addressOf);
  }

  /**
   * The public key point {@code Q = r^-1 (s R - e G)} for a signature whose scalars are already in
   * range, or empty when {@code r} is not the x of a curve point or Q is the point at infinity.
   */
  static Optional<ECPoint> recoverPoint(Hash32 digest, BigInteger r, BigInteger s, int recoveryId) {
    Optional<ECPoint> bigR = decompress(r, recoveryId & 1);
    if (bigR.isEmpty()) {
      return Optional.empty();
    }
    BigInteger n = Secp256k1.N;
    BigInteger rInverse = r.modInverse(n);
    BigInteger e = new BigInteger(1, digest.toArray());
    BigInteger eFactor = e.negate().multiply(rInverse).mod(n);
    BigInteger rFactor = s.multiply(rInverse).mod(n);
    ECPoint q =
        ECAlgorithms.sumOfTwoMultiplies(Secp256k1.DOMAIN.getG(), eFactor, bigR.get(), rFactor);
    return q.isInfinity() ? Optional.empty() : Optional.of(q);
  }

  private static Optional<ECPoint> decompress(BigInteger x, int yParity) {
    byte[] compressed = new byte[33];
    compressed[0] = (byte) (0x02 + yParity);
    System.arraycopy(Secp256k1.toWord(x), 0, compressed, 1, 32);
    try {
      return Optional.of(Secp256k1.DOMAIN.getCurve().decodePoint(compressed));
    } catch (IllegalArgumentException notOnCurve) {
      return Optional.empty();
    }
  }
}
