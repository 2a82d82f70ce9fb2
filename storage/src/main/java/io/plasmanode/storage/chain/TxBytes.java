package io.plasmanode.storage.chain;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.ValidationResult;
import java.util.Arrays;

/**
 * A stored transaction: its signed bytes (as gossiped and served) with its hash ({@code keccak256}
 * of the unsigned bytes, docs/spec.md), so neither is recomputed on read. Immutable: bytes are
 * copied in and out.
 */
public final class TxBytes {
  private final Hash32 txHash;
  private final byte[] signedBytes;

  private TxBytes(Hash32 txHash, byte[] signedBytes) {
    this.txHash = requireNonNull(txHash, "txHash");
    this.signedBytes = signedBytes;
  }

  /** Encodes {@code signed} with {@link TxCodec}. */
  public static TxBytes of(SignedTransaction signed) {
    Hash32 txHash = Keccak.keccak256(TxCodec.encode(signed.tx()));
    return new TxBytes(txHash, TxCodec.encodeSigned(signed));
  }

  /**
   * Keeps bytes a caller has just decoded strictly (so they are the one canonical encoding) with
   * the hash it computed from them, saving the re-encoding {@link #of} does.
   */
  public static TxBytes ofDecoded(Hash32 txHash, byte[] signedBytes) {
    return new TxBytes(txHash, signedBytes.clone());
  }

  /**
   * Rebuilds a value this class encoded; trusts that {@code txHash} matches the bytes, and takes
   * {@code signedBytes} without a copy (the storage decoder made them and keeps no reference).
   */
  static TxBytes fromStorage(Hash32 txHash, byte[] signedBytes) {
    return new TxBytes(txHash, signedBytes);
  }

  public Hash32 txHash() {
    return txHash;
  }

  public byte[] signedBytes() {
    return signedBytes.clone();
  }

  /** The signed transaction; invalid only if the stored bytes were damaged. */
  public ValidationResult<SignedTransaction> decode() {
    return TxCodec.decodeSigned(signedBytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TxBytes that
        && txHash.equals(that.txHash)
        && Arrays.equals(signedBytes, that.signedBytes);
  }

  @Override
  public int hashCode() {
    return txHash.hashCode();
  }

  @Override
  public String toString() {
    return "TxBytes[" + txHash.toShortHex() + ", " + signedBytes.length + " bytes]";
  }
}
