package io.plasmanode.exitgame;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * An exit the {@link ExitGame} follows, with what the watcher already did about it: the unit of the
 * game's persisted state. Finalized exits are not tracked.
 *
 * @param utxoPos the exiting output, which is also the exit id
 * @param exitableAt when the contract lets it be processed
 * @param status {@code ACTIVE}, or {@code CHALLENGED} once L1 says so (a challenged exit stays in
 *     the contract's queue until a {@code processExits} pops it)
 * @param challenge this watcher's last challenge submission, if any
 * @param invalidReported whether {@code invalid_exit} was raised
 * @param unchallengedReported whether {@code unchallenged_exit} was raised
 */
public record TrackedExit(
    UtxoPos utxoPos,
    Address owner,
    Address token,
    BigInteger amount,
    Instant exitableAt,
    Status status,
    Optional<ChallengeAttempt> challenge,
    boolean invalidReported,
    boolean unchallengedReported) {

  /**
   * The contract's processing order of standard exits: {@code exitableAt << 192 | utxoPos << 128},
   * smallest first (docs/spec.md "Exits"; an in-flight exit's entry sorts among them by its
   * youngest input's position).
   */
  public static final Comparator<TrackedExit> PRIORITY_ORDER =
      Comparator.comparingLong((TrackedExit exit) -> exit.exitableAt().getEpochSecond())
          .thenComparing(TrackedExit::utxoPos);

  /** Where an exit is on L1 (a finalized exit is no longer tracked). */
  public enum Status {
    ACTIVE,
    CHALLENGED
  }

  /** A challenge this watcher sent: its L1 transaction and when. */
  public record ChallengeAttempt(Hash32 l1TxHash, Instant submittedAt) {
    public ChallengeAttempt {
      requireNonNull(l1TxHash, "l1TxHash");
      requireNonNull(submittedAt, "submittedAt");
    }
  }

  public TrackedExit {
    requireNonNull(utxoPos, "utxoPos");
    requireNonNull(owner, "owner");
    requireNonNull(token, "token");
    requireNonNull(amount, "amount");
    requireNonNull(exitableAt, "exitableAt");
    requireNonNull(status, "status");
    requireNonNull(challenge, "challenge");
  }

  /** A newly started exit. */
  public static TrackedExit started(L1Event.ExitStarted event) {
    return new TrackedExit(
        event.utxoPos(),
        event.owner(),
        event.token(),
        event.amount(),
        event.exitableAt(),
        Status.ACTIVE,
        Optional.empty(),
        false,
        false);
  }

  /** The contract's queue entry, {@code exitableAt << 192 | utxoPos << 128} (in-flight id 0). */
  public BigInteger priority() {
    return BigInteger.valueOf(exitableAt.getEpochSecond())
        .shiftLeft(192)
        .or(BigInteger.valueOf(utxoPos.toLong()).shiftLeft(128));
  }

  public boolean isActive() {
    return status == Status.ACTIVE;
  }

  /** Whether the contract would process it at {@code now} ({@code exitableAt <= now}). */
  public boolean isMatured(Instant now) {
    return exitableAt.getEpochSecond() <= now.getEpochSecond();
  }

  TrackedExit withStatus(Status newStatus) {
    return new TrackedExit(
        utxoPos,
        owner,
        token,
        amount,
        exitableAt,
        newStatus,
        challenge,
        invalidReported,
        unchallengedReported);
  }

  TrackedExit withChallenge(Optional<ChallengeAttempt> attempt) {
    return new TrackedExit(
        utxoPos,
        owner,
        token,
        amount,
        exitableAt,
        status,
        attempt,
        invalidReported,
        unchallengedReported);
  }

  TrackedExit withReported(boolean invalid, boolean unchallenged) {
    return new TrackedExit(
        utxoPos, owner, token, amount, exitableAt, status, challenge, invalid, unchallenged);
  }
}
