package io.plasmanode.core.types;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
import java.util.HexFormat;

/** An immutable 20-byte Ethereum address. {@link #ZERO} is the ETH token. */
public final class Address implements Comparable<Address> {
  public static final int SIZE = 20;
  public static final Address ZERO = new Address(new byte[SIZE]);

  private final byte[] bytes;

  private Address(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Copies {@code bytes}, which must be exactly 20 bytes long. */
  public static Address of(byte[] bytes) {
    checkArgument(bytes.length == SIZE, "an address has 20 bytes, got %s", bytes.length);
    return new Address(bytes.clone());
  }

  /** Copies 20 bytes of {@code source} starting at {@code offset}. */
  public static Address of(byte[] source, int offset) {
    checkArgument(offset >= 0 && source.length - offset >= SIZE, "need 20 bytes at %s", offset);
    return new Address(Arrays.copyOfRange(source, offset, offset + SIZE));
  }

  /** Parses 40 hex digits, with or without a {@code 0x} prefix, in any letter case. */
  public static Address fromHex(String hex) {
    return of(Hex.decode(hex, SIZE));
  }

  public boolean isZero() {
    return equals(ZERO);
  }

  public byte[] toArray() {
    return bytes.clone();
  }

  /** Copies the 20 bytes into {@code target} at {@code offset}. */
  public void copyTo(byte[] target, int offset) {
    System.arraycopy(bytes, 0, target, offset, SIZE);
  }

  /** Lower-case hex with a {@code 0x} prefix. */
  public String toHex() {
    return "0x" + HexFormat.of().formatHex(bytes);
  }

  @Override
  public int compareTo(Address other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Address a && Arrays.equals(bytes, a.bytes);
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
