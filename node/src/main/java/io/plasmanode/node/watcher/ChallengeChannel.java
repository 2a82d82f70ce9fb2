package io.plasmanode.node.watcher;

import static java.util.Objects.requireNonNull;

import io.plasmanode.contracts.l1.Fees;
import io.plasmanode.contracts.l1.SendResult;
import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.inflight.InFlightExitState;
import io.plasmanode.core.l1.ExitState;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.exitgame.inflight.ActionKey;
import java.math.BigInteger;
import java.util.Optional;

/**
 * What the watcher's challenger needs of L1: the challenger account, exits, and challenge
 * transactions signed locally with a chosen nonce and fees, so the same nonce can be re-sent with
 * higher fees. Every method may throw {@code L1Exception} when the L1 node cannot be reached; node
 * rejections of a transaction are {@link SendResult} outcomes instead.
 */
interface ChallengeChannel {

  /** A signed challenge transaction: its hash is known before it is sent. */
  record SignedChallenge(Hash32 txHash, long nonce, Fees fees, String rawHex) {
    public SignedChallenge {
      requireNonNull(txHash, "txHash");
      requireNonNull(fees, "fees");
      requireNonNull(rawHex, "rawHex");
    }
  }

  /** A mined challenge transaction: where, and whether it succeeded (status 1). */
  record ChallengeReceipt(Hash32 txHash, long l1Block, boolean success) {
    public ChallengeReceipt {
      requireNonNull(txHash, "txHash");
    }
  }

  /** The challenger account, which signs and pays. */
  Address sender();

  /** The number of the latest L1 block. */
  long l1Height();

  /** The sender's nonce in the latest block: its number of mined transactions. */
  long minedNonce();

  /** The sender's balance in wei at the latest block. */
  BigInteger balance();

  /** The gas limit every challenge is sent with. */
  long gasLimit();

  /** The fees a new transaction should offer now (from the latest base fee and tip market). */
  Fees suggestedFees();

  /** The exit as the contract records it now. */
  ExitState exit(UtxoPos exitId);

  /** The in-flight exit as the contract records it now; empty if never started. */
  Optional<InFlightExitState> inFlightExit(InFlightExitId exitId);

  /**
   * Where what {@code call} is about stands on L1: {@code ACTIVE} while L1 still calls for it (a
   * standard exit active; an in-flight exit active and, for a canonicity challenge, canonical, for
   * a response non-canonical, for a spent challenge the slot piggybacked), {@code CHALLENGED} once
   * it no longer does (someone else's call came first), {@code FINALIZED} once the exit was
   * processed or deleted, {@code NONE} for an exit never started.
   */
  default ExitState.Status status(ChallengeCall call) {
    return switch (call) {
      case ChallengeCall.StandardExit standard -> exit(standard.challenge().exitId()).status();
      case ChallengeCall.InFlight inFlight ->
          inFlightExit(inFlight.exitId())
              .map(exit -> inFlightStatus(exit, inFlight.action()))
              .orElse(ExitState.Status.NONE);
    };
  }

  private static ExitState.Status inFlightStatus(InFlightExitState exit, ActionKey action) {
    if (!exit.isActive()) {
      return ExitState.Status.FINALIZED;
    }
    boolean calledFor =
        switch (action.kind()) {
          case NOT_CANONICAL -> exit.canonical();
          case RESPOND -> !exit.canonical();
          case INPUT_SPENT -> exit.inputPiggybacked(action.index());
          case OUTPUT_SPENT -> exit.outputPiggybacked(action.index());
        };
    return calledFor ? ExitState.Status.ACTIVE : ExitState.Status.CHALLENGED;
  }

  /** The contract error {@code call} would revert with now, if it would. */
  Optional<String> simulate(ChallengeCall call);

  /** Signs {@code call} with exactly {@code nonce} and {@code fees}. */
  SignedChallenge sign(ChallengeCall call, long nonce, Fees fees);

  /** Sends a signed challenge with {@code eth_sendRawTransaction}. */
  SendResult send(SignedChallenge signed);

  /** The receipt of {@code txHash} while it is mined in the canonical chain. */
  Optional<ChallengeReceipt> receipt(Hash32 txHash);

  /** Whether the node knows {@code txHash} (pending in its pool, or mined). */
  boolean known(Hash32 txHash);

  /** Best effort: why the mined transaction {@code txHash} reverted, e.g. {@code ExitNotActive}. */
  String revertReason(Hash32 txHash);
}
