package io.plasmanode.core.types;

import static com.google.common.base.Preconditions.checkArgument;

import io.plasmanode.core.crypto.Keccak;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

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

  /**
   * Parses an address as people type it, with the EIP-55 checksum: 40 hex digits (with or without
   * {@code 0x}) whose letters are all lower case or all upper case (no checksum to check), or in
   * mixed case matching the EIP-55 checksum. A mixed-case address whose case does not match was
   * mistyped or altered and is refused: taking it would send money to an address nobody meant.
   *
   * @throws IllegalArgumentException naming what is wrong, e.g. a wrong EIP-55 checksum
   */
  public static Address fromHexChecked(String hex) {
    Address address = fromHex(hex);
    String digits = hex.substring(hex.length() - 2 * SIZE);
    boolean mixedCase =
        !digits.equals(digits.toLowerCase(Locale.ROOT))
            && !digits.equals(digits.toUpperCase(Locale.ROOT));
    if (mixedCase && !address.toChecksumHex().substring(2).equals(digits)) {
      throw new IllegalArgumentException(
          ("%s has a wrong EIP-55 checksum (the upper and lower case of its letters do not match"
                  + " its digits): it is probably mistyped, so check it against where it came"
                  + " from; an address typed all in lower case is taken without the check")
              .formatted(hex));
    }
    return address;
  }

  /** EIP-55 mixed-case hex with a {@code 0x} prefix, as wallets show addresses. */
  public String toChecksumHex() {
    String lower = HexFormat.of().formatHex(bytes);
    Hash32 hash = Keccak.keccak256(lower.getBytes(StandardCharsets.US_ASCII));
    StringBuilder checksummed = new StringBuilder("0x");
    for (int i = 0; i < lower.length(); i++) {
      int nibble = (hash.get(i / 2) >> (i % 2 == 0 ? 4 : 0)) & 0xf;
      char digit = lower.charAt(i);
      checksummed.append(nibble >= 8 ? Character.toUpperCase(digit) : digit);
    }
    return checksummed.toString();
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
