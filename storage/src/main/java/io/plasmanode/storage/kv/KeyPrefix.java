package io.plasmanode.storage.kv;

import java.util.Arrays;

/** Byte-prefix helpers shared by the stores and columns. */
public final class KeyPrefix {
  private KeyPrefix() {}

  public static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  /**
   * Checks a {@link KeyValueStore#scanFrom} start.
   *
   * @throws IllegalArgumentException if {@code from} does not start with {@code prefix}
   */
  public static void requireWithin(byte[] prefix, byte[] from) {
    if (!startsWith(from, prefix)) {
      throw new IllegalArgumentException("a scan starts within its prefix");
    }
  }

  public static byte[] concat(byte[] first, byte[] second) {
    byte[] joined = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, joined, first.length, second.length);
    return joined;
  }
}
