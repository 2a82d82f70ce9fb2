package io.plasmanode.node.watcher;

import io.plasmanode.contracts.l1.follow.FollowResult;
import io.plasmanode.contracts.l1.follow.L1EventFollower;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.exitgame.ChallengeData;
import io.plasmanode.exitgame.ExitGame;
import io.plasmanode.exitgame.RecordedEvent;
import io.plasmanode.exitgame.SpendIndex;
import io.plasmanode.exitgame.TrackedExit;
import io.plasmanode.exitgame.inflight.InFlightExitGame;
import io.plasmanode.node.api.InFlightQueries;
import io.plasmanode.node.api.WatcherQueries;
import io.plasmanode.node.api.WatcherStatus;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.kv.StorageException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watcher's loop body and its read side. Each {@link #step()} follows L1 (its {@link
 * L1EventFollower}, which backs off while L1 fails), and once it is caught up applies the blocks
 * whose roots are known (unless halted), checks for withheld blocks and plays the exit game:
 * records its events and sends its challenges. Steps run on one thread; the {@link WatcherQueries}
 * read the stores and snapshots and may run on any.
 */
public final class Watcher implements WatcherQueries {
  private static final Logger LOG = LoggerFactory.getLogger(Watcher.class);

  private final ChainStore chain;
  private final WatcherStore store;
  private final WatcherState state;
  private final WatcherSpendIndex spends;
  private final L1EventFollower follower;
  private final BlockSyncer syncer;
  private final ExitChallenger challenger;
  private final InFlightWatch inFlight;
  private final InFlightQueries inFlightQueries;
  private final IntSupplier peers;
  private final Clock clock;
  private volatile String lastError;
  private String trackingError;

  Watcher(
      ChainStore chain,
      WatcherStore store,
      WatcherState state,
      L1EventFollower follower,
      BlockSyncer syncer,
      ExitChallenger challenger,
      InFlightSetup inFlightSetup,
      IntSupplier peers,
      Clock clock) {
    this.chain = chain;
    this.store = store;
    this.state = state;
    this.spends = new WatcherSpendIndex(chain, store);
    this.follower = follower;
    this.syncer = syncer;
    this.challenger = challenger;
    this.inFlight =
        new InFlightWatch(
            chain,
            store,
            spends,
            state,
            challenger,
            inFlightSetup.domain(),
            inFlightSetup.recovery(),
            inFlightSetup.highestRoot());
    this.inFlightQueries =
        new InFlightReader(chain, spends, this::inFlightSnapshot, new InFlightCallBuilder(chain));
    this.peers = peers;
    this.clock = clock;
  }

