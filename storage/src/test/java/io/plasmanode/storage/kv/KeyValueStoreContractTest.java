package io.plasmanode.storage.kv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The semantics every {@link KeyValueStore} must have; one subclass per implementation. */
abstract class KeyValueStoreContractTest {
  protected KeyValueStore store;

  protected abstract KeyValueStore openStore();

  @BeforeEach
  void open() {
    store = openStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  static String text(byte[] bytes) {
    return new String(bytes, UTF_8);
  }

  protected void put(String key, String value) {
    try (KeyValueStore.Transaction tx = store.startTransaction()) {
      tx.put(bytes(key), bytes(value));
      tx.commit();
    }
  }

  private List<String> keysWithPrefix(byte[] prefix) {
    List<String> keys = new ArrayList<>();
    store.forEachWithPrefix(prefix, (key, value) -> keys.add(text(key) + "=" + text(value)));
    return keys;
  }

  @Test
  void get_returnsEmptyForAbsentKey() {
    assertThat(store.get(bytes("missing"))).isEmpty();
  }

  @Test
  void commit_makesPutVisible() {
    put("a", "1");

    assertThat(store.get(bytes("a"))).hasValueSatisfying(v -> assertThat(text(v)).isEqualTo("1"));
  }

  @Test
  void commit_overwritesAndDeletes() {
    put("a", "1");
    put("b", "2");
    try (KeyValueStore.Transaction tx = store.startTransaction()) {
      tx.put(bytes("a"), bytes("3"));
      tx.delete(bytes("b"));
      tx.delete(bytes("never-there"));
      tx.commit();
    }

    assertThat(store.get(bytes("a")).map(KeyValueStoreContractTest::text)).hasValue("3");
    assertThat(store.get(bytes("b"))).isEmpty();
  }

  @Test
  void transaction_laterWriteToSameKeyWins() {
    try (KeyValueStore.Transaction tx = store.startTransaction()) {
      tx.put(bytes("a"), bytes("1"));
      tx.delete(bytes("a"));
      tx.put(bytes("b"), bytes("1"));
      tx.put(bytes("b"), bytes("2"));
      tx.commit();
    }

    assertThat(store.get(bytes("a"))).isEmpty();
    assertThat(store.get(bytes("b")).map(KeyValueStoreContractTest::text)).hasValue("2");
  }

  @Test
  void transaction_isInvisibleBeforeCommit() {
    try (KeyValueStore.Transaction tx = store.startTransaction()) {
      tx.put(bytes("a"), bytes("1"));
      tx.put(bytes("b"), bytes("2"));

      assertThat(store.get(bytes("a"))).isEmpty();
      assertThat(keysWithPrefix(new byte[0])).isEmpty();
      tx.commit();
    }
    assertThat(keysWithPrefix(new byte[0])).containsExactly("a=1", "b=2");
  }

  @Test
  void close_discardsUncommittedTransaction() {
    put("kept", "1");
    try (KeyValueStore.Transaction tx = store.startTransaction()) {
      tx.put(bytes("dropped"), bytes("1"));
      tx.delete(bytes("kept"));
    }

    assertThat(store.get(bytes("dropped"))).isEmpty();
    assertThat(store.get(bytes("kept"))).isPresent();
  }

  @Test
  void transaction_cannotBeUsedAfterCommit() {
    KeyValueStore.Transaction tx = store.startTransaction();
    tx.commit();

    assertThatThrownBy(tx::commit).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> tx.put(bytes("a"), bytes("1")))
        .isInstanceOf(IllegalStateException.class);
    tx.close();
  }

  @Test
  void put_copiesItsArguments() {
    byte[] key = bytes("a");
    byte[] value = bytes("1");
    try (KeyValueStore.Transaction tx = store.startTransaction()) {
      tx.put(key, value);
      value[0] = 'x';
      tx.commit();
    }
    store.get(key).orElseThrow()[0] = 'y';

    assertThat(store.get(key).map(KeyValueStoreContractTest::text)).hasValue("1");
  }

  @Test
  void forEachWithPrefix_visitsMatchingKeysInUnsignedOrder() {
    try (KeyValueStore.Transaction tx = store.startTransaction()) {
      tx.put(new byte[] {1, (byte) 0xff}, bytes("high"));
      tx.put(new byte[] {1, 0x01}, bytes("low"));
      tx.put(new byte[] {1, (byte) 0x80}, bytes("mid"));
      tx.put(new byte[] {1}, bytes("prefix-itself"));
      tx.put(new byte[] {0, 5}, bytes("before"));
      tx.put(new byte[] {2, 0}, bytes("after"));
      tx.put(new byte[] {(byte) 0xff}, bytes("last"));
      tx.commit();
    }

    List<String> values = new ArrayList<>();
    store.forEachWithPrefix(new byte[] {1}, (key, value) -> values.add(text(value)));

    assertThat(values).containsExactly("prefix-itself", "low", "mid", "high");
  }

  @Test
  void forEachWithPrefix_emptyPrefixVisitsAll() {
    put("b", "2");
    put("a", "1");

    assertThat(keysWithPrefix(new byte[0])).containsExactly("a=1", "b=2");
  }

  @Test
  void forEachWithPrefix_stopsWhenVisitorThrows() {
    put("a1", "1");
    put("a2", "2");
    List<String> seen = new ArrayList<>();

    assertThatThrownBy(
            () ->
                store.forEachWithPrefix(
                    bytes("a"),
                    (key, value) -> {
                      seen.add(text(key));
                      throw new IllegalStateException("stop");
                    }))
        .hasMessage("stop");
    assertThat(seen).containsExactly("a1");
    assertThat(keysWithPrefix(bytes("a"))).hasSize(2);
  }

  @Test
  void scanFrom_startsAtTheKeyAndEndsWithThePrefix() {
    put("a1", "1");
    put("b1", "2");
    put("b3", "3");
    put("b5", "4");
    put("c1", "5");
    List<String> seen = new ArrayList<>();

    store.scanFrom(bytes("b"), bytes("b2"), (key, value) -> seen.add(text(key)));

    assertThat(seen).containsExactly("b3", "b5");
  }

  @Test
  void scanFrom_stopsWhenTheScannerSaysSo() {
    put("a1", "1");
    put("a2", "2");
    put("a3", "3");
    List<String> seen = new ArrayList<>();

    store.scanFrom(bytes("a"), bytes("a"), (key, value) -> seen.add(text(key)) && seen.size() < 2);

    assertThat(seen).containsExactly("a1", "a2");
  }

  @Test
  void scanFrom_refusesAStartOutsideThePrefix() {
    assertThatThrownBy(() -> store.scanFrom(bytes("b"), bytes("a"), (key, value) -> true))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void closedStore_rejectsEveryOperation() {
    KeyValueStore.Transaction open = store.startTransaction();
    open.put(bytes("a"), bytes("1"));
    store.close();

    assertThatThrownBy(() -> store.get(bytes("a")))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> store.forEachWithPrefix(new byte[0], (k, v) -> {}))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> store.scanFrom(new byte[0], new byte[0], (k, v) -> true))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(store::startTransaction)
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(open::commit).isInstanceOf(StorageException.class);
    open.close();
    store.close();
  }
}
