package io.plasmanode.storage.chain;

import io.plasmanode.core.types.Address;
import io.plasmanode.storage.kv.KeyPrefix;
import io.plasmanode.storage.kv.KvSerializer;
import io.plasmanode.storage.serialize.ByteReader;
import io.plasmanode.storage.serialize.UtxoPosSerializer;

/**
 * {@code owner (20) || utxoPos (8)}: an owner's entries are contiguous and in position order, so
 * {@link #ownerPrefix} finds them with one scan.
 */
final class OwnedPosSerializer implements KvSerializer<OwnedPos> {
  static final OwnedPosSerializer INSTANCE = new OwnedPosSerializer();

  private OwnedPosSerializer() {}

  static byte[] ownerPrefix(Address owner) {
    return owner.toArray();
  }

  @Override
  public byte[] serialize(OwnedPos key) {
    return KeyPrefix.concat(
        ownerPrefix(key.owner()), UtxoPosSerializer.INSTANCE.serialize(key.pos()));
  }

  @Override
  public OwnedPos deserialize(byte[] bytes) {
    ByteReader reader = ByteReader.of(bytes);
    Address owner = reader.readAddress();
    OwnedPos key = new OwnedPos(owner, UtxoPosSerializer.read(reader));
    reader.end();
    return key;
  }
}
