package io.plasmanode.storage.chain;

import io.plasmanode.core.types.Address;
import io.plasmanode.storage.kv.KvSerializer;
import io.plasmanode.storage.kv.StorageException;
import io.plasmanode.storage.serialize.ByteReader;
import java.nio.ByteBuffer;

/**
 * {@code address (20) || ~blknum (8) || ~txindex (2)}, big-endian with the position's bits
 * inverted: an address's entries are contiguous and in descending position order, so its newest
 * page is the start of one forward scan and every later page starts right after the last key of the
 * one before.
 */
final class HistoryKeySerializer implements KvSerializer<HistoryKey> {
  static final HistoryKeySerializer INSTANCE = new HistoryKeySerializer();

  private static final int TXINDEX_MASK = 0xffff;

  private HistoryKeySerializer() {}

  static byte[] addressPrefix(Address address) {
    return address.toArray();
  }

  @Override
  public byte[] serialize(HistoryKey key) {
    return ByteBuffer.allocate(Address.SIZE + TxLocationSerializer.SIZE)
        .put(key.address().toArray())
        .putLong(~key.location().blknum())
        .putShort((short) (TXINDEX_MASK - key.location().txindex()))
        .array();
  }

  @Override
  public HistoryKey deserialize(byte[] bytes) {
    ByteReader reader = ByteReader.of(bytes);
    Address address = reader.readAddress();
    long blknum = ~reader.readLong();
    int txindex = TXINDEX_MASK - reader.readUnsignedShort();
    reader.end();
    try {
      return new HistoryKey(address, new TxLocation(blknum, txindex));
    } catch (IllegalArgumentException e) {
      throw new StorageException("corrupt history key: " + e.getMessage(), e);
    }
  }
}
