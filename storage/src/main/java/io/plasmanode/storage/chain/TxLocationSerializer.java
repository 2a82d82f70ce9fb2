package io.plasmanode.storage.chain;

import io.plasmanode.storage.kv.KvSerializer;
import io.plasmanode.storage.serialize.ByteReader;
import java.nio.ByteBuffer;

/** {@code blknum (8) || txindex (2)}, big-endian: byte order is block order, then index order. */
final class TxLocationSerializer implements KvSerializer<TxLocation> {
  static final TxLocationSerializer INSTANCE = new TxLocationSerializer();

  /** Bytes of a serialized location. */
  static final int SIZE = Long.BYTES + Short.BYTES;

  private TxLocationSerializer() {}

  @Override
  public byte[] serialize(TxLocation location) {
    return ByteBuffer.allocate(SIZE)
        .putLong(location.blknum())
        .putShort((short) location.txindex())
        .array();
  }

  @Override
  public TxLocation deserialize(byte[] bytes) {
    ByteReader reader = ByteReader.of(bytes);
    long blknum = reader.readLong();
    int txindex = reader.readUnsignedShort();
    reader.end();
    return new TxLocation(blknum, txindex);
  }
}
