package io.plasmanode.exitgame.inflight;

import io.plasmanode.exitgame.InFlightByzantineEvent;
import java.time.Instant;

/**
 * Whether the cause of an in-flight exit's event still holds, from what L1 shows of the exit:
 *
 * <ul>
 *   <li>{@code non_canonical_ife}, {@code unchallenged_non_canonical_ife}: while the exit is active
 *       and L1 shows it canonical;
 *   <li>{@code invalid_ife_challenge}: while the exit is active and L1 shows it non-canonical;
 *   <li>{@code invalid_piggyback}, {@code unchallenged_piggyback}: while the exit is active and L1
 *       shows the slot piggybacked;
 *   <li>{@code piggyback_available}: while the exit is active, unprocessed, before the phase 1
 *       deadline, none of its slots piggybacked, and it is still the game's advice to that owner
 *       (the game replaces it when the slots available change).
 * </ul>
 */
final class InFlightCauses {
  private InFlightCauses() {}

  static boolean holds(
      TrackedInFlightExit exit,
      InFlightByzantineEvent event,
      Instant now,
      InFlightExitConfig config) {
    return holdsOnL1(exit, event)
        && (!(event instanceof InFlightByzantineEvent.PiggybackAvailable)
            || now.isBefore(config.phaseOneDeadline(exit.startedAt())));
  }

  /** As {@link #holds}, whatever the time: what an L1 observation can end. */
  static boolean holdsOnL1(TrackedInFlightExit exit, InFlightByzantineEvent event) {
    if (!exit.isActive()) {
      return false;
    }
    TrackedInFlightExit.L1State l1 = exit.l1();
    return switch (event) {
      case InFlightByzantineEvent.NonCanonicalIfe nonCanonical -> l1.canonical();
      case InFlightByzantineEvent.UnchallengedNonCanonicalIfe unchallenged -> l1.canonical();
      case InFlightByzantineEvent.InvalidIfeChallenge invalid -> !l1.canonical();
      case InFlightByzantineEvent.InvalidPiggyback invalid ->
          l1.piggybacked().contains(invalid.slot());
      case InFlightByzantineEvent.UnchallengedPiggyback unchallenged ->
          l1.piggybacked().contains(unchallenged.slot());
      case InFlightByzantineEvent.PiggybackAvailable available ->
          !l1.processing()
              && available.slots().stream().noneMatch(l1.piggybackedAt()::containsKey)
              && exit.standing().contains(available);
    };
  }
}
