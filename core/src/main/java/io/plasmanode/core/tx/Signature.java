package io.plasmanode.core.tx;

import static com.google.common.base.Preconditions.checkArgument;

import io.plasmanode.core.types.Hex;
import java.util.Arrays;

/**
 * A 65-byte secp256k1 signature {@code r(32) || s(32) || v(1)} as it appears in a signed
 * transaction. Holding one says nothing about its validity: {@code r}, {@code s} and {@code v} are
 * checked when the signer is recovered.
 */
public final class Signature {
  public static final int SIZE = 65;

  private final byte[] bytes;

  private Signature(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Copies {@code bytes}, which must be exactly 65 bytes long. */
  public static Signature of(byte[] bytes) {
    checkArgument(bytes.length == SIZE, "a signature has 65 bytes, got %s", bytes.length);
    return new Signature(bytes.clone());
  }

  /** Assembles {@code r(32) || s(32) || v(1)}; {@code v} must fit in one unsigned byte. */
  public static Signature of(byte[] r, byte[] s, int v) {
    checkArgument(r.length == 32 && s.length == 32, "r and s have 32 bytes each");
    checkArgument(v >= 0 && v <= 0xff, "v %s does not fit in a byte", v);
    byte[] bytes = new byte[SIZE];
    System.arraycopy(r, 0, bytes, 0, 32);
    System.arraycopy(s, 0, bytes, 32, 32);
    bytes[64] = (byte) v;
    return new Signature(bytes);
  }

  public static Signature fromHex(String hex) {
    return of(Hex.decode(hex, SIZE));
  }

  public byte[] toArray() {
    return bytes.clone();
  }

  public byte[] r() {
    return Arrays.copyOfRange(bytes, 0, 32);
  }

  public byte[] s() {
    return Arrays.copyOfRange(bytes, 32, 64);
  }

  /** The recovery byte as written: 27 or 28 in a valid signature. */
  public int v() {
    return bytes[64] & 0xff;
  }

  public String toHex() {
    return Hex.encode(bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Signature s && Arrays.equals(bytes, s.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
