package io.plasmanode.storage.serialize;

import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.storage.kv.StorageException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/** Reads fixed-width fields of a stored key or value; running short is corruption. */
public final class ByteReader {
  private final ByteBuffer buffer;

  private ByteReader(byte[] bytes) {
    this.buffer = ByteBuffer.wrap(bytes);
  }

  public static ByteReader of(byte[] bytes) {
    return new ByteReader(bytes);
  }

  public int readUnsignedByte() {
    return Byte.toUnsignedInt(bytes(1)[0]);
  }

  public int readUnsignedShort() {
    return Short.toUnsignedInt(ByteBuffer.wrap(bytes(Short.BYTES)).getShort());
  }

  public int readInt() {
    return ByteBuffer.wrap(bytes(Integer.BYTES)).getInt();
  }

  public long readLong() {
    return ByteBuffer.wrap(bytes(Long.BYTES)).getLong();
  }

  public Hash32 readHash() {
    return Hash32.wrap(bytes(Hash32.SIZE));
  }

  public Address readAddress() {
    return Address.of(bytes(Address.SIZE));
  }

  public byte[] bytes(int length) {
    if (length < 0) {
      throw new StorageException("corrupt stored bytes: negative length " + length);
    }
    byte[] out = new byte[length];
    try {
      buffer.get(out);
    } catch (BufferUnderflowException e) {
      throw new StorageException(
          "corrupt stored bytes: need %d more, have %d".formatted(length, buffer.remaining()), e);
    }
    return out;
  }

  public byte[] rest() {
    return bytes(buffer.remaining());
  }

  /** Checks that every byte was read. */
  public void end() {
    if (buffer.hasRemaining()) {
      throw new StorageException("corrupt stored bytes: %d trailing".formatted(buffer.remaining()));
    }
  }
}
