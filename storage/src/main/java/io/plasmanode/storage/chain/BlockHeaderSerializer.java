package io.plasmanode.storage.chain;

import io.plasmanode.storage.kv.KvSerializer;
import io.plasmanode.storage.kv.StorageException;
import io.plasmanode.storage.serialize.ByteReader;
import io.plasmanode.storage.serialize.FormatVersioned;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.Instant;

/** {@code root (32) || epochSecond (8) || nanos (4) || txCount (4)}. */
final class BlockHeaderSerializer implements KvSerializer<BlockHeader> {
  static final KvSerializer<BlockHeader> INSTANCE = FormatVersioned.v1(new BlockHeaderSerializer());

  private BlockHeaderSerializer() {}

  @Override
  public byte[] serialize(BlockHeader header) {
    ByteBuffer buffer = ByteBuffer.allocate(32 + 8 + 4 + 4);
    buffer.put(header.root().toArray());
    buffer.putLong(header.timestamp().getEpochSecond());
    buffer.putInt(header.timestamp().getNano());
    buffer.putInt(header.txCount());
    return buffer.array();
  }

  @Override
  public BlockHeader deserialize(byte[] bytes) {
    ByteReader reader = ByteReader.of(bytes);
    BlockHeader header =
        new BlockHeader(
            reader.readHash(), timestamp(reader.readLong(), reader.readInt()), reader.readInt());
    reader.end();
    return header;
  }

  private static Instant timestamp(long epochSecond, int nanos) {
    try {
      return Instant.ofEpochSecond(epochSecond, nanos);
    } catch (DateTimeException e) {
      throw new StorageException("corrupt stored timestamp " + epochSecond + "." + nanos, e);
    }
  }
}
