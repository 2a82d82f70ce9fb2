package io.plasmanode.storage.chain;

import io.plasmanode.core.tx.Output;
import io.plasmanode.core.types.Address;
import io.plasmanode.storage.kv.KvSerializer;
import io.plasmanode.storage.kv.StorageException;
import io.plasmanode.storage.serialize.ByteReader;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * An output as {@code owner (20) || token (20) || amountLength (1) || amount (big-endian, no
 * leading zeros, 1..32 bytes)}: 42 bytes for a small amount instead of a fixed 72.
 */
final class OutputSerializer {
  private static final int MAX_AMOUNT_BYTES = 32;

  /** An output as a whole value. */
  static final KvSerializer<Output> VALUE =
      new KvSerializer<>() {
        @Override
        public byte[] serialize(Output output) {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          write(output, out);
          return out.toByteArray();
        }

        @Override
        public Output deserialize(byte[] bytes) {
          ByteReader reader = ByteReader.of(bytes);
          Output output = read(reader);
          reader.end();
          return output;
        }
      };

  private OutputSerializer() {}

  static void write(Output output, ByteArrayOutputStream out) {
    out.writeBytes(output.owner().toArray());
    out.writeBytes(output.token().toArray());
    byte[] amount = magnitude(output.amount());
    out.write(amount.length);
    out.writeBytes(amount);
  }

  static Output read(ByteReader reader) {
    Address owner = reader.readAddress();
    Address token = reader.readAddress();
    int length = reader.readUnsignedByte();
    if (length == 0 || length > MAX_AMOUNT_BYTES) {
      throw new StorageException("corrupt stored amount length " + length);
    }
    return new Output(owner, token, new BigInteger(1, reader.bytes(length)));
  }

  private static byte[] magnitude(BigInteger amount) {
    byte[] bytes = amount.toByteArray();
    return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
  }
}
