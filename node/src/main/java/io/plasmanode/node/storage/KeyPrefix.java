package io.plasmanode.node.storage;

import java.util.Arrays;

/** Byte-prefix helpers shared by the stores and columns. */
final class KeyPrefix {
  private KeyPrefix() {}

  static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  static byte[] concat(byte[] first, byte[] second) {
    byte[] joined = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, joined, first.length, second.length);
    return joined;
  }
}
