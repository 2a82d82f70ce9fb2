package io.plasmanode.core.types;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.HexFormat;

/** Hex text of fixed-size values, as users type it: optional {@code 0x}, any letter case. */
public final class Hex {
  private Hex() {}

  /**
   * Decodes {@code hex} into exactly {@code size} bytes.
   *
   * @throws IllegalArgumentException naming what is wrong with the text
   */
  public static byte[] decode(String hex, int size) {
    byte[] bytes = decode(hex);
    checkArgument(bytes.length == size, "expected %s bytes, got %s", size, bytes.length);
    return bytes;
  }

  /**
   * Decodes hex text of any even length.
   *
   * @throws IllegalArgumentException naming what is wrong with the text
   */
  public static byte[] decode(String hex) {
    String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    checkArgument(digits.length() % 2 == 0, "hex text has an odd number of digits");
    try {
      return HexFormat.of().parseHex(digits);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not hex: " + e.getMessage(), e);
    }
  }

  /** Lower-case hex with a {@code 0x} prefix. */
  public static String encode(byte[] bytes) {
    return "0x" + HexFormat.of().formatHex(bytes);
  }
}
