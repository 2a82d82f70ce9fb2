package io.plasmanode.node.watcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.l1.BlockCommitment;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.exitgame.ByzantineEvent;
import io.plasmanode.exitgame.ExitGame;
import io.plasmanode.exitgame.ExitGameConfig;
import io.plasmanode.exitgame.TrackedExit;
import io.plasmanode.exitgame.WithholdingDetector.PendingRoot;
import io.plasmanode.node.storage.InMemoryKeyValueStore;
import io.plasmanode.node.storage.StorageException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class WatcherStoreTest {
  private static final Instant T = Instant.ofEpochSecond(1_700_000_000);
  private static final Hash32 ROOT = Hash32.fromHex("0x" + "ab".repeat(32));
  private static final UtxoPos POS = new UtxoPos(1000, 2, 1);

  private final InMemoryKeyValueStore kv = new InMemoryKeyValueStore();

  @Test
  void save_roundTripsEveryValueAndReopens() {
    WatcherStore store = new WatcherStore(kv);
    TrackedExit exit = challengedExit();
    PendingRoot pending = new PendingRoot(2000, T, T.plusSeconds(5), true);
    List<ByzantineEvent> events = allEvents();
    store.save(
        new WatcherStore.Update(
            OptionalLong.of(42),
            List.of(new BlockCommitment(1000, ROOT, T)),
            List.of(exit),
            List.of(pending),
            events,
            true));

    WatcherStore reopened = new WatcherStore(kv);
    assertThat(reopened.lastL1Block()).hasValue(42);
    assertThat(reopened.root(1000)).contains(new BlockCommitment(1000, ROOT, T));
    assertThat(reopened.root(2000)).isEmpty();
    assertThat(reopened.exits()).containsExactly(exit);
    assertThat(reopened.pendingRoots()).containsExactly(pending);
    assertThat(reopened.events()).isEqualTo(events);
    assertThat(reopened.halted()).isTrue();
    reopened.clearHalted();
    assertThat(new WatcherStore(kv).halted()).isFalse();
  }

  @Test
  void save_replacesExitsAndPendingRootsButAppendsEvents() {
    WatcherStore store = new WatcherStore(kv);
    store.save(update(List.of(challengedExit()), List.of(new PendingRoot(1000, T, T, false))));
    store.save(update(List.of(), List.of()));
    new WatcherStore(kv).save(update(List.of(), List.of()));

    WatcherStore reopened = new WatcherStore(kv);
    assertThat(reopened.exits()).isEmpty();
    assertThat(reopened.pendingRoots()).isEmpty();
    assertThat(reopened.events()).hasSize(3);
    assertThat(reopened.lastL1Block()).isEmpty();
    assertThat(reopened.halted()).isFalse();
  }

  @Test
  void corruptValue_isAStorageException() {
    WatcherStore store = new WatcherStore(kv);
    try (var tx = kv.startTransaction()) {
      WatcherColumns.ROOTS.put(tx, 1000L, new BlockCommitment(1000, ROOT, T));
      tx.commit();
    }
    try (var tx = kv.startTransaction()) {
      tx.put(WatcherColumns.ROOTS.key(1000L), new byte[] {1, 2, 3});
      tx.commit();
    }
    assertThatThrownBy(() -> store.root(1000)).isInstanceOf(StorageException.class);
  }

  private static WatcherStore.Update update(List<TrackedExit> exits, List<PendingRoot> pending) {
    return new WatcherStore.Update(
        OptionalLong.empty(),
        List.of(),
        exits,
        pending,
        List.of(new ByzantineEvent.InvalidExit(POS, ROOT, T)),
        false);
  }

  private static TrackedExit challengedExit() {
    ExitGame game = new ExitGame(new ExitGameConfig(Duration.ofHours(1), Duration.ofMinutes(5)));
    var origin = new L1Event.L1Origin(7, ROOT, 0);
    Address owner = Address.fromHex("0x" + "11".repeat(20));
    game.apply(
        new L1Event.ExitStarted(origin, POS, owner, Address.ZERO, BigInteger.TEN.pow(20), T));
    game.challengeSubmitted(POS, ROOT, T.plusSeconds(1));
    game.apply(new L1Event.ExitChallenged(origin, POS, owner, ROOT));
    TrackedExit exit = game.exit(POS).orElseThrow();
    assertThat(exit.challenge()).isPresent();
    assertThat(exit.status()).isEqualTo(TrackedExit.Status.CHALLENGED);
    return exit;
  }

  private static List<ByzantineEvent> allEvents() {
    return List.of(
        new ByzantineEvent.InvalidBlock(3000, 7, ROOT, Rejection.DOUBLE_SPEND, "input 0 spent", T),
        new ByzantineEvent.BlockWithholding(4000, T, Duration.ofSeconds(61), T.plusSeconds(61)),
        new ByzantineEvent.InvalidExit(POS, ROOT, T),
        new ByzantineEvent.UnchallengedExit(POS, T.plusSeconds(100), T));
  }

  @Test
  void trackedExitWithoutChallenge_roundTrips() {
    TrackedExit exit =
        new TrackedExit(
            POS,
            Address.ZERO,
            Address.ZERO,
            BigInteger.ONE,
            T,
            TrackedExit.Status.ACTIVE,
            Optional.empty(),
            true,
            false);
    byte[] bytes = WatcherCodec.TRACKED_EXIT.serialize(exit);
    assertThat(WatcherCodec.TRACKED_EXIT.deserialize(bytes)).isEqualTo(exit);
  }
}
