package io.plasmanode.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract on a real LevelDB in a temporary directory, plus what only disk can show. */
class LevelDbKeyValueStoreTest extends KeyValueStoreContractTest {
  @TempDir Path dataDir;

  @Override
  protected KeyValueStore openStore() {
    return LevelDbKeyValueStore.open(dataDir);
  }

  @Test
  void reopen_keepsCommittedData() {
    put("a", "1");
    store.close();

    store = LevelDbKeyValueStore.open(dataDir);

    assertThat(store.get(bytes("a")).map(KeyValueStoreContractTest::text)).hasValue("1");
  }

  @Test
  void reopen_afterCloseWithOpenTransaction_losesOnlyTheUncommittedWrites() {
    put("committed", "1");
    KeyValueStore.Transaction open = store.startTransaction();
    open.put(bytes("uncommitted"), bytes("1"));
    open.delete(bytes("committed"));
    store.close();

    store = LevelDbKeyValueStore.open(dataDir);

    assertThat(store.get(bytes("committed"))).isPresent();
    assertThat(store.get(bytes("uncommitted"))).isEmpty();
  }

  @Test
  void open_createsMissingDirectories() {
    Path nested = dataDir.resolve("a/b/chain");
    try (KeyValueStore other = LevelDbKeyValueStore.open(nested)) {
      assertThat(other.get(bytes("x"))).isEmpty();
    }
    assertThat(nested.resolve("CURRENT")).exists();
  }

  @Test
  void open_whileAnotherStoreHoldsTheDirectory_saysItIsInUse() {
    assertThatThrownBy(() -> LevelDbKeyValueStore.open(dataDir))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("data dir " + dataDir + " is in use by another plasma process");
  }
}
