package io.plasmanode.exitgame;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * A byzantine event as a watcher keeps it: the event (raised at its {@code detectedAt}) and, once
 * its cause ended ({@link EventCauses#holds}), when.
 */
public record RecordedEvent(ByzantineEvent event, Optional<Instant> endedAt) {
  public RecordedEvent {
    requireNonNull(event, "event");
    requireNonNull(endedAt, "endedAt");
  }

  /** An event whose cause holds. */
  public static RecordedEvent active(ByzantineEvent event) {
    return new RecordedEvent(event, Optional.empty());
  }

  public boolean isActive() {
    return endedAt.isEmpty();
  }
}
