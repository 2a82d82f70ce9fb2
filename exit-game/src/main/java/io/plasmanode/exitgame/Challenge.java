package io.plasmanode.exitgame;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;

/**
 * The arguments of {@code challengeStandardExit(exitId, spendingTxBytes, inputIndex, signature)}:
 * what a watcher submits against an invalid exit, and what {@code watcher_getChallengeData}
 * returns.
 *
 * @param exitId the exit, which is the exiting output's position
 * @param spendingTx the transaction that spends it; sent as {@link #spendingTxBytes()}
 * @param inputIndex the input of {@code spendingTx} that is {@code exitId}
 * @param signature that input's signature by the output's owner
 */
public record Challenge(
    UtxoPos exitId, PaymentTransaction spendingTx, int inputIndex, Signature signature) {
  public Challenge {
    requireNonNull(exitId, "exitId");
    requireNonNull(spendingTx, "spendingTx");
    requireNonNull(signature, "signature");
    checkArgument(
        inputIndex >= 0
            && inputIndex < spendingTx.inputs().size()
            && spendingTx.inputs().get(inputIndex).equals(exitId),
        "input %s of the spending tx is not the exiting output %s",
        inputIndex,
        exitId);
  }

  /** The unsigned RLP of the spending transaction. */
  public byte[] spendingTxBytes() {
    return TxCodec.encode(spendingTx);
  }

  /** {@code keccak256(spendingTxBytes)}: the hash the contract's {@code ExitChallenged} carries. */
  public Hash32 spendingTxHash() {
    return Keccak.keccak256(spendingTxBytes());
  }
}
