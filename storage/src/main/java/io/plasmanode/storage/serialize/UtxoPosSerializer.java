package io.plasmanode.storage.serialize;

import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.storage.kv.KvSerializer;
import io.plasmanode.storage.kv.StorageException;
import java.nio.ByteBuffer;

/** A position as its 8-byte big-endian {@code utxoPos} number: byte order is position order. */
public final class UtxoPosSerializer implements KvSerializer<UtxoPos> {
  public static final UtxoPosSerializer INSTANCE = new UtxoPosSerializer();
  public static final int SIZE = Long.BYTES;

  private UtxoPosSerializer() {}

  @Override
  public byte[] serialize(UtxoPos pos) {
    return ByteBuffer.allocate(SIZE).putLong(pos.toLong()).array();
  }

  @Override
  public UtxoPos deserialize(byte[] bytes) {
    ByteReader reader = ByteReader.of(bytes);
    UtxoPos pos = read(reader);
    reader.end();
    return pos;
  }

  public static UtxoPos read(ByteReader reader) {
    long value = reader.readLong();
    return UtxoPos.fromLong(value)
        .orElseThrow(() -> new StorageException("corrupt stored position " + value));
  }
}
