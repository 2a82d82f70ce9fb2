package io.plasmanode.storage.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
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

  /**
   * A process killed in the middle of a write leaves a record at the end of LevelDB's log whose
   * checksum does not match; paranoid checks alone would refuse to open the database for good.
   */
  @Test
  void reopen_afterACrashToreTheLastLogRecord_keepsEverythingBeforeIt() throws IOException {
    put("a", "1");
    put("b", "2");
    store.close();
    Path log;
    try (Stream<Path> files = Files.list(dataDir)) {
      log =
          files.filter(file -> file.toString().endsWith(".log")).max(Path::compareTo).orElseThrow();
    }
    byte[] torn = new byte[7 + 10];
    torn[4] = 10; // length 10 (little-endian), type 1 (a full record), checksum 0: wrong
    torn[6] = 1;
    Files.write(log, torn, StandardOpenOption.APPEND);

    store = LevelDbKeyValueStore.open(dataDir);

    assertThat(store.get(bytes("a")).map(KeyValueStoreContractTest::text)).hasValue("1");
    assertThat(store.get(bytes("b")).map(KeyValueStoreContractTest::text)).hasValue("2");
    put("c", "3");
    store.close();
    store = LevelDbKeyValueStore.open(dataDir);
    assertThat(store.get(bytes("c")).map(KeyValueStoreContractTest::text)).hasValue("3");
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
