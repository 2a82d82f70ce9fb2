package io.plasmanode.node.storage;

import io.plasmanode.core.tx.UtxoPos;
import java.nio.ByteBuffer;

/** A position as its 8-byte big-endian {@code utxoPos} number: byte order is position order. */
final class UtxoPosSerializer implements KvSerializer<UtxoPos> {
  static final UtxoPosSerializer INSTANCE = new UtxoPosSerializer();
  static final int SIZE = Long.BYTES;

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

  static UtxoPos read(ByteReader reader) {
    long value = reader.readLong();
    return UtxoPos.fromLong(value)
        .orElseThrow(() -> new StorageException("corrupt stored position " + value));
  }
}
