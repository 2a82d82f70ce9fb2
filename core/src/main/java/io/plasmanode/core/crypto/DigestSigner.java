package io.plasmanode.core.crypto;

import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.types.Hash32;

/**
 * Signs a 32-byte digest with a key: deterministic (RFC 6979 nonce), low {@code s}, {@code v} in
 * {27, 28}. Every implementation gives the same signature as {@link PrivateKey#sign} for the same
 * key and digest; faster ones (native libsecp256k1 in {@code node}) plug in where many signatures
 * are made.
 */
@FunctionalInterface
public interface DigestSigner {
  /** Pure-Java BouncyCastle, as {@link PrivateKey#sign}. */
  DigestSigner BOUNCY_CASTLE = PrivateKey::sign;

  Signature sign(PrivateKey key, Hash32 digest);
}
