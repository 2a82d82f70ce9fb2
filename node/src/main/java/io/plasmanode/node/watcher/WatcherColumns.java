package io.plasmanode.node.watcher;

import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.l1.BlockCommitment;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.exitgame.ByzantineEvent;
import io.plasmanode.exitgame.SpendRecord;
import io.plasmanode.exitgame.TrackedExit;
import io.plasmanode.exitgame.WithholdingDetector.PendingRoot;
import io.plasmanode.exitgame.inflight.ActionKey;
import io.plasmanode.exitgame.inflight.TrackedInFlightExit;
import io.plasmanode.storage.kv.ColumnId;
import io.plasmanode.storage.kv.KvColumn;
import io.plasmanode.storage.kv.KvSerializer;
import io.plasmanode.storage.serialize.FormatVersioned;
import io.plasmanode.storage.serialize.LongSerializer;
import io.plasmanode.storage.serialize.UtxoPosSerializer;

/**
 * The watcher's own columns, next to the {@code ChainStore} columns in the same database. Their
 * one-byte ids, part of the on-disk format, come from the registry of every column id ({@link
 * ColumnId}, owner {@code WATCHER}).
 */
final class WatcherColumns {
  private static final KvSerializer<Long> LONG_VALUE = FormatVersioned.v1(LongSerializer.INSTANCE);

  /** Child blknum -> the root committed on L1 and its L1 time. */
  static final KvColumn<Long, BlockCommitment> ROOTS =
      new KvColumn<>(
          ColumnId.WATCHER_ROOTS.id(),
          "watcher-roots",
          LongSerializer.INSTANCE,
          WatcherCodec.COMMITMENT);

  /** Exit id -> the exit game's state of that exit. */
  static final KvColumn<UtxoPos, TrackedExit> EXITS =
      new KvColumn<>(
          ColumnId.WATCHER_EXITS.id(),
          "watcher-exits",
          UtxoPosSerializer.INSTANCE,
          WatcherCodec.TRACKED_EXIT);

  /** Child blknum -> a committed root whose block was not obtained yet (withholding detector). */
  static final KvColumn<Long, PendingRoot> PENDING_ROOTS =
      new KvColumn<>(
          ColumnId.WATCHER_PENDING_ROOTS.id(),
          "watcher-pending-roots",
          LongSerializer.INSTANCE,
          WatcherCodec.PENDING_ROOT);

  /** Sequence number -> a byzantine event; append-only. */
  static final KvColumn<Long, ByzantineEvent> EVENTS =
      new KvColumn<>(
          ColumnId.WATCHER_EVENTS.id(),
          "watcher-events",
          LongSerializer.INSTANCE,
          WatcherCodec.EVENT);

  /** Exit id -> the challenge transaction the watcher follows until it is mined. */
  static final KvColumn<UtxoPos, PendingChallenge> PENDING_CHALLENGES =
      new KvColumn<>(
          ColumnId.WATCHER_PENDING_CHALLENGES.id(),
          "watcher-pending-challenges",
          UtxoPosSerializer.INSTANCE,
          ChallengeCodec.PENDING_CHALLENGE);

  /** Sequence number of an event in {@link #EVENTS} -> when its cause ended (epoch seconds). */
  static final KvColumn<Long, Long> EVENT_ENDS =
      new KvColumn<>(
          ColumnId.WATCHER_EVENT_ENDS.id(),
          "watcher-event-ends",
          LongSerializer.INSTANCE,
          LONG_VALUE);

  /**
   * (Spent position, signer) -> a signed spend read from a committed block the watcher did not
   * validate (it was halted): what challenges an exit by that signer.
   */
  static final KvColumn<WatcherCodec.SpendKey, SpendRecord> READ_SPENDS =
      new KvColumn<>(
          ColumnId.WATCHER_READ_SPENDS.id(),
          "watcher-read-spends",
          WatcherCodec.SPEND_KEY,
          WatcherCodec.SPEND_RECORD);

  /**
   * Output position -> its owner, for the outputs created in committed blocks read while halted
   * ({@link #READ_SPENDS}): only a spend its owner signed counts as spending it.
   */
  static final KvColumn<UtxoPos, Address> READ_OUTPUTS =
      new KvColumn<>(
          ColumnId.WATCHER_READ_OUTPUTS.id(),
          "watcher-read-outputs",
          UtxoPosSerializer.INSTANCE,
          WatcherCodec.OWNER);

  /** Exit id -> the L1 block of its {@code ExitChallenged}: such an output never exits again. */
  static final KvColumn<UtxoPos, Long> CHALLENGED_EXITS =
      new KvColumn<>(
          ColumnId.WATCHER_CHALLENGED_EXITS.id(),
          "watcher-challenged-exits",
          UtxoPosSerializer.INSTANCE,
          LONG_VALUE);

  /** In-flight exit id -> the in-flight exit game's state of that exit. */
  static final KvColumn<InFlightExitId, TrackedInFlightExit> IN_FLIGHT_EXITS =
      new KvColumn<>(
          ColumnId.WATCHER_IN_FLIGHT_EXITS.id(),
          "watcher-in-flight-exits",
          InFlightCodec.EXIT_ID,
          WatcherCodec.TRACKED_IN_FLIGHT_EXIT);

  /**
   * In-flight action (exit id, kind, index) -> the call the watcher follows until it is mined, as
   * {@link #PENDING_CHALLENGES} for standard exits.
   */
  static final KvColumn<ActionKey, PendingChallenge> PENDING_IN_FLIGHT_CALLS =
      new KvColumn<>(
          ColumnId.WATCHER_PENDING_IN_FLIGHT_CALLS.id(),
          "watcher-pending-in-flight-calls",
          InFlightCodec.ACTION_KEY,
          ChallengeCodec.PENDING_IN_FLIGHT_CALL);

  /** Single values, see {@link WatcherMeta}. */
  static final KvColumn<Long, Long> META =
      new KvColumn<>(
          ColumnId.WATCHER_META.id(), "watcher-meta", LongSerializer.INSTANCE, LONG_VALUE);

  /** The keys of {@link #META}. */
  static final class WatcherMeta {
    /** The last L1 block whose events the watcher applied. */
    static final long LAST_L1_BLOCK = 1;

    /**
     * 1 once the watcher halted, in databases written before events could end; deleted at start
     * (the halt is now derived from the active events).
     */
    static final long HALTED = 2;

    /** The last child block whose signed spends were read while halted ({@link #READ_SPENDS}). */
    static final long SPENDS_READ_TO = 3;

    private WatcherMeta() {}
  }

  private WatcherColumns() {}
}
