package io.plasmanode.core.testing;

import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.SignatureShape;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The chain's values for property tests, drawn from a {@link Gen} (so with its edge values: block 1
 * and {@link UtxoPos#MAX_BLKNUM}, the last txindex and oindex, amounts 1 and 2^256-1, r = n-1, s =
 * n/2, keys 1 and n-1, the zero and all-ones addresses). Shared with other modules' tests via the
 * test-jar.
 */
public final class TxGen {
  private static final BigInteger N_MINUS_ONE = SignatureShape.SECP256K1_N.subtract(BigInteger.ONE);

  private TxGen() {}

  /** Any valid position. */
  public static UtxoPos utxoPos(Gen gen) {
    return new UtxoPos(
        gen.longBetween(1, UtxoPos.MAX_BLKNUM),
        gen.intBetween(0, UtxoPos.MAX_TXS_PER_BLOCK - 1),
        gen.intBetween(0, UtxoPos.MAX_OUTPUTS - 1));
  }

  /** Any address, the zero address included. */
  public static Address address(Gen gen) {
    return Address.of(gen.bytes(Address.SIZE));
  }

  public static Address nonZeroAddress(Gen gen) {
    Address address = address(gen);
    while (address.isZero()) {
      address = address(gen);
    }
    return address;
  }

  /** ETH (the zero address) half of the time, else any address. */
  public static Address token(Gen gen) {
    return gen.bool() ? Address.ZERO : address(gen);
  }

  public static Hash32 hash32(Gen gen) {
    return Hash32.of(gen.bytes(Hash32.SIZE));
  }

  /** 1 .. 2^256-1. */
  public static BigInteger amount(Gen gen) {
    return gen.bigBetween(BigInteger.ONE, Output.MAX_AMOUNT);
  }

  public static Output output(Gen gen) {
    return new Output(nonZeroAddress(gen), token(gen), amount(gen));
  }

  /** A deposit: no inputs, one output, any metadata. */
  public static PaymentTransaction deposit(Gen gen) {
    return new PaymentTransaction(List.of(), List.of(output(gen)), hash32(gen));
  }

  /** A transfer: 1..4 distinct inputs, 1..4 outputs, any metadata. */
  public static PaymentTransaction transfer(Gen gen) {
    return new PaymentTransaction(
        gen.distinctList(1, PaymentTransaction.MAX_INPUTS, () -> utxoPos(gen)),
        gen.list(1, PaymentTransaction.MAX_OUTPUTS, () -> output(gen)),
        hash32(gen));
  }

  /** A deposit one time in five, else a transfer. */
  public static PaymentTransaction paymentTransaction(Gen gen) {
    return gen.oneIn(5) ? deposit(gen) : transfer(gen);
  }

  /** Any child block number: 1000 .. {@link UtxoPos#MAX_BLKNUM}, a multiple of 1000. */
  public static long childBlknum(Gen gen) {
    long interval = UtxoPos.CHILD_BLOCK_INTERVAL;
    return gen.longBetween(1, UtxoPos.MAX_BLKNUM / interval) * interval;
  }

  /** A fee claim of any child block, token and amount, to any claimer. */
  public static PaymentTransaction feeClaim(Gen gen) {
    return PaymentTransaction.feeClaim(
        childBlknum(gen), token(gen), nonZeroAddress(gen), amount(gen));
  }

  /** Any transaction of the chain: a fee claim one time in six, else a payment transaction. */
  public static PaymentTransaction anyTransaction(Gen gen) {
    return gen.oneIn(6) ? feeClaim(gen) : paymentTransaction(gen);
  }

  /**
   * A signature of valid shape: v 27/28, r in 1..n-1, s in 1..n/2 (not necessarily recoverable).
   */
  public static Signature signature(Gen gen) {
    return signature(
        gen.bigBetween(BigInteger.ONE, N_MINUS_ONE),
        gen.bigBetween(BigInteger.ONE, SignatureShape.HALF_N),
        gen.pick(27, 28));
  }

  /** The signature {@code r || s || v}. */
  public static Signature signature(BigInteger r, BigInteger s, int v) {
    byte[] bytes = new byte[Signature.SIZE];
    copyWord(r, bytes, 0);
    copyWord(s, bytes, 32);
    bytes[64] = (byte) v;
    return Signature.of(bytes);
  }

  /** {@link #paymentTransaction} with one well-shaped signature per input. */
  public static SignedTransaction signedTransaction(Gen gen) {
    return signed(gen, paymentTransaction(gen));
  }

  /** {@link #anyTransaction} with one well-shaped signature per input (none for a fee claim). */
  public static SignedTransaction anySignedTransaction(Gen gen) {
    return signed(gen, anyTransaction(gen));
  }

  private static SignedTransaction signed(Gen gen, PaymentTransaction tx) {
    List<Signature> signatures = new ArrayList<>();
    for (int i = 0; i < tx.inputs().size(); i++) {
      signatures.add(signature(gen));
    }
    return new SignedTransaction(tx, signatures);
  }

  /** Any valid private key: 1..n-1. */
  public static PrivateKey privateKey(Gen gen) {
    byte[] word = new byte[PrivateKey.SIZE];
    copyWord(gen.bigBetween(BigInteger.ONE, N_MINUS_ONE), word, 0);
    return PrivateKey.of(word);
  }

  /** {@code value} (at most 256 bits) as a 32-byte big-endian word at {@code offset}. */
  private static void copyWord(BigInteger value, byte[] target, int offset) {
    byte[] magnitude = value.toByteArray();
    int start = magnitude.length > 32 ? magnitude.length - 32 : 0;
    int length = magnitude.length - start;
    System.arraycopy(magnitude, start, target, offset + 32 - length, length);
  }
}
