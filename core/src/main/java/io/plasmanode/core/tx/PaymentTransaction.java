package io.plasmanode.core.tx;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;

/**
 * An unsigned transaction of the child chain (docs/spec.md gives its bytes), one of:
 *
 * <ul>
 *   <li>a payment (txType 1, outputs of outputType 1): a deposit has no inputs and one output; a
 *       transfer has 1..4 distinct inputs and 1..4 outputs;
 *   <li>a fee claim (txType 3): no inputs, one output of outputType 2 paying a block's collected
 *       fees in one token to the operator's claimer, and the metadata {@link #feeClaimNonce} of its
 *       block and token. Only the operator makes claims, at the end of a child block; they are
 *       never signed.
 * </ul>
 *
 * The output type is a function of the txType, so {@link Output} does not carry it.
 */
public record PaymentTransaction(
    int txType, List<UtxoPos> inputs, List<Output> outputs, Hash32 metadata) {
  public static final int TX_TYPE_PAYMENT = 1;
  public static final int TX_TYPE_FEE_CLAIM = 3;
  public static final int MAX_INPUTS = 4;
  public static final int MAX_OUTPUTS = 4;

  public PaymentTransaction {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    requireNonNull(metadata, "metadata");
    checkArgument(
        txType == TX_TYPE_PAYMENT || txType == TX_TYPE_FEE_CLAIM,
        "txType %s is neither a payment (1) nor a fee claim (3)",
        txType);
    checkArgument(inputs.size() <= MAX_INPUTS, "at most %s inputs", MAX_INPUTS);
    checkArgument(
        !outputs.isEmpty() && outputs.size() <= MAX_OUTPUTS, "1..%s outputs", MAX_OUTPUTS);
    checkArgument(
        txType != TX_TYPE_FEE_CLAIM || (inputs.isEmpty() && outputs.size() == 1),
        "a fee claim has no inputs and exactly one output");
    checkArgument(!inputs.isEmpty() || outputs.size() == 1, "a deposit has exactly one output");
    checkArgument(new HashSet<>(inputs).size() == inputs.size(), "inputs must be distinct");
  }

  /** A payment (txType 1). */
  public PaymentTransaction(List<UtxoPos> inputs, List<Output> outputs, Hash32 metadata) {
    this(TX_TYPE_PAYMENT, inputs, outputs, metadata);
  }

  /** A deposit transaction: no inputs, one output, zero metadata. */
  public static PaymentTransaction deposit(Output output) {
    return new PaymentTransaction(List.of(), List.of(output), Hash32.ZERO);
  }

  /** A transfer with zero metadata. */
  public static PaymentTransaction transfer(List<UtxoPos> inputs, List<Output> outputs) {
    checkArgument(!inputs.isEmpty(), "a transfer spends at least one input");
    return new PaymentTransaction(inputs, outputs, Hash32.ZERO);
  }

  /**
   * The fee claim of child block {@code blknum}: {@code amount} of {@code token} to {@code
   * claimer}, with the nonce {@link #feeClaimNonce(long, Address) feeClaimNonce(blknum, token)}.
   */
  public static PaymentTransaction feeClaim(
      long blknum, Address token, Address claimer, BigInteger amount) {
    return new PaymentTransaction(
        TX_TYPE_FEE_CLAIM,
        List.of(),
        List.of(new Output(claimer, token, amount)),
        feeClaimNonce(blknum, token));
  }

  /**
   * {@code keccak256(abi.encode(uint256 blknum, address token))}: the metadata of the fee claim of
   * {@code token} in block {@code blknum}, so every claim's hash is unique per (block, token).
   */
  public static Hash32 feeClaimNonce(long blknum, Address token) {
    checkArgument(blknum >= 0, "blknum cannot be negative: %s", blknum);
    byte[] words = new byte[2 * Hash32.SIZE];
    for (int i = 0; i < Long.BYTES; i++) {
      words[Hash32.SIZE - 1 - i] = (byte) (blknum >>> (8 * i));
    }
    token.copyTo(words, 2 * Hash32.SIZE - Address.SIZE);
    return Keccak.keccak256(words);
  }

  /** A payment with no inputs: it comes from L1 and creates one output. */
  public boolean isDeposit() {
    return txType == TX_TYPE_PAYMENT && inputs.isEmpty();
  }

  /** A fee-claim transaction (txType 3). */
  public boolean isFeeClaim() {
    return txType == TX_TYPE_FEE_CLAIM;
  }

  /** The outputType of this transaction's outputs: 1 for a payment, 2 for a fee claim. */
  public int outputType() {
    return isFeeClaim() ? Output.OUTPUT_TYPE_FEE_CLAIM : Output.OUTPUT_TYPE_PAYMENT;
  }
}
