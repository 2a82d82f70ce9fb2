package io.plasmanode.node.watcher;

import static java.util.Objects.requireNonNull;

import io.plasmanode.contracts.l1.Fees;
import io.plasmanode.contracts.l1.SendResult;
import io.plasmanode.core.l1.ExitState;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.exitgame.Challenge;
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

  /** The contract error {@code challenge} would revert with now, if it would. */
  Optional<String> simulate(Challenge challenge);

  /** Signs {@code challengeStandardExit(challenge)} with exactly {@code nonce} and {@code fees}. */
  SignedChallenge sign(Challenge challenge, long nonce, Fees fees);

  /** Sends a signed challenge with {@code eth_sendRawTransaction}. */
  SendResult send(SignedChallenge signed);

  /** The receipt of {@code txHash} while it is mined in the canonical chain. */
  Optional<ChallengeReceipt> receipt(Hash32 txHash);

  /** Whether the node knows {@code txHash} (pending in its pool, or mined). */
  boolean known(Hash32 txHash);

  /** Best effort: why the mined transaction {@code txHash} reverted, e.g. {@code ExitNotActive}. */
  String revertReason(Hash32 txHash);
}
