package io.plasmanode.storage.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import io.plasmanode.storage.kv.KeyValueStore;
import io.plasmanode.storage.kv.LevelDbKeyValueStore;
import io.plasmanode.storage.kv.StorageException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database-wide storage format: written into new databases, other formats refused. */
class StoreFormatTest {
  private static final Output OUTPUT =
      new Output(TestKeys.ALICE.address(), Address.ZERO, BigInteger.TEN);

  /** A database as plasma wrote it before formats were recorded: chain data, no marker. */
  private static void writeFormat1Chain(KeyValueStore kv) {
    try (KeyValueStore.Transaction tx = kv.startTransaction()) {
      ChainColumns.META.put(tx, MetaKey.LAST_L1_BLOCK, 42L);
      ChainColumns.DEPOSITS.put(tx, 1L, 40L);
      tx.commit();
    }
  }

  private static void writeMarker(KeyValueStore kv, int format) {
    try (KeyValueStore.Transaction tx = kv.startTransaction()) {
      tx.put(StoreFormat.KEY, ByteBuffer.allocate(4).putInt(format).array());
      tx.commit();
    }
  }

  @Test
  void newDatabase_getsTheCurrentFormatAndOpensAgain() {
    InMemoryKeyValueStore kv = new InMemoryKeyValueStore();
    ChainStore chain = new ChainStore(kv);
    chain.applyDeposit(new Utxo(new UtxoPos(1, 0, 0), OUTPUT), 3);

    assertThat(kv.get(StoreFormat.KEY)).hasValueSatisfying(v -> assertThat(v).hasSize(4));
    assertThat(ByteBuffer.wrap(kv.get(StoreFormat.KEY).orElseThrow()).getInt()).isEqualTo(2);
    assertThat(new ChainStore(kv).isDepositApplied(1)).isTrue();
  }

  @Test
  void oldDataDir_isRefusedNamingTheReason(@TempDir Path dir) {
    try (LevelDbKeyValueStore kv = LevelDbKeyValueStore.open(dir)) {
      writeFormat1Chain(kv);
    }
    try (LevelDbKeyValueStore kv = LevelDbKeyValueStore.open(dir)) {
      assertThatThrownBy(() -> StoreFormat.requireCurrent(kv, dir))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining(dir.toString())
          .hasMessageContaining("storage format 1")
          .hasMessageContaining("blknum * 1e9 + txindex * 1e4 + oindex")
          .hasMessageContaining("reads format 2")
          .hasMessageContaining("does not migrate");
      assertThatThrownBy(() -> new ChainStore(kv)).isInstanceOf(StorageException.class);
      assertThat(kv.get(StoreFormat.KEY)).as("nothing written into it").isEmpty();
    }
    assertThatThrownBy(() -> ChainCheck.checkDatabase(dir, ChainCheckMode.FULL, 10))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("storage format 1");
  }

  @Test
  void oldJournal_isRefused(@TempDir Path dir) {
    try (LevelDbKeyValueStore kv = LevelDbKeyValueStore.open(dir)) {
      try (KeyValueStore.Transaction tx = kv.startTransaction()) {
        tx.put(new byte[] {1, 0, 0, 0, 0, 0, 0, 3, (byte) 0xe8, 0, 0, 0, 0}, new byte[] {1});
        tx.commit();
      }
    }
    assertThatThrownBy(() -> TxJournal.open(dir))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("storage format 1");
    TxJournal.open(dir.resolveSibling(dir.getFileName() + "-new")).close();
  }

  @Test
  void newerFormat_isRefused() {
    InMemoryKeyValueStore kv = new InMemoryKeyValueStore();
    writeMarker(kv, 3);
    assertThatThrownBy(() -> StoreFormat.requireCurrent(kv, "db"))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("storage format 3, newer than this plasma's 2");
  }

  @Test
  void corruptMarker_isRefused() {
    InMemoryKeyValueStore kv = new InMemoryKeyValueStore();
    try (KeyValueStore.Transaction tx = kv.startTransaction()) {
      tx.put(StoreFormat.KEY, new byte[] {2});
      tx.commit();
    }
    assertThatThrownBy(() -> StoreFormat.requireCurrent(kv, "db"))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("corrupt format marker");
  }

  @Test
  void readOnlyCheck_writesNothing() {
    InMemoryKeyValueStore kv = new InMemoryKeyValueStore();
    StoreFormat.requireReadable(kv, "db");
    assertThat(kv.get(StoreFormat.KEY)).isEmpty();
    writeMarker(kv, StoreFormat.CURRENT);
    StoreFormat.requireReadable(kv, "db");
    assertThat(ChainCheck.run(kv, ChainCheckMode.FULL).problems())
        .as("the integrity check ignores the marker")
        .isEqualTo(List.of());
  }
}
