package io.plasmanode.storage.kv;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;

/**
 * A typed table inside a {@link KeyValueStore}: its keys are {@code id || keySerializer(key)}, so a
 * column's entries are contiguous and iterate in key order (as Teku's {@code KvStoreColumn}).
 *
 * @param id the one-byte prefix, unique per store
 * @param name for error messages
 */
public record KvColumn<K, V>(
    byte id, String name, KvSerializer<K> keySerializer, KvSerializer<V> valueSerializer) {
  public KvColumn {
    requireNonNull(name, "name");
    requireNonNull(keySerializer, "keySerializer");
    requireNonNull(valueSerializer, "valueSerializer");
  }

  /** The full store key of {@code key}. */
  public byte[] key(K key) {
    return withId(keySerializer.serialize(key));
  }

  public Optional<V> get(KeyValueStore store, K key) {
    return store.get(key(key)).map(this::value);
  }

  public void put(KeyValueStore.Transaction transaction, K key, V value) {
    transaction.put(key(key), valueSerializer.serialize(value));
  }

  public void delete(KeyValueStore.Transaction transaction, K key) {
    transaction.delete(key(key));
  }

  /** Every entry of this column, in key order. */
  public void forEach(KeyValueStore store, BiConsumer<K, V> visitor) {
    forEachWithKeyPrefix(store, new byte[0], visitor);
  }

  /** The entries whose serialized key starts with {@code keyPrefix}, in key order. */
  public void forEachWithKeyPrefix(
      KeyValueStore store, byte[] keyPrefix, BiConsumer<K, V> visitor) {
    store.forEachWithPrefix(
        withId(keyPrefix), (key, value) -> visitor.accept(keyOf(key), value(value)));
  }

  /**
   * The entries whose serialized key starts with {@code keyPrefix} and is not below {@code
   * fromKeyBytes} (serialized key bytes too), in key order, while {@code scanner} answers true.
   */
  public void scanFrom(
      KeyValueStore store, byte[] keyPrefix, byte[] fromKeyBytes, BiPredicate<K, V> scanner) {
    store.scanFrom(
        withId(keyPrefix),
        withId(fromKeyBytes),
        (key, value) -> scanner.test(keyOf(key), value(value)));
  }

  private byte[] withId(byte[] keyBytes) {
    return KeyPrefix.concat(new byte[] {id}, keyBytes);
  }

  private K keyOf(byte[] storeKey) {
    byte[] keyBytes = Arrays.copyOfRange(storeKey, 1, storeKey.length);
    return decode(keySerializer, keyBytes, "key");
  }

  private V value(byte[] bytes) {
    return decode(valueSerializer, bytes, "value");
  }

  private <T> T decode(KvSerializer<T> serializer, byte[] bytes, String what) {
    try {
      return serializer.deserialize(bytes);
    } catch (StorageException | IllegalArgumentException e) {
      throw new StorageException(
          "corrupt %s in column %s: %s".formatted(what, name, e.getMessage()), e);
    }
  }
}
