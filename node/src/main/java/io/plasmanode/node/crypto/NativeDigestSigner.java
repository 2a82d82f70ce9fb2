package io.plasmanode.node.crypto;

import static java.util.Objects.requireNonNull;

import fr.acinq.secp256k1.Secp256k1Exception;
import io.plasmanode.core.crypto.DigestSigner;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.crypto.Secp256k1;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.types.Hash32;
import java.util.Arrays;

/**
 * {@link DigestSigner} on libsecp256k1 (ACINQ's JNI binding): its {@code ecdsa_sign} uses the same
 * RFC 6979 nonce as BouncyCastle's and always yields low {@code s}, so the signatures are identical
 * to {@link PrivateKey#sign}'s, about three times faster (the recovery id is found by recovering,
 * as libsecp256k1's plain signing does not return it).
 */
public final class NativeDigestSigner implements DigestSigner {
  private final fr.acinq.secp256k1.Secp256k1 library;

  public NativeDigestSigner(fr.acinq.secp256k1.Secp256k1 library) {
    this.library = requireNonNull(library, "library");
  }

  @Override
  public Signature sign(PrivateKey key, Hash32 digest) {
    byte[] message = digest.toArray();
    byte[] compact = library.sign(message, key.toArray(), null); // no extra entropy: RFC 6979
    byte[] publicKey = key.publicKey();
    for (int recoveryId = 0; recoveryId < 2; recoveryId++) {
      if (recovers(compact, message, recoveryId, publicKey)) {
        return Signature.of(
            Arrays.copyOfRange(compact, 0, 32),
            Arrays.copyOfRange(compact, 32, 64),
            Secp256k1.V_BASE + recoveryId);
      }
    }
    throw new IllegalStateException("no recovery id reproduces the signing key");
  }

  private boolean recovers(byte[] compact, byte[] message, int recoveryId, byte[] publicKey) {
    byte[] recovered;
    try {
      recovered = library.ecdsaRecover(compact, message, recoveryId);
    } catch (Secp256k1Exception noKey) {
      return false;
    }
    return Arrays.equals(recovered, 1, recovered.length, publicKey, 0, publicKey.length);
  }

  @Override
  public String toString() {
    return "NativeDigestSigner[libsecp256k1]";
  }
}
