package io.plasmanode.node.watcher;

import io.plasmanode.core.l1.BlockCommitment;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.exitgame.ByzantineEvent;
import io.plasmanode.exitgame.SpendRecord;
import io.plasmanode.exitgame.TrackedExit;
import io.plasmanode.exitgame.WithholdingDetector.PendingRoot;
import io.plasmanode.storage.kv.KvColumn;

/**
 * The watcher's own columns, next to the {@code ChainStore} columns (ids 1..31) in the same
 * database; ids from 32 up. Their one-byte ids are part of the on-disk format.
 */
final class WatcherColumns {
  /** Child blknum -> the root committed on L1 and its L1 time. */
  static final KvColumn<Long, BlockCommitment> ROOTS =
      new KvColumn<>((byte) 32, "watcher-roots", WatcherCodec.LONG, WatcherCodec.COMMITMENT);

  /** Exit id -> the exit game's state of that exit. */
  static final KvColumn<UtxoPos, TrackedExit> EXITS =
      new KvColumn<>((byte) 33, "watcher-exits", WatcherCodec.UTXO_POS, WatcherCodec.TRACKED_EXIT);

  /** Child blknum -> a committed root whose block was not obtained yet (withholding detector). */
  static final KvColumn<Long, PendingRoot> PENDING_ROOTS =
      new KvColumn<>(
          (byte) 34, "watcher-pending-roots", WatcherCodec.LONG, WatcherCodec.PENDING_ROOT);

  /** Sequence number -> a byzantine event; append-only. */
  static final KvColumn<Long, ByzantineEvent> EVENTS =
      new KvColumn<>((byte) 35, "watcher-events", WatcherCodec.LONG, WatcherCodec.EVENT);

  /** Exit id -> the challenge transaction the watcher follows until it is mined. */
  static final KvColumn<UtxoPos, PendingChallenge> PENDING_CHALLENGES =
      new KvColumn<>(
          (byte) 37,
          "watcher-pending-challenges",
          WatcherCodec.UTXO_POS,
          ChallengeCodec.PENDING_CHALLENGE);

  /** Sequence number of an event in {@link #EVENTS} -> when its cause ended (epoch seconds). */
  static final KvColumn<Long, Long> EVENT_ENDS =
      new KvColumn<>((byte) 40, "watcher-event-ends", WatcherCodec.LONG, WatcherCodec.LONG_VALUE);

  /**
   * (Spent position, signer) -> a signed spend read from a committed block the watcher did not
   * validate (it was halted): what challenges an exit by that signer.
   */
  static final KvColumn<WatcherCodec.SpendKey, SpendRecord> READ_SPENDS =
      new KvColumn<>(
          (byte) 41, "watcher-read-spends", WatcherCodec.SPEND_KEY, WatcherCodec.SPEND_RECORD);

  /** Exit id -> the L1 block of its {@code ExitChallenged}: such an output never exits again. */
  static final KvColumn<UtxoPos, Long> CHALLENGED_EXITS =
      new KvColumn<>(
          (byte) 42, "watcher-challenged-exits", WatcherCodec.UTXO_POS, WatcherCodec.LONG_VALUE);

  /** Single values, see {@link WatcherMeta}. */
  static final KvColumn<Long, Long> META =
      new KvColumn<>((byte) 36, "watcher-meta", WatcherCodec.LONG, WatcherCodec.LONG_VALUE);

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
