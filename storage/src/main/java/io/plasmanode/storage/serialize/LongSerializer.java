package io.plasmanode.storage.serialize;

import static com.google.common.base.Preconditions.checkArgument;

import io.plasmanode.storage.kv.KvSerializer;
import io.plasmanode.storage.kv.StorageException;
import java.nio.ByteBuffer;

/** A non-negative long as 8 big-endian bytes, so byte order is numeric order. */
public final class LongSerializer implements KvSerializer<Long> {
  public static final LongSerializer INSTANCE = new LongSerializer();

  private LongSerializer() {}

  @Override
  public byte[] serialize(Long value) {
    checkArgument(value >= 0, "stored numbers are non-negative, got %s", value);
    return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
  }

  @Override
  public Long deserialize(byte[] bytes) {
    ByteReader reader = ByteReader.of(bytes);
    long value = reader.readLong();
    reader.end();
    if (value < 0) {
      throw new StorageException("corrupt stored number " + value);
    }
    return value;
  }
}
