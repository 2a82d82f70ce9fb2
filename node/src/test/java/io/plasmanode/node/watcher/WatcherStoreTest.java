package io.plasmanode.node.watcher;

import static io.plasmanode.core.testing.TestKeys.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.l1.BlockCommitment;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.exitgame.ByzantineEvent;
import io.plasmanode.exitgame.ExitGame;
import io.plasmanode.exitgame.ExitGameConfig;
import io.plasmanode.exitgame.RecordedEvent;
import io.plasmanode.exitgame.SpendCollector.CollectedBlock;
import io.plasmanode.exitgame.SpendCollector.SignedSpend;
import io.plasmanode.exitgame.SpendRecord;
import io.plasmanode.exitgame.TrackedExit;
import io.plasmanode.exitgame.WithholdingDetector.PendingRoot;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import io.plasmanode.storage.kv.StorageException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class WatcherStoreTest {
  private static final Address BOB = Address.fromHex("0x" + "b0".repeat(20));
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
    List<Long> seqs =
        store.save(
            new WatcherStore.Update(
                OptionalLong.of(42),
                List.of(new BlockCommitment(1000, ROOT, T)),
                List.of(exit),
                List.of(pending),
                events,
                Map.of(),
                List.of(POS)));
    store.save(
        new WatcherStore.Update(
            OptionalLong.empty(),
            List.of(),
            List.of(exit),
            List.of(pending),
            List.of(),
            Map.of(seqs.get(2), T.plusSeconds(9)),
            List.of()));

    WatcherStore reopened = new WatcherStore(kv);
    assertThat(seqs).containsExactly(0L, 1L, 2L, 3L);
    assertThat(reopened.lastL1Block()).hasValue(42);
    assertThat(reopened.root(1000)).contains(new BlockCommitment(1000, ROOT, T));
    assertThat(reopened.root(2000)).isEmpty();
    assertThat(reopened.exits()).containsExactly(exit);
    assertThat(reopened.pendingRoots()).containsExactly(pending);
    assertThat(reopened.events())
        .extracting(WatcherStore.StoredEvent::recorded)
        .containsExactly(
            RecordedEvent.active(events.get(0)),
            RecordedEvent.active(events.get(1)),
            new RecordedEvent(events.get(2), Optional.of(T.plusSeconds(9))),
            RecordedEvent.active(events.get(3)));
    assertThat(reopened.isChallenged(POS)).isTrue();
    assertThat(reopened.isChallenged(new UtxoPos(1000, 2, 0))).isFalse();
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
    assertThat(reopened.events())
        .extracting(WatcherStore.StoredEvent::seq)
        .containsExactly(0L, 1L, 2L);
    assertThat(reopened.lastL1Block()).isEmpty();
  }

  @Test
  void readBlock_roundTripsSpendsByPositionAndSigner_ownersOfCreatedOutputs_andWhereReadingGot() {
    WatcherStore store = new WatcherStore(kv);
    PaymentTransaction spending =
        PaymentTransaction.transfer(
            List.of(new UtxoPos(1, 0, 0), POS),
            List.of(new Output(ALICE.address(), Address.ZERO, BigInteger.TEN)));
    SpendRecord byAlice = new SpendRecord(POS, spending, 1, signature(1), 3000, 4);
    SpendRecord byBob = new SpendRecord(POS, spending, 1, signature(2), 4000, 0);
    UtxoPos created = new UtxoPos(4000, 0, 1);
    store.saveReadBlock(
        4000,
        new CollectedBlock(
            List.of(new SignedSpend(byAlice, ALICE.address()), new SignedSpend(byBob, BOB)),
            List.of(new Utxo(created, new Output(ALICE.address(), Address.ZERO, BigInteger.TWO)))));

    WatcherStore reopened = new WatcherStore(kv);
    assertThat(reopened.spendsReadTo()).isEqualTo(4000);
    assertThat(reopened.readSpend(POS, ALICE.address())).contains(byAlice);
    assertThat(reopened.readSpend(POS, BOB)).contains(byBob);
    assertThat(reopened.readSpend(new UtxoPos(1, 0, 0), ALICE.address())).isEmpty();
    assertThat(reopened.readSpends(POS)).containsExactlyInAnyOrder(byAlice, byBob);
    assertThat(reopened.readOutputOwner(created)).contains(ALICE.address());
    assertThat(reopened.readOutputOwner(new UtxoPos(4000, 0, 0))).isEmpty();
  }

  private static Signature signature(int fill) {
    byte[] bytes = new byte[Signature.SIZE];
    java.util.Arrays.fill(bytes, (byte) fill);
    return Signature.of(bytes);
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
        Map.of(),
        List.of());
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
