package io.plasmanode.node.watcher;

import static io.plasmanode.node.watcher.WatcherColumns.PENDING_CHALLENGES;
import static io.plasmanode.node.watcher.WatcherColumns.PENDING_IN_FLIGHT_CALLS;

import io.plasmanode.storage.kv.KeyValueStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The challenger's transactions in flight, by {@link ChallengeKey}, on the watcher's {@link
 * KeyValueStore}: standard exits' challenges in {@code PENDING_CHALLENGES} (by exit id), the
 * in-flight exit game's calls in {@code PENDING_IN_FLIGHT_CALLS} (by exit id, kind and index). Each
 * change is one synced write: a call is saved before its transaction is sent. Used by the watcher's
 * loop only.
 */
final class ChallengeStore {
  private final KeyValueStore store;
  private final Map<ChallengeKey, PendingChallenge> pending = new LinkedHashMap<>();

  ChallengeStore(KeyValueStore store) {
    this.store = store;
    PENDING_CHALLENGES.forEach(
        store, (exitId, challenge) -> pending.put(challenge.key(), challenge));
    PENDING_IN_FLIGHT_CALLS.forEach(store, (key, call) -> pending.put(call.key(), call));
  }

  /** Every call in flight, standard exits' first (each kind in key order when loaded). */
  List<PendingChallenge> all() {
    return new ArrayList<>(pending.values());
  }

  Optional<PendingChallenge> get(ChallengeKey key) {
    return Optional.ofNullable(pending.get(key));
  }

  /** Saves {@code challenge} durably, replacing the one of its key. */
  void put(PendingChallenge challenge) {
    try (KeyValueStore.Transaction tx = store.startTransaction()) {
      switch (challenge.key()) {
        case ChallengeKey.Standard standard ->
            PENDING_CHALLENGES.put(tx, standard.exitId(), challenge);
        case ChallengeKey.InFlight inFlight ->
            PENDING_IN_FLIGHT_CALLS.put(tx, inFlight.action(), challenge);
      }
      tx.commit();
    }
    pending.put(challenge.key(), challenge);
  }

  /** Stops following the call of {@code key}. */
  void remove(ChallengeKey key) {
    try (KeyValueStore.Transaction tx = store.startTransaction()) {
      switch (key) {
        case ChallengeKey.Standard standard -> PENDING_CHALLENGES.delete(tx, standard.exitId());
        case ChallengeKey.InFlight inFlight ->
            PENDING_IN_FLIGHT_CALLS.delete(tx, inFlight.action());
      }
      tx.commit();
    }
    pending.remove(key);
  }
}
