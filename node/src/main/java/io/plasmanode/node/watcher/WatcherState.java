package io.plasmanode.node.watcher;

import io.plasmanode.core.l1.BlockCommitment;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.exitgame.ByzantineEvent;
import io.plasmanode.exitgame.EventCauses;
import io.plasmanode.exitgame.ExitGame;
import io.plasmanode.exitgame.ExitGameConfig;
import io.plasmanode.exitgame.RecordedEvent;
import io.plasmanode.exitgame.TrackedExit;
import io.plasmanode.exitgame.WithholdingDetector;
import io.plasmanode.exitgame.inflight.InFlightExitConfig;
import io.plasmanode.exitgame.inflight.InFlightExitGame;
import io.plasmanode.exitgame.inflight.TrackedInFlightExit;
import io.plasmanode.node.watcher.WatcherStore.StoredEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watcher's decision state in memory — the {@link ExitGame}, the {@link InFlightExitGame}, the
 * {@link WithholdingDetector}, the active byzantine events and the halt they imply — restored from
 * and saved to the {@link WatcherStore}. Every save first ends the active events whose cause no
 * longer holds ({@link EventCauses}) in the same batch, so the stored events always match the
 * stored game and detector state; the watcher is halted exactly while an active event halts it,
 * also across restarts. Mutated only by the watcher's loop thread; {@link #exitsSnapshot()} and
 * {@link #halted()} are safe to read from any.
 */
final class WatcherState {
  private static final Logger LOG = LoggerFactory.getLogger(WatcherState.class);

  private final WatcherStore store;
  private final ExitGameConfig gameConfig;
  private final ExitGame game;
  private final InFlightExitGame inFlight;
  private final WithholdingDetector detector;
  private final Clock clock;
  private final List<StoredEvent> active = new ArrayList<>();
  private volatile boolean halted;
  private volatile List<TrackedExit> exitsSnapshot;
  private volatile List<TrackedInFlightExit> inFlightSnapshot;

  /**
   * Restores the state saved in {@code store}; roots of blocks at or below {@code syncedHeight} (or
   * read while halted) are no longer pending (a crash may have come between applying or reading a
   * block and saving the detector). Events whose cause ended meanwhile are ended now.
   */
  WatcherState(
      WatcherStore store,
      ExitGameConfig gameConfig,
      InFlightExitConfig inFlightConfig,
      Duration withholdingTimeout,
      long syncedHeight,
      Clock clock) {
    this.store = store;
    this.gameConfig = gameConfig;
    this.clock = clock;
    this.game = new ExitGame(gameConfig, store.exits());
    this.inFlight = new InFlightExitGame(inFlightConfig, store.inFlightExits());
    this.detector =
        new WithholdingDetector(
            withholdingTimeout,
            store.pendingRoots().stream()
                .filter(root -> root.blknum() > Math.max(syncedHeight, store.spendsReadTo()))
                .toList());
    this.exitsSnapshot = game.exits();
    this.inFlightSnapshot = inFlight.exits();
    store.events().stream().filter(event -> event.recorded().isActive()).forEach(active::add);
    if (store.legacyHalted()) {
      store.clearLegacyHalted();
    }
    save();
  }

  ExitGame game() {
    return game;
  }

  /** The in-flight exit game, saved with the rest. */
  InFlightExitGame inFlight() {
    return inFlight;
  }

  WithholdingDetector detector() {
    return detector;
  }

  ExitGameConfig gameConfig() {
    return gameConfig;
  }

  boolean halted() {
    return halted;
  }

  /** The tracked exits as of the last save. */
  List<TrackedExit> exitsSnapshot() {
    return exitsSnapshot;
  }

  /** The tracked in-flight exits as of the last save. */
  List<TrackedInFlightExit> inFlightSnapshot() {
    return inFlightSnapshot;
  }

  /** Saves the game and detector state (with no L1 progress and no new events). */
  void save() {
    save(OptionalLong.empty(), List.of(), List.of(), List.of());
  }

  /**
   * Saves the L1 position reached with the roots seen and the exits challenged on the way, and the
   * state derived.
   */
  void saveL1Progress(long l1Block, List<BlockCommitment> roots, List<UtxoPos> challenged) {
    save(OptionalLong.of(l1Block), roots, List.of(), challenged);
  }

  /**
   * Records new byzantine events with the state; the watcher halts while an active one tells users
   * to exit ({@link EventCauses#halts}).
   */
  void raise(List<? extends ByzantineEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    events.forEach(
        event ->
            LOG.warn("{}: {} (users: {})", event.type(), event.reason(), event.action().code()));
    save(OptionalLong.empty(), List.of(), List.copyOf(events), List.of());
  }

  private void save(
      OptionalLong l1Block,
      List<BlockCommitment> roots,
      List<ByzantineEvent> events,
      List<UtxoPos> challenged) {
    Map<Long, Instant> ended = endEventsWhoseCauseEnded();
    List<Long> seqs =
        store.save(
            new WatcherStore.Update(
                l1Block,
                roots,
                game.exits(),
                detector.pending(),
                events,
                ended,
                challenged,
                inFlight.exits()));
    for (int i = 0; i < events.size(); i++) {
      active.add(new StoredEvent(seqs.get(i), RecordedEvent.active(events.get(i))));
    }
    exitsSnapshot = game.exits();
    inFlightSnapshot = inFlight.exits();
    updateHalt();
  }

  private Map<Long, Instant> endEventsWhoseCauseEnded() {
    Instant now = clock.instant();
    Map<Long, Instant> ended = new HashMap<>();
    active.removeIf(
        stored -> {
          ByzantineEvent event = stored.recorded().event();
          if (EventCauses.holds(event, game, inFlight, detector, now)) {
            return false;
          }
          LOG.info("{} ended: its cause no longer holds ({})", event.type(), event.reason());
          ended.put(stored.seq(), now);
          return true;
        });
    return ended;
  }

  private void updateHalt() {
    List<String> halting =
        active.stream()
            .map(stored -> stored.recorded().event())
            .filter(EventCauses::halts)
            .map(ByzantineEvent::type)
            .distinct()
            .toList();
    boolean halt = !halting.isEmpty();
    if (halt && !halted) {
      LOG.error(
          "Watcher halted by {}: users must exit. No more blocks are applied to the validated"
              + " chain; committed blocks are still read for signed spends and invalid exits"
              + " still challenged",
          halting);
    } else if (!halt && halted) {
      LOG.info("Watcher resumed: the events that halted it ended; applying blocks again");
    }
    halted = halt;
  }
}
