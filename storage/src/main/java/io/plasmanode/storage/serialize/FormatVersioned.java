package io.plasmanode.storage.serialize;

import io.plasmanode.storage.kv.KvSerializer;
import io.plasmanode.storage.kv.StorageException;
import java.util.Arrays;

/**
 * Prefixes a value's bytes with a format byte and refuses formats it does not know, so a later
 * version can change an encoding and still read (or at least recognise) the old one.
 */
public final class FormatVersioned<T> implements KvSerializer<T> {
  private final byte format;
  private final KvSerializer<T> body;

  private FormatVersioned(byte format, KvSerializer<T> body) {
    this.format = format;
    this.body = body;
  }

  /** {@code body} under format 1. */
  public static <T> KvSerializer<T> v1(KvSerializer<T> body) {
    return new FormatVersioned<>((byte) 1, body);
  }

  /** {@code body} under format 2: a value whose encoding replaced a format 1 one. */
  public static <T> KvSerializer<T> v2(KvSerializer<T> body) {
    return new FormatVersioned<>((byte) 2, body);
  }

  @Override
  public byte[] serialize(T value) {
    byte[] encoded = body.serialize(value);
    byte[] versioned = new byte[encoded.length + 1];
    versioned[0] = format;
    System.arraycopy(encoded, 0, versioned, 1, encoded.length);
    return versioned;
  }

  @Override
  public T deserialize(byte[] bytes) {
    if (bytes.length == 0 || bytes[0] != format) {
      throw new StorageException(
          "unknown value format %s (expected %d): was this data dir written by a newer plasma?"
              .formatted(bytes.length == 0 ? "(empty)" : Byte.toUnsignedInt(bytes[0]), format));
    }
    return body.deserialize(Arrays.copyOfRange(bytes, 1, bytes.length));
  }
}
