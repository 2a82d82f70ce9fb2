package io.plasmanode.core.crypto;

import static com.google.common.base.Preconditions.checkPositionIndexes;

import io.plasmanode.core.types.Hash32;
import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * Ethereum's keccak256 (the original Keccak padding, not NIST SHA3-256). Digests are reused per
 * thread, so hashing allocates only the result.
 */
public final class Keccak {
  private static final ThreadLocal<KeccakDigest> DIGEST =
      ThreadLocal.withInitial(() -> new KeccakDigest(256));

  private Keccak() {}

  /** keccak256 of the concatenation of {@code parts}. */
  public static Hash32 keccak256(byte[]... parts) {
    KeccakDigest digest = freshDigest();
    for (byte[] part : parts) {
      digest.update(part, 0, part.length);
    }
    return finish(digest);
  }

  /** keccak256 of {@code length} bytes of {@code data} starting at {@code offset}. */
  public static Hash32 keccak256(byte[] data, int offset, int length) {
    checkPositionIndexes(offset, offset + length, data.length);
    KeccakDigest digest = freshDigest();
    digest.update(data, offset, length);
    return finish(digest);
  }

  private static KeccakDigest freshDigest() {
    KeccakDigest digest = DIGEST.get();
    digest.reset();
    return digest;
  }

  private static Hash32 finish(KeccakDigest digest) {
    byte[] out = new byte[Hash32.SIZE];
    digest.doFinal(out, 0);
    return Hash32.wrap(out);
  }
}
