package io.plasmanode.storage.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import io.plasmanode.storage.kv.KeyValueStore;
import io.plasmanode.storage.kv.StorageException;
import io.plasmanode.storage.serialize.LongSerializer;
import io.plasmanode.storage.serialize.UtxoPosSerializer;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Damaged or foreign bytes are reported as storage failures, never misread. */
class SerializersTest {
  private static final UtxoEntry UNSPENT =
      UtxoEntry.of(
          new UtxoStatus.Unspent(ChainFixture.output(ChainFixture.ALICE, ChainFixture.ETH, 1)));

  @Test
  void versionedValue_rejectsAnUnknownFormat() {
    byte[] bytes = UtxoEntrySerializer.INSTANCE.serialize(UNSPENT);
    bytes[0] = 2;

    assertThatThrownBy(() -> UtxoEntrySerializer.INSTANCE.deserialize(bytes))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("unknown value format 2");
  }

  @Test
  void versionedValue_rejectsEmptyBytes() {
    assertThatThrownBy(() -> CommitStatusSerializer.INSTANCE.deserialize(new byte[0]))
        .isInstanceOf(StorageException.class);
  }

  @Test
  void utxoStatus_rejectsTruncatedAndTrailingBytes() {
    byte[] bytes = UtxoEntrySerializer.INSTANCE.serialize(UNSPENT);

    assertThatThrownBy(
            () -> UtxoEntrySerializer.INSTANCE.deserialize(Arrays.copyOf(bytes, bytes.length - 1)))
        .isInstanceOf(StorageException.class);
    assertThatThrownBy(
            () -> UtxoEntrySerializer.INSTANCE.deserialize(Arrays.copyOf(bytes, bytes.length + 1)))
        .isInstanceOf(StorageException.class);
  }

  @Test
  void utxoStatus_isCompactForSmallAmounts() {
    assertThat(UtxoEntrySerializer.INSTANCE.serialize(UNSPENT)).hasSize(1 + 1 + 20 + 20 + 1 + 1);
    assertThat(UtxoEntrySerializer.INSTANCE.serialize(UtxoEntry.of(UtxoStatus.SPENT))).hasSize(2);
    assertThat(UtxoEntrySerializer.INSTANCE.serialize(UtxoEntry.spentBy(new TxLocation(1000, 7))))
        .hasSize(1 + 1 + TxLocationSerializer.SIZE);
  }

  @Test
  void utxoEntry_unknownIsNeverStoredAndOnlySpentOutputsHaveASpender() {
    assertThatThrownBy(() -> UtxoEntry.of(UtxoStatus.UNKNOWN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new UtxoEntry(UNSPENT.status(), Optional.of(new TxLocation(1000, 0))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void utxoPos_rejectsANumberThatIsNoPosition() {
    byte[] bytes = LongSerializer.INSTANCE.serialize(UtxoPos.BLOCK_OFFSET + 4);

    assertThatThrownBy(() -> UtxoPosSerializer.INSTANCE.deserialize(bytes))
        .isInstanceOf(StorageException.class);
  }

  @Test
  void column_namesItselfWhenAValueIsCorrupt() {
    InMemoryKeyValueStore store = new InMemoryKeyValueStore();
    UtxoPos pos = new UtxoPos(1, 0, 0);
    try (KeyValueStore.Transaction tx = store.startTransaction()) {
      tx.put(ChainColumns.UTXOS.key(pos), new byte[] {1, 9});
      tx.commit();
    }

    assertThatThrownBy(() -> ChainColumns.UTXOS.get(store, pos))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("corrupt value in column utxos");
  }
}
