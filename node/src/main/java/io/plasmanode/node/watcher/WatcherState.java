package io.plasmanode.node.watcher;

import io.plasmanode.core.l1.BlockCommitment;
import io.plasmanode.exitgame.ByzantineEvent;
import io.plasmanode.exitgame.ExitGame;
import io.plasmanode.exitgame.ExitGameConfig;
import io.plasmanode.exitgame.TrackedExit;
import io.plasmanode.exitgame.WithholdingDetector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watcher's decision state in memory — the {@link ExitGame}, the {@link WithholdingDetector},
 * the halted flag — restored from and saved to the {@link WatcherStore}. Mutated only by the
 * watcher's loop thread; {@link #exitsSnapshot()} and {@link #halted()} are safe to read from any.
 */
final class WatcherState {
  private static final Logger LOG = LoggerFactory.getLogger(WatcherState.class);

  private final WatcherStore store;
  private final ExitGameConfig gameConfig;
  private final ExitGame game;
  private final WithholdingDetector detector;
  private volatile boolean halted;
  private volatile List<TrackedExit> exitsSnapshot;

  /**
   * Restores the state saved in {@code store}; roots of blocks at or below {@code syncedHeight} are
   * no longer pending (a crash may have come between applying a block and saving the detector).
   */
  WatcherState(
      WatcherStore store,
      ExitGameConfig gameConfig,
      Duration withholdingTimeout,
      long syncedHeight) {
    this.store = store;
    this.gameConfig = gameConfig;
    this.game = new ExitGame(gameConfig, store.exits());
    this.detector =
        new WithholdingDetector(
            withholdingTimeout,
            store.pendingRoots().stream().filter(root -> root.blknum() > syncedHeight).toList());
    this.exitsSnapshot = game.exits();
    if (store.halted()) {
      LOG.warn("The watcher was halted before this restart; applying blocks again");
      store.clearHalted();
    }
  }

  ExitGame game() {
    return game;
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

  /** Saves the game and detector state (with no L1 progress and no events). */
  void save() {
    save(OptionalLong.empty(), List.of(), List.of());
  }

  /** Saves the L1 position reached with the roots seen on the way, and the state derived. */
  void saveL1Progress(long l1Block, List<BlockCommitment> roots) {
    save(OptionalLong.of(l1Block), roots, List.of());
  }

  /**
   * Records byzantine events with the state; halts if any tells users to exit. An {@code
   * invalid_exit} does not halt (the watcher challenges it); the others do.
   */
  void raise(List<? extends ByzantineEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    events.forEach(
        event ->
            LOG.warn("{}: {} (users: {})", event.type(), event.reason(), event.action().code()));
    save(OptionalLong.empty(), List.of(), new ArrayList<>(events));
  }

  private void save(
      OptionalLong l1Block, List<BlockCommitment> roots, List<ByzantineEvent> events) {
    boolean halt = events.stream().anyMatch(WatcherState::halts);
    store.save(
        new WatcherStore.Update(
            l1Block, roots, game.exits(), detector.pending(), events, halt && !halted));
    exitsSnapshot = game.exits();
    if (halt && !halted) {
      halted = true;
      LOG.error("Watcher halted: no more blocks are applied; users must exit (restart to resume)");
    }
  }

  private static boolean halts(ByzantineEvent event) {
    return !(event instanceof ByzantineEvent.InvalidExit);
  }
}
