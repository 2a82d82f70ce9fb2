package io.plasmanode.storage.serialize;

import io.plasmanode.core.types.Hash32;
import io.plasmanode.storage.kv.KvSerializer;

/** A hash as its 32 bytes. */
public final class Hash32Serializer implements KvSerializer<Hash32> {
  public static final Hash32Serializer INSTANCE = new Hash32Serializer();

  private Hash32Serializer() {}

  @Override
  public byte[] serialize(Hash32 hash) {
    return hash.toArray();
  }

  @Override
  public Hash32 deserialize(byte[] bytes) {
    ByteReader reader = ByteReader.of(bytes);
    Hash32 hash = reader.readHash();
    reader.end();
    return hash;
  }
}
