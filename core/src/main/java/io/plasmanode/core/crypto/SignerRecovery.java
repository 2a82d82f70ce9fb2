package io.plasmanode.core.crypto;

import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.util.Optional;

/**
 * Recovers who signed a 32-byte digest: secp256k1 public key recovery, then the key's address.
 * Implementations must be thread-safe.
 */
public interface SignerRecovery {

  /**
   * The address whose key produced {@code signature} over {@code digest}, or empty when the
   * signature is invalid: {@code r} or {@code s} zero or not below n, {@code s} above n/2, {@code
   * v} not 27/28, or no curve point for {@code r}.
   */
  Optional<Address> recover(Hash32 digest, Signature signature);
}
