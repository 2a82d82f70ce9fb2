package io.plasmanode.exitgame;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.Rejection;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Something wrong that a watcher found, as {@code watcher_status} reports it (docs/watcher-rpc.md):
 * a {@link #type()} on the wire, what users must do ({@link #action()}), a reason for people and
 * when it was found.
 */
public sealed interface ByzantineEvent {

  /** What users must do about an event. */
  enum Action {
    /** Users must exit their outputs now. */
    EXIT,
    /** An exit must be challenged. */
    CHALLENGE;

    /** The wire name: {@code exit} or {@code challenge}. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The wire name: {@code invalid_block}, {@code block_withholding}, ... */
  String type();

  Action action();

  /** What was found, in words, with the core rejection name where there is one. */
  String reason();

  Instant detectedAt();

  /** A committed child block holds an invalid transaction: the first one, and why. */
  record InvalidBlock(
      long blknum,
      int txIndex,
      Hash32 txHash,
      Rejection rejection,
      String detail,
      Instant detectedAt)
      implements ByzantineEvent {
    public InvalidBlock {
      requireNonNull(txHash, "txHash");
      requireNonNull(rejection, "rejection");
      requireNonNull(detail, "detail");
      requireNonNull(detectedAt, "detectedAt");
    }

    @Override
    public String type() {
      return "invalid_block";
    }

    @Override
    public Action action() {
      return Action.EXIT;
    }

    @Override
    public String reason() {
      return "tx %d (%s) of block %d is invalid: %s: %s"
          .formatted(txIndex, txHash.toShortHex(), blknum, rejection.code(), detail);
    }
  }

  /** A child block's root is on L1 but its contents could not be obtained in time. */
  record BlockWithholding(long blknum, Instant committedAt, Duration waitedFor, Instant detectedAt)
      implements ByzantineEvent {
    public BlockWithholding {
      requireNonNull(committedAt, "committedAt");
      requireNonNull(waitedFor, "waitedFor");
      requireNonNull(detectedAt, "detectedAt");
    }

    @Override
    public String type() {
      return "block_withholding";
    }

    @Override
    public Action action() {
      return Action.EXIT;
    }

    @Override
    public String reason() {
      return "block %d was committed on L1 at %s but its transactions were not available after %ds"
          .formatted(blknum, committedAt, waitedFor.toSeconds());
    }
  }

  /** An exit of an output that the validated chain spent: it must be challenged. */
  record InvalidExit(UtxoPos utxoPos, Hash32 spendingTxHash, Instant detectedAt)
      implements ByzantineEvent {
    public InvalidExit {
      requireNonNull(utxoPos, "utxoPos");
      requireNonNull(spendingTxHash, "spendingTxHash");
      requireNonNull(detectedAt, "detectedAt");
    }

    @Override
    public String type() {
      return "invalid_exit";
    }

    @Override
    public Action action() {
      return Action.CHALLENGE;
    }

    @Override
    public String reason() {
      return "exit of %s: the output was spent by tx %s"
          .formatted(utxoPos, spendingTxHash.toShortHex());
    }
  }

  /**
   * An invalid exit close to maturity that is still not challenged on L1: if it matures, it takes
   * funds that are not its owner's, so users must exit.
   */
  record UnchallengedExit(UtxoPos utxoPos, Instant exitableAt, Instant detectedAt)
      implements ByzantineEvent {
    public UnchallengedExit {
      requireNonNull(utxoPos, "utxoPos");
      requireNonNull(exitableAt, "exitableAt");
      requireNonNull(detectedAt, "detectedAt");
    }

    @Override
    public String type() {
      return "unchallenged_exit";
    }

    @Override
    public Action action() {
      return Action.EXIT;
    }

    @Override
    public String reason() {
      return "invalid exit of %s is still unchallenged and becomes processable at %s"
          .formatted(utxoPos, exitableAt);
    }
  }
}
