package io.plasmanode.exitgame;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.ledger.UtxoView;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.Rejection;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Something wrong that a watcher found, as {@code watcher_status} reports it (docs/watcher-rpc.md):
 * a {@link #type()} on the wire, what users must do ({@link #action()}), a reason for people and
 * when it was found.
 */
public sealed interface ByzantineEvent
    permits ByzantineEvent.InvalidBlock,
        ByzantineEvent.BlockWithholding,
        ByzantineEvent.InvalidExit,
        ByzantineEvent.UnchallengedExit,
        ByzantineEvent.InvalidExitPaid,
        InFlightByzantineEvent {

  /** What users must do about an event. */
  enum Action {
    /** Users must exit their outputs now. */
    EXIT,
    /** An exit must be challenged (or, in the in-flight game, a challenge answered). */
    CHALLENGE,
    /** Owners can piggyback an in-flight exit to exit with it (it does not halt the watcher). */
    PIGGYBACK;

    /** The wire name: {@code exit}, {@code challenge} or {@code piggyback}. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The wire name: {@code invalid_block}, {@code block_withholding}, ...; the in-flight exit game's
   * are {@link InFlightByzantineEvent}s.
   */
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

  /**
   * L1 paid an exit of an output that the validated chain spent: nobody challenged it in time. The
   * contract is now short of the amount paid, so the last users to exit may not be paid: exit.
   *
   * @param utxoPos the exit
   * @param owner who was paid
   * @param amount what was paid (or credited), in the token's base units
   * @param spendingTxHash the child chain transaction that spent the output
   * @param l1TxHash the L1 transaction that processed the exit
   */
  record InvalidExitPaid(
      UtxoPos utxoPos,
      Address owner,
      Address token,
      BigInteger amount,
      Hash32 spendingTxHash,
      Hash32 l1TxHash,
      Instant detectedAt)
      implements ByzantineEvent {
    public InvalidExitPaid {
      requireNonNull(utxoPos, "utxoPos");
      requireNonNull(owner, "owner");
      requireNonNull(token, "token");
      requireNonNull(amount, "amount");
      requireNonNull(spendingTxHash, "spendingTxHash");
      requireNonNull(l1TxHash, "l1TxHash");
      requireNonNull(detectedAt, "detectedAt");
    }

    /**
     * The event if {@code finalized} paid an exit whose output the validated chain ({@code view},
     * {@code spends}) spent, judged at {@code now}.
     */
    public static Optional<InvalidExitPaid> of(
        L1Event.ExitFinalized finalized, UtxoView view, SpendIndex spends, Instant now) {
      if (!(ExitGame.judge(finalized.utxoPos(), view, spends)
          instanceof ExitVerdict.Invalid invalid)) {
        return Optional.empty();
      }
      return Optional.of(
          new InvalidExitPaid(
              finalized.utxoPos(),
              finalized.owner(),
              finalized.token(),
              finalized.amount(),
              invalid.spend().spendingTxHash(),
              finalized.origin().l1TxHash(),
              now));
    }

    @Override
    public String type() {
      return "invalid_exit_paid";
    }

    @Override
    public Action action() {
      return Action.EXIT;
    }

    @Override
    public String reason() {
      return ("invalid exit of %s was paid (%s of token %s to %s in L1 tx %s): the output was spent"
              + " by tx %s and nobody challenged it in time; the contract is short of that amount")
          .formatted(
              utxoPos,
              amount,
              token.toHex(),
              owner.toHex(),
              l1TxHash.toShortHex(),
              spendingTxHash.toShortHex());
    }
  }
}
