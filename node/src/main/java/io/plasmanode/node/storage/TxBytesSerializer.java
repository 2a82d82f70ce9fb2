package io.plasmanode.node.storage;

import io.plasmanode.core.types.Hash32;

/** {@code txHash (32) || signed bytes (TxCodec.encodeSigned, to the end)}. */
final class TxBytesSerializer implements KvSerializer<TxBytes> {
  static final KvSerializer<TxBytes> INSTANCE = FormatVersioned.v1(new TxBytesSerializer());

  private TxBytesSerializer() {}

  @Override
  public byte[] serialize(TxBytes tx) {
    return KeyPrefix.concat(tx.txHash().toArray(), tx.signedBytes());
  }

  @Override
  public TxBytes deserialize(byte[] bytes) {
    ByteReader reader = ByteReader.of(bytes);
    Hash32 txHash = reader.readHash();
    return TxBytes.fromStorage(txHash, reader.rest());
  }
}
