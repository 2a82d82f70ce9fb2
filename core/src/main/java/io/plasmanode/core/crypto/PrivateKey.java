package io.plasmanode.core.crypto;

import static com.google.common.base.Preconditions.checkArgument;

import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.types.Hex;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * A secp256k1 private key (a scalar in {@code [1, n-1]}) that signs Ethereum-style: deterministic
 * RFC 6979 nonces, low {@code s} (EIP-2), {@code v = 27 + recovery id}. Its {@link #toString()}
 * never shows the key.
 */
public final class PrivateKey {
  public static final int SIZE = 32;

  private final byte[] bytes;
  private final BigInteger scalar;
  private final ECPoint publicPoint;
  private final byte[] publicKey;
  private final Address address;

  private PrivateKey(byte[] bytes) {
    this.bytes = bytes;
    this.scalar = new BigInteger(1, bytes);
    checkArgument(Secp256k1.isScalar(scalar), "a private key must be in [1, n-1]");
    this.publicPoint =
        new FixedPointCombMultiplier().multiply(Secp256k1.DOMAIN.getG(), scalar).normalize();
    this.publicKey = Secp256k1.encodePublicKey(publicPoint);
    this.address = Secp256k1.addressOf(publicKey);
  }

  /** Copies {@code bytes}: 32 bytes, big-endian, a value in {@code [1, n-1]}. */
  public static PrivateKey of(byte[] bytes) {
    checkArgument(bytes.length == SIZE, "a private key has 32 bytes, got %s", bytes.length);
    return new PrivateKey(bytes.clone());
  }

  /** Parses 64 hex digits, with or without a {@code 0x} prefix. */
  public static PrivateKey fromHex(String hex) {
    return new PrivateKey(Hex.decode(hex, SIZE));
  }

  /** A fresh key drawn from {@code random}. */
  public static PrivateKey random(SecureRandom random) {
    byte[] candidate = new byte[SIZE];
    do {
      random.nextBytes(candidate);
    } while (!Secp256k1.isScalar(new BigInteger(1, candidate)));
    return new PrivateKey(candidate);
  }

  public Address address() {
    return address;
  }

  /** The 64-byte uncompressed public key {@code x || y}, without the 0x04 prefix. */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The 32 key bytes; handle with care (never log them). */
  public byte[] toArray() {
    return bytes.clone();
  }

  /** Signs {@code digest}: RFC 6979 nonce, {@code s <= n/2}, {@code v} in {27, 28}. */
  public Signature sign(Hash32 digest) {
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    signer.init(true, new ECPrivateKeyParameters(scalar, Secp256k1.DOMAIN));
    BigInteger[] rs = signer.generateSignature(digest.toArray());
    BigInteger r = rs[0];
    BigInteger s = rs[1].compareTo(Secp256k1.HALF_N) > 0 ? Secp256k1.N.subtract(rs[1]) : rs[1];
    int v = Secp256k1.V_BASE + recoveryId(digest, r, s);
    return Signature.of(Secp256k1.toWord(r), Secp256k1.toWord(s), v);
  }

  /** Which of the two candidate points for {@code r} recovers this key. */
  private int recoveryId(Hash32 digest, BigInteger r, BigInteger s) {
    for (int recoveryId = 0; recoveryId < 2; recoveryId++) {
      var recovered = BouncyCastleSignerRecovery.recoverPoint(digest, r, s, recoveryId);
      if (recovered.isPresent() && recovered.get().normalize().equals(publicPoint)) {
        return recoveryId;
      }
    }
    throw new IllegalStateException("no recovery id reproduces the signing key");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PrivateKey k && MessageDigest.isEqual(bytes, k.bytes);
  }

  @Override
  public int hashCode() {
    return address.hashCode();
  }

  @Override
  public String toString() {
    return "PrivateKey[redacted]";
  }
}
