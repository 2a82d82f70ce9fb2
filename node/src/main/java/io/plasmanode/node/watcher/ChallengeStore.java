package io.plasmanode.node.watcher;

import static io.plasmanode.node.watcher.WatcherColumns.PENDING_CHALLENGES;

import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.storage.kv.KeyValueStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The challenge transactions in flight, by exit id, on the watcher's {@link KeyValueStore}. Each
 * change is one synced write: a challenge is saved before its transaction is sent. Used by the
 * watcher's loop only.
 */
final class ChallengeStore {
  private final KeyValueStore store;
  private final Map<UtxoPos, PendingChallenge> pending = new TreeMap<>();

  ChallengeStore(KeyValueStore store) {
    this.store = store;
    PENDING_CHALLENGES.forEach(store, pending::put);
  }

  /** Every challenge in flight, by exit id. */
  List<PendingChallenge> all() {
    return List.copyOf(pending.values());
  }

  Optional<PendingChallenge> get(UtxoPos exitId) {
    return Optional.ofNullable(pending.get(exitId));
  }

  /** Saves {@code challenge} durably, replacing the one of its exit. */
  void put(PendingChallenge challenge) {
    try (KeyValueStore.Transaction tx = store.startTransaction()) {
      PENDING_CHALLENGES.put(tx, challenge.exitId(), challenge);
      tx.commit();
    }
    pending.put(challenge.exitId(), challenge);
  }

  /** Stops following the challenge of {@code exitId}. */
  void remove(UtxoPos exitId) {
    try (KeyValueStore.Transaction tx = store.startTransaction()) {
      PENDING_CHALLENGES.delete(tx, exitId);
      tx.commit();
    }
    pending.remove(exitId);
  }
}
