package io.plasmanode.node.watcher;

import static io.plasmanode.node.watcher.WatcherColumns.CHALLENGED_EXITS;
import static io.plasmanode.node.watcher.WatcherColumns.EVENTS;
import static io.plasmanode.node.watcher.WatcherColumns.EVENT_ENDS;
import static io.plasmanode.node.watcher.WatcherColumns.EXITS;
import static io.plasmanode.node.watcher.WatcherColumns.IN_FLIGHT_EXITS;
import static io.plasmanode.node.watcher.WatcherColumns.META;
import static io.plasmanode.node.watcher.WatcherColumns.PENDING_ROOTS;
import static io.plasmanode.node.watcher.WatcherColumns.READ_OUTPUTS;
import static io.plasmanode.node.watcher.WatcherColumns.READ_SPENDS;
import static io.plasmanode.node.watcher.WatcherColumns.ROOTS;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.l1.BlockCommitment;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.exitgame.ByzantineEvent;
import io.plasmanode.exitgame.RecordedEvent;
import io.plasmanode.exitgame.SpendCollector.CollectedBlock;
import io.plasmanode.exitgame.SpendCollector.SignedSpend;
import io.plasmanode.exitgame.SpendRecord;
import io.plasmanode.exitgame.TrackedExit;
import io.plasmanode.exitgame.WithholdingDetector.PendingRoot;
import io.plasmanode.exitgame.inflight.TrackedInFlightExit;
import io.plasmanode.node.watcher.WatcherCodec.SpendKey;
import io.plasmanode.node.watcher.WatcherColumns.WatcherMeta;
import io.plasmanode.storage.kv.KeyValueStore;
import io.plasmanode.storage.kv.KvColumn;
import java.time.Instant;
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
 * detector's pending roots, the byzantine events (appended, then marked ended when their cause
 * ends), the exits L1 challenged, the L1 event position, and the signed spends read while halted.
 * {@link #save} writes a whole {@link Update} as one synced batch, so the exit game and detector
 * state always match the L1 position they were derived from. One writer (the watcher's loop); reads
 * may run concurrently.
 */
final class WatcherStore {
  private final KeyValueStore store;
  private long nextEventSeq;

  /** What the exits and pending-roots columns hold, so a save diffs in memory, not by a scan. */
  private final Map<UtxoPos, TrackedExit> storedExits = new HashMap<>();

  private final Map<Long, PendingRoot> storedPending = new HashMap<>();

  /** The in-flight exits as stored, to write only what changed. */
  private final Map<InFlightExitId, TrackedInFlightExit> storedInFlight = new HashMap<>();

  /**
   * What one step of the watcher changes.
   *
   * @param l1Block the new L1 event position, if it moved
   * @param roots roots newly seen on L1
   * @param exits every tracked exit (replaces the stored ones)
   * @param pending every pending root (replaces the stored ones)
   * @param events new byzantine events, appended
   * @param ended events (by sequence number) whose cause ended, and when
   * @param challenged exits L1 newly shows challenged
   * @param inFlightExits every tracked in-flight exit (replaces the stored ones)
   */
  record Update(
      OptionalLong l1Block,
      List<BlockCommitment> roots,
      List<TrackedExit> exits,
      List<PendingRoot> pending,
      List<ByzantineEvent> events,
      Map<Long, Instant> ended,
      List<UtxoPos> challenged,
      List<TrackedInFlightExit> inFlightExits) {
    /** An update of a watcher that tracks no in-flight exit. */
    Update(
        OptionalLong l1Block,
        List<BlockCommitment> roots,
        List<TrackedExit> exits,
        List<PendingRoot> pending,
        List<ByzantineEvent> events,
        Map<Long, Instant> ended,
        List<UtxoPos> challenged) {
      this(l1Block, roots, exits, pending, events, ended, challenged, List.of());
    }

    Update {
      requireNonNull(l1Block, "l1Block");
      roots = List.copyOf(roots);
      exits = List.copyOf(exits);
      pending = List.copyOf(pending);
      events = List.copyOf(events);
      ended = Map.copyOf(ended);
      challenged = List.copyOf(challenged);
      inFlightExits = List.copyOf(inFlightExits);
    }
  }

  /** An event as stored: its sequence number (raise order) and state. */
  record StoredEvent(long seq, RecordedEvent recorded) {}

  WatcherStore(KeyValueStore store) {
    this.store = store;
    List<Long> seqs = new ArrayList<>();
    EVENTS.forEach(store, (seq, event) -> seqs.add(seq));
    this.nextEventSeq = seqs.isEmpty() ? 0 : seqs.getLast() + 1;
    EXITS.forEach(store, storedExits::put);
    IN_FLIGHT_EXITS.forEach(store, storedInFlight::put);
    PENDING_ROOTS.forEach(store, storedPending::put);
  }

  /** Writes {@code update} atomically and durably; the sequence numbers of its new events. */
  synchronized List<Long> save(Update update) {
    Map<UtxoPos, TrackedExit> exits = byKey(update.exits(), TrackedExit::utxoPos);
    Map<Long, PendingRoot> pending = byKey(update.pending(), PendingRoot::blknum);
    Map<InFlightExitId, TrackedInFlightExit> inFlight =
        byKey(update.inFlightExits(), TrackedInFlightExit::id);
    try (KeyValueStore.Transaction tx = store.startTransaction()) {
      update.l1Block().ifPresent(block -> META.put(tx, WatcherMeta.LAST_L1_BLOCK, block));
      update.roots().forEach(root -> ROOTS.put(tx, root.blknum(), root));
      replace(tx, EXITS, storedExits, exits);
      replace(tx, PENDING_ROOTS, storedPending, pending);
      replace(tx, IN_FLIGHT_EXITS, storedInFlight, inFlight);
      List<Long> seqs = new ArrayList<>();
      for (ByzantineEvent event : update.events()) {
        seqs.add(nextEventSeq + seqs.size());
        EVENTS.put(tx, seqs.getLast(), event);
      }
      update.ended().forEach((seq, at) -> EVENT_ENDS.put(tx, seq, at.getEpochSecond()));
      update.challenged().forEach(pos -> CHALLENGED_EXITS.put(tx, pos, 1L));
      tx.commit();
      nextEventSeq += seqs.size();
      storedExits.clear();
      storedExits.putAll(exits);
      storedPending.clear();
      storedPending.putAll(pending);
      storedInFlight.clear();
      storedInFlight.putAll(inFlight);
      return seqs;
    }
  }

  /**
   * Records the signed spends read from committed block {@code blknum} while halted, the owners of
   * the outputs it creates, and that the blocks up to it were read, in one batch.
   */
  synchronized void saveReadBlock(long blknum, CollectedBlock block) {
    try (KeyValueStore.Transaction tx = store.startTransaction()) {
      for (SignedSpend spend : block.spends()) {
        SpendKey key = new SpendKey(spend.spend().spentPos(), spend.signer());
        if (READ_SPENDS.get(store, key).isEmpty()) {
          READ_SPENDS.put(tx, key, spend.spend());
        }
      }
      for (Utxo created : block.created()) {
        READ_OUTPUTS.put(tx, created.pos(), created.output().owner());
      }
      META.put(tx, WatcherMeta.SPENDS_READ_TO, blknum);
      tx.commit();
    }
  }

  /** A spend of {@code pos} signed by {@code signer} read while halted, if any. */
  Optional<SpendRecord> readSpend(UtxoPos pos, Address signer) {
    return READ_SPENDS.get(store, new SpendKey(pos, signer));
  }

  /** The owner of output {@code pos} if a committed block read while halted created it. */
  Optional<Address> readOutputOwner(UtxoPos pos) {
    return READ_OUTPUTS.get(store, pos);
  }

  /** Every spend of {@code pos} read while halted, whoever signed it. */
  List<SpendRecord> readSpends(UtxoPos pos) {
    List<SpendRecord> spends = new ArrayList<>();
    READ_SPENDS.forEachWithKeyPrefix(
        store, WatcherCodec.spendKeyPrefix(pos), (key, spend) -> spends.add(spend));
    return spends;
  }

  /** The last child block whose spends were read while halted (0 if none). */
  long spendsReadTo() {
    return META.get(store, WatcherMeta.SPENDS_READ_TO).orElse(0L);
  }

  /** Whether L1 challenged an exit of {@code pos}: the contract never lets it exit again. */
  boolean isChallenged(UtxoPos pos) {
    return CHALLENGED_EXITS.get(store, pos).isPresent();
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

  /**
   * Deletes the halted flag of databases written before events could end: the halt is derived from
   * the active events now.
   */
  synchronized void clearLegacyHalted() {
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

  /** Whether this database carries the halted flag of an older version. */
  boolean legacyHalted() {
    return META.get(store, WatcherMeta.HALTED).isPresent();
  }

  List<TrackedExit> exits() {
    List<TrackedExit> exits = new ArrayList<>();
    EXITS.forEach(store, (pos, exit) -> exits.add(exit));
    return exits;
  }

  /** The tracked in-flight exits as stored. */
  synchronized List<TrackedInFlightExit> inFlightExits() {
    return List.copyOf(storedInFlight.values());
  }

  Optional<TrackedExit> exit(UtxoPos pos) {
    return EXITS.get(store, pos);
  }

  List<PendingRoot> pendingRoots() {
    List<PendingRoot> pending = new ArrayList<>();
    PENDING_ROOTS.forEach(store, (blknum, root) -> pending.add(root));
    return pending;
  }

  /** Every byzantine event raised, oldest first, with when its cause ended if it did. */
  List<StoredEvent> events() {
    Map<Long, Long> ends = new HashMap<>();
    EVENT_ENDS.forEach(store, ends::put);
    List<StoredEvent> events = new ArrayList<>();
    EVENTS.forEach(
        store,
        (seq, event) ->
            events.add(
                new StoredEvent(
                    seq,
                    new RecordedEvent(
                        event, Optional.ofNullable(ends.get(seq)).map(Instant::ofEpochSecond)))));
    return events;
  }
}
