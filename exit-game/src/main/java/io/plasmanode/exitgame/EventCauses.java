package io.plasmanode.exitgame;

import io.plasmanode.exitgame.inflight.InFlightExitGame;
import java.time.Instant;

/**
 * Whether a byzantine event's cause still holds, and whether it halts the watcher. An event is
 * listed as active only while its cause holds (docs/watcher-rpc.md):
 *
 * <ul>
 *   <li>{@code invalid_block}: always (committed contents never change);
 *   <li>{@code block_withholding}: until the block's contents matching its root are obtained;
 *   <li>{@code invalid_exit} and {@code unchallenged_exit}: until L1 shows the exit challenged or
 *       finalized;
 *   <li>{@code invalid_exit_paid}: always (the contract paid out what it holds for other users);
 *   <li>the in-flight exit game's events: see {@link InFlightExitGame#holds}.
 * </ul>
 *
 * The watcher halts (applies no more blocks to its validated UTXO set) while an active event tells
 * users to exit ({@link ByzantineEvent.Action#EXIT}); an {@code invalid_exit} alone does not halt
 * (the watcher challenges it).
 */
public final class EventCauses {
  private EventCauses() {}

  /**
   * Whether the cause of {@code event} still holds in {@code game} and {@code detector}; an
   * in-flight exit game's event is kept (its cause is judged by {@link #holds(ByzantineEvent,
   * ExitGame, InFlightExitGame, WithholdingDetector, Instant)}, which a watcher that raises them
   * calls).
   */
  public static boolean holds(ByzantineEvent event, ExitGame game, WithholdingDetector detector) {
    return switch (event) {
      case InFlightByzantineEvent inFlight -> true;
      case ByzantineEvent.InvalidBlock invalid -> true;
      case ByzantineEvent.BlockWithholding withheld -> detector.isWithheld(withheld.blknum());
      case ByzantineEvent.InvalidExit exit -> game.isActive(exit.utxoPos());
      case ByzantineEvent.UnchallengedExit exit -> game.isActive(exit.utxoPos());
      case ByzantineEvent.InvalidExitPaid paid -> true;
    };
  }

  /**
   * Whether the cause of {@code event} still holds at {@code now} in {@code game}, {@code inFlight}
   * and {@code detector}.
   */
  public static boolean holds(
      ByzantineEvent event,
      ExitGame game,
      InFlightExitGame inFlight,
      WithholdingDetector detector,
      Instant now) {
    return event instanceof InFlightByzantineEvent inFlightEvent
        ? inFlight.holds(inFlightEvent, now)
        : holds(event, game, detector);
  }

  /** Whether {@code event}, while active, halts the watcher. */
  public static boolean halts(ByzantineEvent event) {
    return event.action() == ByzantineEvent.Action.EXIT;
  }
}
