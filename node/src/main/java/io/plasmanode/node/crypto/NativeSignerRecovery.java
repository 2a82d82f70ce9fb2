package io.plasmanode.node.crypto;

import static java.util.Objects.requireNonNull;

import fr.acinq.secp256k1.Secp256k1Exception;
import io.plasmanode.core.crypto.Secp256k1;
import io.plasmanode.core.crypto.SignerRecovery;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.SignatureShape;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@link SignerRecovery} on bitcoin-core's libsecp256k1 through ACINQ's JNI binding
 * (secp256k1-kmp), about four times faster than the pure-Java {@code BouncyCastleSignerRecovery}.
 * It lives in {@code node}, not {@code core}, because it loads a native library (extracted to a
 * temporary directory). Use {@link SignerRecoveries#best()} to get it with a fallback.
 */
public final class NativeSignerRecovery implements SignerRecovery {
  private static final int COMPACT_SIZE = 64;
  private static final int UNCOMPRESSED_PUBLIC_KEY_SIZE = 65;

  private final fr.acinq.secp256k1.Secp256k1 library;

  /** Recovers with {@code library}, e.g. {@code fr.acinq.secp256k1.Secp256k1.get()}. */
  public NativeSignerRecovery(fr.acinq.secp256k1.Secp256k1 library) {
    this.library = requireNonNull(library, "library");
  }

  @Override
  public Optional<Address> recover(Hash32 digest, Signature signature) {
    // libsecp256k1 accepts high s in recovery; the shape check rejects it (EIP-2) and bad v.
    if (!SignatureShape.check(signature).isValid()) {
      return Optional.empty();
    }
    byte[] compact = Arrays.copyOf(signature.toArray(), COMPACT_SIZE);
    int recoveryId = signature.v() - Secp256k1.V_BASE;
    byte[] publicKey;
    try {
      publicKey = library.ecdsaRecover(compact, digest.toArray(), recoveryId);
    } catch (Secp256k1Exception noKey) {
      return Optional.empty();
    }
    if (publicKey.length != UNCOMPRESSED_PUBLIC_KEY_SIZE) {
      throw new IllegalStateException("libsecp256k1 returned a " + publicKey.length + "-byte key");
    }
    return Optional.of(Secp256k1.addressOf(Arrays.copyOfRange(publicKey, 1, publicKey.length)));
  }

  @Override
  public String toString() {
    return "NativeSignerRecovery[libsecp256k1]";
  }
}
