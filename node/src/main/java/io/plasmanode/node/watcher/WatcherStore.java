package io.plasmanode.node.watcher;

import static io.plasmanode.node.watcher.WatcherColumns.EVENTS;
import static io.plasmanode.node.watcher.WatcherColumns.EXITS;
import static io.plasmanode.node.watcher.WatcherColumns.META;
import static io.plasmanode.node.watcher.WatcherColumns.PENDING_ROOTS;
import static io.plasmanode.node.watcher.WatcherColumns.ROOTS;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.l1.BlockCommitment;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.exitgame.ByzantineEvent;
import io.plasmanode.exitgame.TrackedExit;
import io.plasmanode.exitgame.WithholdingDetector.PendingRoot;
import io.plasmanode.node.storage.KeyValueStore;
import io.plasmanode.node.storage.KvColumn;
import io.plasmanode.node.watcher.WatcherColumns.WatcherMeta;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The watcher's own state on a {@link KeyValueStore} (the validated chain itself is a {@code
 * ChainStore} on the same store): committed roots, the exit game's tracked exits, the withholding
 * detector's pending roots, the byzantine events (append-only), the halted flag and the L1 event
 * position. {@link #save} writes a whole {@link Update} as one synced batch, so the exit game and
 * detector state always match the L1 position they were derived from. One writer (the watcher's
 * loop); reads may run concurrently.
 */
final class WatcherStore {
  private final KeyValueStore store;
  private long nextEventSeq;

  /** What the exits and pending-roots columns hold, so a save diffs in memory, not by a scan. */
  private final Map<UtxoPos, TrackedExit> storedExits = new HashMap<>();

  private final Map<Long, PendingRoot> storedPending = new HashMap<>();

  /**
   * What one step of the watcher changes.
   *
   * @param l1Block the new L1 event position, if it moved
   * @param roots roots newly seen on L1
   * @param exits every tracked exit (replaces the stored ones)
   * @param pending every pending root (replaces the stored ones)
   * @param events new byzantine events, appended
   * @param halt whether the watcher halts now (never un-halts)
   */
  record Update(
      OptionalLong l1Block,
      List<BlockCommitment> roots,
      List<TrackedExit> exits,
      List<PendingRoot> pending,
      List<ByzantineEvent> events,
      boolean halt) {
    Update {
      requireNonNull(l1Block, "l1Block");
      roots = List.copyOf(roots);
      exits = List.copyOf(exits);
      pending = List.copyOf(pending);
      events = List.copyOf(events);
    }
  }

  WatcherStore(KeyValueStore store) {
    this.store = store;
    List<Long> seqs = new ArrayList<>();
    EVENTS.forEach(store, (seq, event) -> seqs.add(seq));
    this.nextEventSeq = seqs.isEmpty() ? 0 : seqs.getLast() + 1;
    EXITS.forEach(store, storedExits::put);
    PENDING_ROOTS.forEach(store, storedPending::put);
  }

  /** Writes {@code update} atomically and durably. */
  synchronized void save(Update update) {
    Map<UtxoPos, TrackedExit> exits = byKey(update.exits(), TrackedExit::utxoPos);
    Map<Long, PendingRoot> pending = byKey(update.pending(), PendingRoot::blknum);
    try (KeyValueStore.Transaction tx = store.startTransaction()) {
      update.l1Block().ifPresent(block -> META.put(tx, WatcherMeta.LAST_L1_BLOCK, block));
      update.roots().forEach(root -> ROOTS.put(tx, root.blknum(), root));
      replace(tx, EXITS, storedExits, exits);
      replace(tx, PENDING_ROOTS, storedPending, pending);
      long seq = nextEventSeq;
      for (ByzantineEvent event : update.events()) {
        EVENTS.put(tx, seq++, event);
      }
      if (update.halt()) {
        META.put(tx, WatcherMeta.HALTED, 1L);
      }
      tx.commit();
      nextEventSeq = seq;
    }
    storedExits.clear();
    storedExits.putAll(exits);
    storedPending.clear();
    storedPending.putAll(pending);
  }

  private static <K, V> Map<K, V> byKey(List<V> values, Function<V, K> key) {
    Map<K, V> map = new HashMap<>();
    for (V value : values) {
      map.put(key.apply(value), value);
    }
    return map;
  }

  /**
   * Makes {@code column} hold exactly {@code wanted}, writing only what differs from {@code stored}
   * (its current contents): a save per applied block would otherwise rewrite or rescan every
   * pending root, quadratic while catching up.
   */
  private static <K, V> void replace(
      KeyValueStore.Transaction tx, KvColumn<K, V> column, Map<K, V> stored, Map<K, V> wanted) {
    stored.forEach(
        (key, value) -> {
          if (!wanted.containsKey(key)) {
            column.delete(tx, key);
          }
        });
    wanted.forEach(
        (key, value) -> {
          if (!value.equals(stored.get(key))) {
            column.put(tx, key, value);
          }
        });
  }

  /** Clears the halted flag: a restart resumes applying blocks (docs/watcher-rpc.md). */
  synchronized void clearHalted() {
    try (KeyValueStore.Transaction tx = store.startTransaction()) {
      META.delete(tx, WatcherMeta.HALTED);
      tx.commit();
    }
  }

  /** The root L1 committed for child block {@code blknum}, if the watcher saw it. */
  Optional<BlockCommitment> root(long blknum) {
    return ROOTS.get(store, blknum);
  }

  /** The last L1 block whose events were applied, if any. */
  OptionalLong lastL1Block() {
    return META.get(store, WatcherMeta.LAST_L1_BLOCK)
        .map(OptionalLong::of)
        .orElse(OptionalLong.empty());
  }

  boolean halted() {
    return META.get(store, WatcherMeta.HALTED).isPresent();
  }

  List<TrackedExit> exits() {
    List<TrackedExit> exits = new ArrayList<>();
    EXITS.forEach(store, (pos, exit) -> exits.add(exit));
    return exits;
  }

  Optional<TrackedExit> exit(UtxoPos pos) {
    return EXITS.get(store, pos);
  }

  List<PendingRoot> pendingRoots() {
    List<PendingRoot> pending = new ArrayList<>();
    PENDING_ROOTS.forEach(store, (blknum, root) -> pending.add(root));
    return pending;
  }

  /** Every byzantine event raised, oldest first. */
  List<ByzantineEvent> events() {
    List<ByzantineEvent> events = new ArrayList<>();
    EVENTS.forEach(store, (seq, event) -> events.add(event));
    return events;
  }
}