  /**
   * One round; failures are logged once per streak and retried at the next step. While L1 cannot be
   * followed (the follower failed or backs off) only the challenges in flight are followed.
   */
  public synchronized void step() {
    if (follower.pollIfDue() != FollowResult.CAUGHT_UP) {
      trackChallenges();
      return;
    }
    try {
      syncer.sync();
      state.raise(state.detector().check(clock.instant()));
      playExitGame();
      if (lastError != null) {
        LOG.info("Watcher recovered (after: {})", lastError);
        lastError = null;
      }
    } catch (StorageException e) {
      fail("storage: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      fail(e.getMessage(), null);
    }
    trackChallenges();
  }

  private void playExitGame() {
    Instant now = exitClock();
    ExitGame.Decisions decisions = state.game().check(chain, inFlight.standardExitSpends(), now);
    state.raise(decisions.events());
    state.save();
    decisions.challenges().forEach(challenge -> challenger.challenge(challenge, now));
    inFlight.play(now);
  }

  /**
   * Follows the challenges in flight (re-sending them as needed) also when the rest of the step
   * failed, e.g. on a new exit whose challenge could not be prepared: they must be mined before
   * their exits mature.
   */
  private void trackChallenges() {
    try {
      challenger.track(exitClock());
      if (trackingError != null) {
        LOG.info("Following challenges again (after: {})", trackingError);
        trackingError = null;
      }
    } catch (RuntimeException e) {
      if (trackingError == null) {
        LOG.warn("Following challenges failed: {}; retrying", e.getMessage());
      }
      trackingError = e.getMessage();
    }
  }

  /**
   * The time exits are judged at: the later of this machine's clock and the latest L1 block's, so
   * an exit the contract will soon let mature is reported in time even when L1 time runs ahead of
   * ours (and anvil's clock, which only moves when it mines, never holds us back).
   */
  private Instant exitClock() {
    Instant local = clock.instant();
    Instant l1 = follower.l1Time();
    return l1.isAfter(local) ? l1 : local;
  }

  private void fail(String message, RuntimeException cause) {
    boolean first = lastError == null;
    lastError = message;
    if (!first) {
      LOG.debug("{}", message);
    } else if (cause != null) {
      LOG.error("Watcher step failed: {}", message, cause);
    } else {
      LOG.warn("Watcher step failed: {}; retrying", message);
    }
  }

  /** Why the last step failed, while failures last. */
  public Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  @Override
  public WatcherStatus status() {
    List<RecordedEvent> events =
        store.events().stream().map(WatcherStore.StoredEvent::recorded).toList();
    return new WatcherStatus(
        chain.height(),
        follower.l1Head(),
        store.lastL1Block().orElse(-1),
        peers.getAsInt(),
        state.exitsSnapshot().size(),
        state.halted(),
        events.stream().filter(RecordedEvent::isActive).map(RecordedEvent::event).toList(),
        events.stream().filter(event -> !event.isActive()).toList(),
        alarms());
  }

  @Override
  public List<TrackedExit> trackedExits() {
    return state.exitsSnapshot().stream()
        .sorted(Comparator.comparing(TrackedExit::utxoPos))
        .toList();
  }

  /** The challenges at risk, then L1 failing for too long or a reorg deeper than the margin. */
  private List<String> alarms() {
    List<String> alarms = new ArrayList<>(challenger.alarms());
    alarms.addAll(follower.alarms());
    return alarms;
  }

  /**
   * The challenge of an exit of {@code utxoPos}; for a tracked exit only a spend signed by its
   * owner counts (what the contract accepts), also among the spends read while halted.
   */
  @Override
  public ChallengeData challengeData(UtxoPos utxoPos) {
    SpendIndex withInFlight = snapshotSpends();
    SpendIndex byOwner =
        state.exitsSnapshot().stream()
            .filter(exit -> exit.utxoPos().equals(utxoPos))
            .findFirst()
            .<SpendIndex>map(exit -> pos -> withInFlight.spendBy(pos, exit.owner()))
            .orElse(withInFlight);
    return ChallengeData.lookup(utxoPos, chain, byOwner);
  }

  /** The spends of the chain and of the in-flight txs tracked at the last save (W7). */
  private SpendIndex snapshotSpends() {
    return inFlight.withInFlightSpends(spends, inFlightSnapshot());
  }

  /** The in-flight exit game's queries for the JSON-RPC API: safe on any thread. */
  public InFlightQueries inFlightQueries() {
    return inFlightQueries;
  }

  /** The in-flight exit game as of the last save: safe to read on any thread. */
  InFlightExitGame inFlightSnapshot() {
    return new InFlightExitGame(state.inFlight().config(), state.inFlightSnapshot());
  }

  /**
   * {@code owner}'s outputs that can start a standard exit: not exiting, never challenged, and not
   * an input of a tracked in-flight tx (that signed tx spends it: an exit would be challenged, W7).
   */
  @Override
  public List<Utxo> exitableUtxos(Address owner) {
    ExitGame snapshot = new ExitGame(state.gameConfig(), state.exitsSnapshot());
    Set<UtxoPos> inFlightInputs =
        state.inFlightSnapshot().stream()
            .flatMap(exit -> exit.tx().inputs().stream())
            .collect(Collectors.toSet());
    return snapshot.exitable(chain.utxosOf(owner), chain).stream()
        .filter(utxo -> !store.isChallenged(utxo.pos()))
        .filter(utxo -> !inFlightInputs.contains(utxo.pos()))
        .toList();
  }

  @Override
  public List<Utxo> utxos(Address owner) {
    return chain.utxosOf(owner);
  }
}
