package io.plasmanode.node.metrics;

import static java.util.Objects.requireNonNull;

import io.plasmanode.contracts.l1.follow.L1Chunk;
import io.plasmanode.contracts.l1.follow.L1EventHandler;
import io.plasmanode.core.l1.L1Event;
import java.util.OptionalLong;

/**
 * Counts the contract's events a node applied, by kind ({@code deposit}, {@code exit_started}, ...:
 * the event's type in snake case), around the handler that applies them: a chunk is counted once it
 * is applied, so a chunk delivered again after a failure is not counted twice.
 */
public final class L1EventCounter implements L1EventHandler {
  private static final ClassValue<String> KINDS =
      new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
          return kindOf(type.getSimpleName());
        }
      };

  private final L1EventHandler handler;
  private final Metrics.LabelledCounter events;

  /**
   * @param events the counter {@link #register} gave
   */
  public L1EventCounter(L1EventHandler handler, Metrics.LabelledCounter events) {
    this.handler = requireNonNull(handler, "handler");
    this.events = requireNonNull(events, "events");
  }

  /** Registers {@code plasma_<role>_l1_events_total{kind}}. */
  static Metrics.LabelledCounter register(Metrics metrics, String role) {
    Metrics.LabelledCounter events =
        metrics.labelledCounter(
            "plasma_" + role + "_l1_events",
            "The contract's events applied from L1, by kind (deposit, exit_started, ...)",
            "kind");
    for (Class<?> kind : L1Event.class.getPermittedSubclasses()) {
      events.labels(KINDS.get(kind)); // every kind shows, at 0 until seen
    }
    return events;
  }

  @Override
  public OptionalLong lastBlockApplied() {
    return handler.lastBlockApplied();
  }

  @Override
  public void apply(L1Chunk chunk) {
    handler.apply(chunk);
    for (L1Event event : chunk.events()) {
      events.labels(KINDS.get(event.getClass())).inc();
    }
  }

  /** {@code ExitStarted} -> {@code exit_started}. */
  static String kindOf(String typeName) {
    StringBuilder kind = new StringBuilder();
    for (int i = 0; i < typeName.length(); i++) {
      char c = typeName.charAt(i);
      if (Character.isUpperCase(c) && i > 0) {
        kind.append('_');
      }
      kind.append(Character.toLowerCase(c));
    }
    return kind.toString();
  }
}
