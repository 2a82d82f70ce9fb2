package io.plasmanode.storage.chain;

import io.plasmanode.storage.kv.KvSerializer;
import io.plasmanode.storage.kv.StorageException;
import io.plasmanode.storage.serialize.FormatVersioned;

/** The value of an index entry whose key says it all; stored as just the format byte. */
enum Marker {
  PRESENT;

  static final KvSerializer<Marker> SERIALIZER =
      FormatVersioned.v1(
          new KvSerializer<>() {
            @Override
            public byte[] serialize(Marker marker) {
              return new byte[0];
            }

            @Override
            public Marker deserialize(byte[] bytes) {
              if (bytes.length != 0) {
                throw new StorageException("corrupt marker: " + bytes.length + " bytes");
              }
              return PRESENT;
            }
          });
}
