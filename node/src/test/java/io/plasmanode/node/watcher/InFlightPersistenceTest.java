package io.plasmanode.node.watcher;

import static io.plasmanode.core.testing.TestKeys.CAROL;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.A_OUT;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.B_OUT;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.EXIT_TX;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.ID;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.exitgame.ByzantineEvent;
import io.plasmanode.exitgame.InFlightByzantineEvent;
import io.plasmanode.exitgame.inflight.ActionKey;
import io.plasmanode.exitgame.inflight.ChainPosition;
import io.plasmanode.exitgame.inflight.Slot;
import io.plasmanode.exitgame.inflight.TrackedInFlightExit;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import io.plasmanode.storage.kv.StorageException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tracked in-flight exits on disk: saved with the L1 cursor, restored by a restart. */
class InFlightPersistenceTest {
  private static final Instant EXITABLE = T0.plusSeconds(4 * 3600);
  private static final Hash32 L1_TX = Hash32.fromHex("0x" + "ab".repeat(32));

  private final InMemoryKeyValueStore kv = new InMemoryKeyValueStore();

  private static List<InFlightByzantineEvent> everyEvent() {
    return List.of(
        new InFlightByzantineEvent.NonCanonicalIfe(
            ID, 1, L1_TX, ChainPosition.included(2000, 3), T0.plusSeconds(3600), T0),
        new InFlightByzantineEvent.NonCanonicalIfe(
            ID, 0, L1_TX, ChainPosition.IN_FLIGHT, T0.plusSeconds(3600), T0),
        new InFlightByzantineEvent.InvalidIfeChallenge(ID, new UtxoPos(1000, 2, 0), T0),
        new InFlightByzantineEvent.PiggybackAvailable(
            ID, CAROL.address(), List.of(Slot.output(0), Slot.input(1)), T0.plusSeconds(60), T0),
        new InFlightByzantineEvent.InvalidPiggyback(ID, Slot.output(1), L1_TX, T0),
        new InFlightByzantineEvent.UnchallengedNonCanonicalIfe(ID, T0.plusSeconds(3600), T0),
        new InFlightByzantineEvent.UnchallengedPiggyback(ID, Slot.input(0), EXITABLE, T0));
  }

  @Test
  void trackedExits_areSavedWithTheL1Cursor_andRestoredAfterARestart() {
    WatcherState state = InFlightWatcherFixture.state(kv);
    state.inFlight().started(ID, EXIT_TX, List.of(A_OUT, B_OUT), T0);
    state.inFlight().piggybacked(ID, Slot.output(0), EXITABLE, T0.plusSeconds(30));
    state.inFlight().challenged(ID, 1, ChainPosition.IN_FLIGHT);
    state.inFlight().submitted(new ActionKey(ID, ActionKey.Kind.RESPOND, 0), L1_TX, T0);
    state.saveL1Progress(55, List.of(), List.of());
    List<TrackedInFlightExit> saved = state.inFlight().exits();

    WatcherState restarted = InFlightWatcherFixture.state(kv);

    assertThat(restarted.inFlight().exits()).isEqualTo(saved);
    assertThat(new WatcherStore(kv).lastL1Block()).hasValue(55);
  }

  @Test
  void anExitAppliedButNotSaved_isGoneAfterARestart_withTheCursorBeforeIt() {
    WatcherState state = InFlightWatcherFixture.state(kv);
    state.saveL1Progress(40, List.of(), List.of());
    state.inFlight().started(ID, EXIT_TX, List.of(A_OUT, B_OUT), T0); // crash before the save

    WatcherState restarted = InFlightWatcherFixture.state(kv);

    assertThat(restarted.inFlight().exits()).isEmpty();
    assertThat(new WatcherStore(kv).lastL1Block()).hasValue(40);
  }

  @Test
  void everyInFlightEvent_roundTrips_asAStoredEventAndAsAStandingOne() {
    for (InFlightByzantineEvent event : everyEvent()) {
      ByzantineEvent read = WatcherCodec.EVENT.deserialize(WatcherCodec.EVENT.serialize(event));
      assertThat(read).isEqualTo(event);
    }
    TrackedInFlightExit exit =
        new TrackedInFlightExit(
            ID,
            EXIT_TX,
            List.of(A_OUT, B_OUT),
            T0,
            TrackedInFlightExit.L1State.STARTED,
            List.of(
                new TrackedInFlightExit.Submission(
                    new ActionKey(ID, ActionKey.Kind.OUTPUT_SPENT, 1), L1_TX, T0)),
            everyEvent());
    var codec = WatcherCodec.TRACKED_IN_FLIGHT_EXIT;
    assertThat(codec.deserialize(codec.serialize(exit))).isEqualTo(exit);
  }

  @Test
  void corruptTrackedExit_isAStorageException() {
    WatcherState state = InFlightWatcherFixture.state(kv);
    state.inFlight().started(ID, EXIT_TX, List.of(A_OUT, B_OUT), T0);
    byte[] bytes = WatcherCodec.TRACKED_IN_FLIGHT_EXIT.serialize(state.inFlight().exits().get(0));
    byte[] truncated = Arrays.copyOf(bytes, bytes.length - 5);

    assertThatThrownBy(() -> WatcherCodec.TRACKED_IN_FLIGHT_EXIT.deserialize(truncated))
        .isInstanceOf(StorageException.class);
  }

  @Test
  void actionKeys_sortByExitIdThenKindThenIndex() {
    ActionKey low = new ActionKey(ID, ActionKey.Kind.INPUT_SPENT, 3);
    ActionKey high = new ActionKey(ID, ActionKey.Kind.OUTPUT_SPENT, 0);
    byte[] a = InFlightCodec.ACTION_KEY.serialize(low);
    byte[] b = InFlightCodec.ACTION_KEY.serialize(high);

    assertThat(Arrays.compareUnsigned(a, b)).isNegative();
    assertThat(InFlightCodec.ACTION_KEY.deserialize(b)).isEqualTo(high);
  }
}
