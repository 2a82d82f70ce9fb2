package io.plasmanode.storage.chain;

import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.storage.kv.KeyPrefix;
import io.plasmanode.storage.kv.KeyValueStore;
import io.plasmanode.storage.kv.KvColumn;
import io.plasmanode.storage.kv.StorageException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Column reads for {@link ChainCheck}: an entry that does not decode becomes an {@link
 * ChainProblem.Kind#UNREADABLE_ENTRY} problem instead of stopping the check.
 */
final class CheckedColumns {
  private CheckedColumns() {}

  /** Every readable entry of {@code column} in key order. */
  static <K, V> void forEach(
      KeyValueStore kv, KvColumn<K, V> column, ChainProblems problems, BiConsumer<K, V> visitor) {
    forEach(kv, column, new byte[0], problems, visitor, key -> {});
  }

  /**
   * The entries of {@code column} whose serialized key starts with {@code keyPrefix}, in key order;
   * {@code unreadableValue} gets the key of each entry whose value does not decode.
   */
  static <K, V> void forEach(
      KeyValueStore kv,
      KvColumn<K, V> column,
      byte[] keyPrefix,
      ChainProblems problems,
      BiConsumer<K, V> visitor,
      Consumer<K> unreadableValue) {
    kv.forEachWithPrefix(
        KeyPrefix.concat(new byte[] {column.id()}, keyPrefix),
        (rawKey, rawValue) -> {
          Optional<K> key = decodeKey(column, rawKey, problems);
          if (key.isEmpty()) {
            return;
          }
          Optional<V> value = decodeValue(column, key.get(), rawValue, problems);
          if (value.isPresent()) {
            visitor.accept(key.get(), value.get());
          } else {
            unreadableValue.accept(key.get());
          }
        });
  }

  /** The value at {@code key}, empty if absent or unreadable (a problem then). */
  static <K, V> Optional<V> get(
      KeyValueStore kv, KvColumn<K, V> column, K key, ChainProblems problems) {
    return kv.get(column.key(key)).flatMap(raw -> decodeValue(column, key, raw, problems));
  }

  private static <K, V> Optional<K> decodeKey(
      KvColumn<K, V> column, byte[] rawKey, ChainProblems problems) {
    byte[] keyBytes = Arrays.copyOfRange(rawKey, 1, rawKey.length);
    try {
      return Optional.of(column.keySerializer().deserialize(keyBytes));
    } catch (StorageException | IllegalArgumentException e) {
      problems.add(
          ChainProblem.Kind.UNREADABLE_ENTRY,
          column.name() + " key 0x" + HexFormat.of().formatHex(keyBytes),
          "does not decode: " + e.getMessage());
      return Optional.empty();
    }
  }

  /** The value {@code rawValue} stored at {@code key}, empty if unreadable (a problem then). */
  static <K, V> Optional<V> decodeValue(
      KvColumn<K, V> column, K key, byte[] rawValue, ChainProblems problems) {
    try {
      return Optional.of(column.valueSerializer().deserialize(rawValue));
    } catch (StorageException | IllegalArgumentException e) {
      problems.add(
          ChainProblem.Kind.UNREADABLE_ENTRY,
          column.name() + " " + describe(key),
          "has a value that does not decode: " + e.getMessage());
      return Optional.empty();
    }
  }

  private static String describe(Object key) {
    return switch (key) {
      case UtxoPos pos -> ChainProblem.pos(pos);
      case TxLocation location -> ChainProblem.location(location);
      case Hash32 hash -> ChainProblem.hash(hash);
      case OwnedPos owned -> owned.owner().toHex() + " " + ChainProblem.pos(owned.pos());
      default -> key.toString();
    };
  }
}
