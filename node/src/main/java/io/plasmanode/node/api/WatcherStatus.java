package io.plasmanode.node.api;

import io.plasmanode.exitgame.ByzantineEvent;
import io.plasmanode.exitgame.RecordedEvent;
import java.util.List;

/**
 * A snapshot of a watcher for {@code watcher_status} (docs/watcher-rpc.md).
 *
 * @param syncedHeight the last child block the watcher validated and applied (0 before the first)
 * @param l1Height the latest L1 block number the watcher has seen (-1 if L1 was never reached)
 * @param l1HeightSeen the last L1 block whose events are applied (-1 before the first)
 * @param peers the watchers connected over p2p
 * @param exitsTracked the exits the watcher follows (started, not finalized)
 * @param halted whether an active event tells users to exit, so the watcher applies no more blocks
 *     to its validated chain (it still reads committed blocks for signed spends and challenges)
 * @param byzantineEvents the active events (their cause still holds), oldest first
 * @param pastEvents the events whose cause ended, oldest first, with when it ended
 * @param alarms problems the watcher's operator must look at now, e.g. a challenge at risk of not
 *     being mined before its exit matures (empty when healthy)
 */
public record WatcherStatus(
    long syncedHeight,
    long l1Height,
    long l1HeightSeen,
    int peers,
    int exitsTracked,
    boolean halted,
    List<ByzantineEvent> byzantineEvents,
    List<RecordedEvent> pastEvents,
    List<String> alarms) {
  public WatcherStatus {
    byzantineEvents = List.copyOf(byzantineEvents);
    pastEvents = List.copyOf(pastEvents);
    alarms = List.copyOf(alarms);
  }
}
