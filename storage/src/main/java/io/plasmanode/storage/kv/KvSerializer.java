package io.plasmanode.storage.kv;

import io.plasmanode.storage.serialize.FormatVersioned;

/**
 * Converts a key or value to bytes and back. Key serializers must preserve order (the bytes sort as
 * the keys should iterate); value serializers start with a format byte (see {@link
 * FormatVersioned}). {@code deserialize} throws {@link StorageException} on bytes it did not write.
 */
public interface KvSerializer<T> {
  byte[] serialize(T value);

  T deserialize(byte[] bytes);
}
