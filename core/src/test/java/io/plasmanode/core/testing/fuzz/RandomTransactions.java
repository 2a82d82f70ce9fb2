package io.plasmanode.core.testing.fuzz;

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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Valid transactions drawn from a seeded {@link Random}, edge values included (the last block,
 * txindex and oindex; amounts 1 and 2^256-1; r = n-1 and s = n/2), as seeds for fuzzing. The
 * signatures have a valid shape but sign nothing.
 */
public final class RandomTransactions {
  private RandomTransactions() {}

  /**
   * A fee claim (one in eight), a deposit (one in five of the rest) or a transfer of 1..4 distinct
   * inputs to 1..4 outputs.
   */
  public static PaymentTransaction transaction(Random random) {
    if (random.nextInt(8) == 0) {
      long blknum = (1 + random.nextLong(UtxoPos.MAX_BLKNUM / 1000)) * 1000;
      Output claimed = output(random);
      return PaymentTransaction.feeClaim(
          blknum, claimed.token(), claimed.owner(), claimed.amount());
    }
    Hash32 metadata = Hash32.of(bytes(random, Hash32.SIZE));
    if (random.nextInt(5) == 0) {
      return new PaymentTransaction(List.of(), List.of(output(random)), metadata);
    }
    Set<UtxoPos> inputs = new LinkedHashSet<>();
    int inputCount = 1 + random.nextInt(PaymentTransaction.MAX_INPUTS);
    while (inputs.size() < inputCount) {
      inputs.add(utxoPos(random));
    }
    List<Output> outputs = new ArrayList<>();
    int outputCount = 1 + random.nextInt(PaymentTransaction.MAX_OUTPUTS);
    for (int i = 0; i < outputCount; i++) {
      outputs.add(output(random));
    }
    return new PaymentTransaction(List.copyOf(inputs), outputs, metadata);
  }

  /** {@link #transaction} with one well-shaped signature per input. */
  public static SignedTransaction signed(Random random) {
    PaymentTransaction tx = transaction(random);
    List<Signature> signatures = new ArrayList<>();
    for (int i = 0; i < tx.inputs().size(); i++) {
      signatures.add(signature(random));
    }
    return new SignedTransaction(tx, signatures);
  }

  public static UtxoPos utxoPos(Random random) {
    long blknum =
        random.nextInt(8) == 0 ? UtxoPos.MAX_BLKNUM : 1 + random.nextLong(UtxoPos.MAX_BLKNUM);
    int txindex =
        random.nextInt(8) == 0
            ? UtxoPos.MAX_TXS_PER_BLOCK - 1
            : random.nextInt(UtxoPos.MAX_TXS_PER_BLOCK);
    return new UtxoPos(blknum, txindex, random.nextInt(UtxoPos.MAX_OUTPUTS));
  }

  public static Output output(Random random) {
    Address owner = Address.ZERO;
    while (owner.isZero()) {
      owner = Address.of(bytes(random, Address.SIZE));
    }
    Address token = random.nextBoolean() ? Address.ZERO : Address.of(bytes(random, Address.SIZE));
    BigInteger amount =
        switch (random.nextInt(6)) {
          case 0 -> BigInteger.ONE;
          case 1 -> Output.MAX_AMOUNT;
          case 2 -> BigInteger.valueOf(1 + random.nextInt(1000));
          default -> new BigInteger(1 + random.nextInt(256), random).add(BigInteger.ONE);
        };
    return new Output(owner, token, amount.min(Output.MAX_AMOUNT));
  }

  /** v 27/28, r in 1..n-1, s in 1..n/2. */
  public static Signature signature(Random random) {
    BigInteger r =
        random.nextInt(8) == 0
            ? SignatureShape.SECP256K1_N.subtract(BigInteger.ONE)
            : below(SignatureShape.SECP256K1_N, random);
    BigInteger s =
        random.nextInt(8) == 0 ? SignatureShape.HALF_N : below(SignatureShape.HALF_N, random);
    return Signature.of(word(r), word(s), 27 + random.nextInt(2));
  }

  /** A uniform value in 1..bound-1. */
  private static BigInteger below(BigInteger bound, Random random) {
    BigInteger value;
    do {
      value = new BigInteger(bound.bitLength(), random);
    } while (value.signum() == 0 || value.compareTo(bound) >= 0);
    return value;
  }

  /** {@code value} as a 32-byte big-endian word. */
  public static byte[] word(BigInteger value) {
    byte[] magnitude = value.toByteArray();
    byte[] word = new byte[32];
    int length = Math.min(magnitude.length, 32);
    System.arraycopy(magnitude, magnitude.length - length, word, 32 - length, length);
    return word;
  }

  private static byte[] bytes(Random random, int size) {
    byte[] bytes = new byte[size];
    random.nextBytes(bytes);
    return bytes;
  }
}
