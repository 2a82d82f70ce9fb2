package io.plasmanode.storage.chain;

import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.storage.kv.KeyPrefix;
import io.plasmanode.storage.kv.KeyValueStore;
import io.plasmanode.storage.kv.KvSerializer;
import io.plasmanode.storage.kv.StorageException;
import io.plasmanode.storage.serialize.ByteReader;
import io.plasmanode.storage.serialize.UtxoPosSerializer;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The in-flight exits started on L1 that spend each output, for {@link ChainStore}: {@code utxoPos
 * (8) || exitId (16)} -> marker, so an output's exits are one prefix scan. Kept for good (an exit
 * id never restarts); the operator asks L1 whether they are still active.
 */
final class InFlightSpends {
  private static final int ID_BYTES = 16;

  /** An in-flight exit whose tx spends the output at {@code pos}. */
  record Spend(UtxoPos pos, InFlightExitId exitId) {}

  static final KvSerializer<Spend> SERIALIZER = new SpendSerializer();

  private InFlightSpends() {}

  static void record(KeyValueStore store, UtxoPos pos, InFlightExitId exitId) {
    try (KeyValueStore.Transaction tx = store.startTransaction()) {
      ChainColumns.IN_FLIGHT_SPENDS.put(tx, new Spend(pos, exitId), Marker.PRESENT);
      tx.commit();
    }
  }

  static List<InFlightExitId> of(KeyValueStore store, UtxoPos pos) {
    List<InFlightExitId> exits = new ArrayList<>();
    ChainColumns.IN_FLIGHT_SPENDS.forEachWithKeyPrefix(
        store,
        UtxoPosSerializer.INSTANCE.serialize(pos),
        (spend, marker) -> exits.add(spend.exitId()));
    return List.copyOf(exits);
  }

  private static final class SpendSerializer implements KvSerializer<Spend> {
    @Override
    public byte[] serialize(Spend spend) {
      byte[] value = spend.exitId().value().toByteArray();
      // 2^127 <= id < 2^128: 16 bytes, or 17 with a leading sign byte 0.
      byte[] id = Arrays.copyOfRange(value, value.length - ID_BYTES, value.length);
      return KeyPrefix.concat(UtxoPosSerializer.INSTANCE.serialize(spend.pos()), id);
    }

    @Override
    public Spend deserialize(byte[] bytes) {
      ByteReader reader = ByteReader.of(bytes);
      UtxoPos pos = UtxoPosSerializer.read(reader);
      byte[] id = reader.bytes(ID_BYTES);
      reader.end();
      try {
        return new Spend(pos, new InFlightExitId(new BigInteger(1, id)));
      } catch (IllegalArgumentException e) {
        throw new StorageException("corrupt in-flight exit id: " + e.getMessage());
      }
    }
  }
}
