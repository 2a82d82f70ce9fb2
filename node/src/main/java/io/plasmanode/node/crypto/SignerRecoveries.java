package io.plasmanode.node.crypto;

import io.plasmanode.core.crypto.BouncyCastleSignerRecovery;
import io.plasmanode.core.crypto.DigestSigner;
import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.crypto.SignerRecovery;
import io.plasmanode.core.types.Hash32;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Picks the fastest {@link SignerRecovery} that works on this machine. */
public final class SignerRecoveries {
  private static final Logger LOG = LoggerFactory.getLogger(SignerRecoveries.class);

  private SignerRecoveries() {}

  /**
   * Native libsecp256k1 if its library loads and passes a self-test, else pure-Java BouncyCastle.
   * Decided once per JVM (the first call logs which); thread-safe.
   */
  public static SignerRecovery best() {
    return Best.INSTANCE;
  }

  /**
   * Native libsecp256k1 signing if {@link #best()} chose the native library, else BouncyCastle: the
   * same signatures either way.
   */
  public static DigestSigner bestSigner() {
    return BestSigner.INSTANCE;
  }

  private static final class Best {
    static final SignerRecovery INSTANCE = choose(fr.acinq.secp256k1.Secp256k1::get);
  }

  private static final class BestSigner {
    static final DigestSigner INSTANCE =
        best() instanceof NativeSignerRecovery
            ? new NativeDigestSigner(fr.acinq.secp256k1.Secp256k1.get())
            : DigestSigner.BOUNCY_CASTLE;
  }

  /** {@link NativeSignerRecovery} on the library {@code loader} gives, or BouncyCastle. */
  static SignerRecovery choose(Callable<fr.acinq.secp256k1.Secp256k1> loader) {
    Optional<String> failure;
    SignerRecovery candidate = null;
    try {
      candidate = new NativeSignerRecovery(loader.call());
      failure = selfTestFailure(candidate);
    } catch (Exception | LinkageError e) {
      failure = Optional.of(String.valueOf(e));
    }
    if (failure.isEmpty()) {
      LOG.info("Signer recovery: native libsecp256k1");
      return candidate;
    }
    LOG.warn(
        "Signer recovery: pure-Java BouncyCastle (about 4x slower); native libsecp256k1 unusable: {}",
        failure.get());
    return new BouncyCastleSignerRecovery();
  }

  /** Why {@code recovery} does not recover a known signer, if it does not. */
  private static Optional<String> selfTestFailure(SignerRecovery recovery) {
    byte[] seed = "plasma-node signer recovery self-test".getBytes(StandardCharsets.US_ASCII);
    Hash32 digest = Keccak.keccak256(seed);
    PrivateKey key = PrivateKey.of(Keccak.keccak256(digest.toArray()).toArray());
    boolean recovered =
        recovery.recover(digest, key.sign(digest)).equals(Optional.of(key.address()));
    return recovered ? Optional.empty() : Optional.of("self-test recovered the wrong signer");
  }
}
