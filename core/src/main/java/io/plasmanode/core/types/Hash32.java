package io.plasmanode.core.types;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
import java.util.HexFormat;

/** An immutable 32-byte value: a keccak256 hash, a Merkle root or node, a 32-byte word. */
public final class Hash32 implements Comparable<Hash32> {
  public static final int SIZE = 32;
  public static final Hash32 ZERO = new Hash32(new byte[SIZE]);

  private final byte[] bytes;

  private Hash32(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Copies {@code bytes}, which must be exactly 32 bytes long. */
  public static Hash32 of(byte[] bytes) {
    checkArgument(bytes.length == SIZE, "a Hash32 has 32 bytes, got %s", bytes.length);
    return new Hash32(bytes.clone());
  }

  /** Copies 32 bytes of {@code source} starting at {@code offset}. */
  public static Hash32 of(byte[] source, int offset) {
    checkArgument(offset >= 0 && source.length - offset >= SIZE, "need 32 bytes at %s", offset);
    return new Hash32(Arrays.copyOfRange(source, offset, offset + SIZE));
  }

  /** Takes ownership of {@code bytes} without copying; only for freshly computed hashes. */
  public static Hash32 wrap(byte[] bytes) {
    checkArgument(bytes.length == SIZE, "a Hash32 has 32 bytes, got %s", bytes.length);
    return new Hash32(bytes);
  }

  /** Parses 64 hex digits, with or without a {@code 0x} prefix. */
  public static Hash32 fromHex(String hex) {
    return of(Hex.decode(hex, SIZE));
  }

  public byte[] toArray() {
    return bytes.clone();
  }

  /** Copies the 32 bytes into {@code target} at {@code offset}. */
  public void copyTo(byte[] target, int offset) {
    System.arraycopy(bytes, 0, target, offset, SIZE);
  }

  public byte get(int index) {
    return bytes[index];
  }

  /**
   * Whether the high 224 bits (the first 28 bytes) are equal: how the L1 contract compares block
   * roots, since it stores a 32-bit timestamp in the low bits (see docs/spec.md).
   */
  public boolean high224Equals(Hash32 other) {
    return Arrays.equals(bytes, 0, 28, other.bytes, 0, 28);
  }

  public String toHex() {
    return "0x" + HexFormat.of().formatHex(bytes);
  }

  /** The first and last 4 bytes, for logs. */
  public String toShortHex() {
    String hex = HexFormat.of().formatHex(bytes);
    return "0x" + hex.substring(0, 8) + ".." + hex.substring(56);
  }

  @Override
  public int compareTo(Hash32 other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Hash32 h && Arrays.equals(bytes, h.bytes);
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
