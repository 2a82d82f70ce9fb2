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
 * How an output was spent in the validated chain: the spending transaction, which of its inputs is
 * the output, and that input's signature. It is exactly what a challenge of the output's exit
 * needs. The transaction is held decoded; its unsigned bytes are {@link #spendingTxBytes()}, the
 * one canonical encoding (the codec is strict), so a store may persist either form.
 *
 * @param spentPos the output that was spent
 * @param spendingTx the transaction that spent it
 * @param inputIndex the input of {@code spendingTx} that is {@code spentPos}
 * @param signature the signature of that input, by the output's owner
 * @param blknum the child block holding {@code spendingTx}, or {@link #IN_FLIGHT_BLKNUM} for a
 *     spend by a signed tx in no block (an in-flight exit's tx, see {@link #inFlight})
 * @param txIndex the index of {@code spendingTx} in that block (0 in flight)
 */
public record SpendRecord(
    UtxoPos spentPos,
    PaymentTransaction spendingTx,
    int inputIndex,
    Signature signature,
    long blknum,
    int txIndex) {
  /** The {@link #blknum} of a spend in no block: never a block number (they start at 1). */
  public static final long IN_FLIGHT_BLKNUM = 0;

  public SpendRecord {
    requireNonNull(spentPos, "spentPos");
    requireNonNull(spendingTx, "spendingTx");
    requireNonNull(signature, "signature");
    checkArgument(
        inputIndex >= 0 && inputIndex < spendingTx.inputs().size(),
        "input index %s out of range",
        inputIndex);
    checkArgument(
        spendingTx.inputs().get(inputIndex).equals(spentPos),
        "input %s of the spending tx is not %s",
        inputIndex,
        spentPos);
    checkArgument(txIndex >= 0 && txIndex < UtxoPos.MAX_TXS_PER_BLOCK, "txIndex out of range");
  }

  /**
   * A spend of {@code spentPos} by a signed tx that is in no block: input {@code inputIndex} of an
   * in-flight exit's tx, signed {@code signature}. It challenges a standard exit of {@code
   * spentPos} as well as an included spend does (the contract checks the signature, not inclusion).
   */
  public static SpendRecord inFlight(
      UtxoPos spentPos, PaymentTransaction spendingTx, int inputIndex, Signature signature) {
    return new SpendRecord(spentPos, spendingTx, inputIndex, signature, IN_FLIGHT_BLKNUM, 0);
  }

  /** Whether the spending tx is in no block ({@link #inFlight}). */
  public boolean isInFlight() {
    return blknum == IN_FLIGHT_BLKNUM;
  }

  /** The unsigned RLP of the spending transaction: what the contract hashes (EIP-712, keccak). */
  public byte[] spendingTxBytes() {
    return TxCodec.encode(spendingTx);
  }

  /**
   * {@code keccak256(spendingTxBytes)}, as the contract's {@code ExitChallenged} event names it.
   */
  public Hash32 spendingTxHash() {
    return Keccak.keccak256(spendingTxBytes());
  }

  /** The arguments of {@code challengeStandardExit} against an exit of {@link #spentPos}. */
  public Challenge toChallenge() {
    return new Challenge(spentPos, spendingTx, inputIndex, signature);
  }
}
