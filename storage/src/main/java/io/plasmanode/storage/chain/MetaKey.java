package io.plasmanode.storage.chain;

import io.plasmanode.storage.kv.KvSerializer;
import io.plasmanode.storage.kv.StorageException;

/** The single values the chain store keeps, each under a one-byte key of the meta column. */
enum MetaKey {
  /** The last L1 block whose events were fully processed. */
  LAST_L1_BLOCK(1),
  /** The number of the last closed child block. */
  HEIGHT(2),
  /**
   * Present (value 1) when the account history ({@link AccountHistory}) was kept from the chain's
   * start: written into an empty chain, absent in one written before the history existed.
   */
  HISTORY_INDEX(3);

  private final byte id;

  MetaKey(int id) {
    this.id = (byte) id;
  }

  static final KvSerializer<MetaKey> SERIALIZER =
      new KvSerializer<>() {
        @Override
        public byte[] serialize(MetaKey key) {
          return new byte[] {key.id};
        }

        @Override
        public MetaKey deserialize(byte[] bytes) {
          for (MetaKey key : values()) {
            if (bytes.length == 1 && bytes[0] == key.id) {
              return key;
            }
          }
          throw new StorageException("unknown meta key");
        }
      };
}
