package io.plasmanode.core.tx;

import io.plasmanode.core.rlp.RlpReader;
import io.plasmanode.core.rlp.RlpWriter;
import io.plasmanode.core.rlp.RlpWriter.Item;
import io.plasmanode.core.validation.ValidationResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of payment transactions and fee claims (docs/spec.md): the unsigned "txBytes" that are
 * hashed and committed, and the signed form that is gossiped (a fee claim's signature list is
 * empty). Decoding is strict, so every transaction has exactly one encoding: {@code
 * encode(decode(b).get())} equals {@code b}.
 */
public final class TxCodec {
  private static final int WORD_SIZE = 32;

  private TxCodec() {}

  /** {@code RLP[txType, inputs, outputs, txData, metadata]}. */
  public static byte[] encode(PaymentTransaction tx) {
    return RlpWriter.list(fields(tx)).encode();
  }

  /** {@code RLP[sigs, txType, inputs, outputs, txData, metadata]}. */
  public static byte[] encodeSigned(SignedTransaction signed) {
    List<Item> items = new ArrayList<>();
    items.add(RlpWriter.list(signed.signatures().stream().map(TxCodec::signature).toList()));
    items.addAll(fields(signed.tx()));
    return RlpWriter.list(items).encode();
  }

  /** The transaction, or the rejection naming what is wrong with {@code txBytes}. Never throws. */
  public static ValidationResult<PaymentTransaction> decode(byte[] txBytes) {
    return RlpReader.decode(txBytes).flatMap(TxDecoder::unsigned);
  }

  /**
   * The signed transaction, or the rejection naming what is wrong with {@code signedBytes},
   * including a signature count that differs from the input count, a signed fee claim and a
   * signature whose {@code v}, {@code r} or {@code s} is out of range (see {@link SignatureShape}).
   * Never throws.
   */
  public static ValidationResult<SignedTransaction> decodeSigned(byte[] signedBytes) {
    return RlpReader.decode(signedBytes).flatMap(TxDecoder::signed);
  }

  private static List<Item> fields(PaymentTransaction tx) {
    return List.of(
        RlpWriter.integer(tx.txType()),
        RlpWriter.list(tx.inputs().stream().map(TxCodec::input).toList()),
        RlpWriter.list(tx.outputs().stream().map(o -> output(tx.outputType(), o)).toList()),
        RlpWriter.integer(0),
        RlpWriter.bytes(tx.metadata().toArray()));
  }

  private static Item input(UtxoPos position) {
    byte[] word = new byte[WORD_SIZE];
    long value = position.toLong();
    for (int i = 0; i < Long.BYTES; i++) {
      word[WORD_SIZE - 1 - i] = (byte) (value >>> (8 * i));
    }
    return RlpWriter.bytes(word);
  }

  private static Item output(int outputType, Output output) {
    return RlpWriter.list(
        RlpWriter.integer(outputType),
        RlpWriter.list(
            RlpWriter.bytes(output.owner().toArray()),
            RlpWriter.bytes(output.token().toArray()),
            RlpWriter.integer(output.amount())));
  }

  private static Item signature(Signature signature) {
    return RlpWriter.bytes(signature.toArray());
  }
}
