package io.plasmanode.node.watcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.l1.BlockCommitment;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.exitgame.ByzantineEvent;
import io.plasmanode.exitgame.ExitGameConfig;
import io.plasmanode.exitgame.RecordedEvent;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Events end when their cause ends, and the halt follows the active events, across restarts. */
class WatcherStateTest {
  private static final Instant T = Instant.ofEpochSecond(1_700_000_000);
  private static final Hash32 HASH = Hash32.fromHex("0x" + "ab".repeat(32));
  private static final UtxoPos EXIT = new UtxoPos(1000, 0, 0);
  private static final L1Event.L1Origin ORIGIN = new L1Event.L1Origin(1, HASH, 0);
  private static final Duration WITHHOLDING = Duration.ofSeconds(60);
  private static final ExitGameConfig CONFIG =
      new ExitGameConfig(Duration.ofSeconds(30), Duration.ofSeconds(10));

  private final InMemoryKeyValueStore kv = new InMemoryKeyValueStore();
  private final WatcherStore store = new WatcherStore(kv);
  private WatcherState state = restart();

  private WatcherState restart() {
    return new WatcherState(
        new WatcherStore(kv),
        CONFIG,
        WatcherNode.inFlightConfig(
            Duration.ofHours(2), Duration.ofSeconds(30), Duration.ofSeconds(10)),
        WITHHOLDING,
        0,
        Clock.fixed(T, ZoneOffset.UTC));
  }

  private void startExit() {
    state
        .game()
        .apply(
            new L1Event.ExitStarted(
                ORIGIN, EXIT, Address.ZERO, Address.ZERO, BigInteger.TEN, T.plusSeconds(20)));
  }

  private List<RecordedEvent> events() {
    return new WatcherStore(kv).events().stream().map(WatcherStore.StoredEvent::recorded).toList();
  }

  @Test
  void exitEvents_endWhenL1ChallengesTheExit_andTheHaltLifts_alsoAfterARestart() {
    startExit();
    state.raise(
        List.of(
            new ByzantineEvent.InvalidExit(EXIT, HASH, T),
            new ByzantineEvent.UnchallengedExit(EXIT, T.plusSeconds(20), T)));
    assertThat(state.halted()).isTrue();
    assertThat(events()).allMatch(RecordedEvent::isActive);

    state.game().apply(new L1Event.ExitChallenged(ORIGIN, EXIT, Address.ZERO, HASH));
    state.save();

    assertThat(state.halted()).isFalse();
    assertThat(events()).extracting(RecordedEvent::endedAt).containsOnly(Optional.of(T));
    state = restart();
    assertThat(state.halted()).isFalse();
    assertThat(events()).noneMatch(RecordedEvent::isActive);
  }

  @Test
  void exitEvents_endWhenTheExitIsFinalized() {
    startExit();
    state.raise(List.of(new ByzantineEvent.UnchallengedExit(EXIT, T.plusSeconds(20), T)));

    state
        .game()
        .apply(
            new L1Event.ExitFinalized(
                ORIGIN, EXIT, Address.ZERO, Address.ZERO, BigInteger.TEN, true));
    state.save();

    assertThat(state.halted()).isFalse();
    assertThat(events()).noneMatch(RecordedEvent::isActive);
  }

  @Test
  void withholding_endsWhenTheBlockIsObtained_andTheWatcherResumes() {
    state.detector().rootCommitted(new BlockCommitment(1000, HASH, T), T);
    state.raise(state.detector().check(T.plus(WITHHOLDING)));
    assertThat(state.halted()).isTrue();

    state.detector().blockObtained(1000);
    state.save();

    assertThat(state.halted()).isFalse();
    assertThat(events()).singleElement().matches(event -> !event.isActive());
  }

  @Test
  void invalidBlock_neverEnds_soARestartStaysHalted() {
    state.raise(
        List.of(new ByzantineEvent.InvalidBlock(1000, 0, HASH, Rejection.DOUBLE_SPEND, "x", T)));

    state = restart();

    assertThat(state.halted()).isTrue();
    assertThat(events()).singleElement().matches(RecordedEvent::isActive);
  }

  @Test
  void eventsStoredBeforeTheyCouldEnd_areEndedAtStart_whenTheirCauseIsGone() {
    store.save(
        new WatcherStore.Update(
            OptionalLong.empty(),
            List.of(),
            List.of(),
            List.of(),
            List.of(
                new ByzantineEvent.InvalidExit(EXIT, HASH, T),
                new ByzantineEvent.UnchallengedExit(EXIT, T.plusSeconds(20), T)),
            Map.of(),
            List.of()));

    state = restart();

    assertThat(state.halted()).isFalse();
    assertThat(events()).noneMatch(RecordedEvent::isActive);
  }
}
