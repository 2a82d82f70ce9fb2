package io.plasmanode.contracts.l1.follow;

import io.plasmanode.core.l1.L1Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** A handler that records the chunks delivered and saves their cursor; it fails on demand. */
final class RecordingHandler implements L1EventHandler {
  private final List<L1Chunk> chunks = new ArrayList<>();
  private OptionalLong lastBlockApplied = OptionalLong.empty();
  private Optional<RuntimeException> failure = Optional.empty();

  /** Makes the next deliveries throw {@code exception} (empty: apply again). */
  void failWith(Optional<RuntimeException> exception) {
    failure = exception;
  }

  /** Moves the saved cursor, as a restart from an older save would. */
  void setLastBlockApplied(OptionalLong block) {
    lastBlockApplied = block;
  }

  List<L1Chunk> chunks() {
    return List.copyOf(chunks);
  }

  /** Every event delivered, in delivery order. */
  List<L1Event> events() {
    return chunks.stream().flatMap(chunk -> chunk.events().stream()).toList();
  }

  @Override
  public OptionalLong lastBlockApplied() {
    return lastBlockApplied;
  }

  @Override
  public void apply(L1Chunk chunk) {
    if (failure.isPresent()) {
      throw failure.get();
    }
    chunks.add(chunk);
    lastBlockApplied = OptionalLong.of(chunk.lastBlock());
  }
}
