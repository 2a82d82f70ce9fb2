package io.plasmanode.core.tx;

import io.plasmanode.core.rlp.RlpItem;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.core.validation.ValidationResult;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Supplier;

/**
 * The field rules of {@link TxCodec#decode} and {@link TxCodec#decodeSigned}, one per method. A fee
 * claim (txType 3) has no inputs, exactly one output of outputType 2, txData 0 and no signatures; a
 * payment's outputs are of outputType 1.
 */
final class TxDecoder {
  private static final int FIELDS = 5;
  private static final int INPUT_SIZE = 32;

  private TxDecoder() {}

  static ValidationResult<PaymentTransaction> unsigned(RlpItem top) {
    return attempt(() -> body(fields(top, FIELDS), 0));
  }

  static ValidationResult<SignedTransaction> signed(RlpItem top) {
    return attempt(() -> signedBody(fields(top, FIELDS + 1)));
  }

  private static SignedTransaction signedBody(List<RlpItem> fields) {
    RlpItem sigs = fields.get(0);
    if (!sigs.isList()) {
      throw reject(Rejection.MALFORMED_TX_STRUCTURE, "the signatures are not a list");
    }
    PaymentTransaction tx = body(fields, 1);
    List<RlpItem> items = sigs.items();
    if (tx.isFeeClaim() && !items.isEmpty()) {
      throw reject(
          Rejection.MALFORMED_FEE_CLAIM,
          "a fee claim is never signed, but has %d signatures",
          items.size());
    }
    if (items.size() != tx.inputs().size()) {
      throw reject(
          Rejection.SIGNATURE_COUNT_MISMATCH,
          "%d signatures for %d inputs",
          items.size(),
          tx.inputs().size());
    }
    List<Signature> signatures = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      signatures.add(signature(items.get(i), i));
    }
    return new SignedTransaction(tx, signatures);
  }

  private static Signature signature(RlpItem item, int index) {
    string(item, "signature " + index);
    if (item.length() != Signature.SIZE) {
      throw reject(
          Rejection.MALFORMED_SIGNATURE, "signature %d has %d bytes, not 65", index, item.length());
    }
    ValidationResult<Signature> checked = SignatureShape.check(Signature.of(item.bytes()));
    if (checked instanceof ValidationResult.Invalid<Signature> invalid) {
      throw reject(invalid.reason(), "signature %d: %s", index, invalid.detail());
    }
    return checked.get();
  }

  private static PaymentTransaction body(List<RlpItem> fields, int first) {
    int txType = txType(fields.get(first));
    List<UtxoPos> inputs = inputs(fields.get(first + 1));
    int outputType =
        txType == PaymentTransaction.TX_TYPE_FEE_CLAIM
            ? Output.OUTPUT_TYPE_FEE_CLAIM
            : Output.OUTPUT_TYPE_PAYMENT;
    List<Output> outputs = outputs(fields.get(first + 2), outputType);
    if (txType == PaymentTransaction.TX_TYPE_FEE_CLAIM
        && (!inputs.isEmpty() || outputs.size() != 1)) {
      throw reject(
          Rejection.MALFORMED_FEE_CLAIM,
          "a fee claim has %d inputs and %d outputs, not 0 and exactly 1",
          inputs.size(),
          outputs.size());
    }
    if (inputs.isEmpty() && outputs.size() != 1) {
      throw reject(
          Rejection.MALFORMED_DEPOSIT, "a deposit has %d outputs, not exactly 1", outputs.size());
    }
    if (integer(fields.get(first + 3), "txData").signum() != 0) {
      throw reject(Rejection.NONZERO_TX_DATA, "txData is not 0");
    }
    return new PaymentTransaction(txType, inputs, outputs, metadata(fields.get(first + 4)));
  }

  private static int txType(RlpItem item) {
    BigInteger txType = integer(item, "txType");
    if (!txType.equals(BigInteger.valueOf(PaymentTransaction.TX_TYPE_PAYMENT))
        && !txType.equals(BigInteger.valueOf(PaymentTransaction.TX_TYPE_FEE_CLAIM))) {
      throw reject(
          Rejection.WRONG_TX_TYPE,
          "txType %s is neither %d (payment) nor %d (fee claim)",
          txType,
          PaymentTransaction.TX_TYPE_PAYMENT,
          PaymentTransaction.TX_TYPE_FEE_CLAIM);
    }
    return txType.intValueExact();
  }

  private static List<UtxoPos> inputs(RlpItem item) {
    List<RlpItem> items = list(item, "inputs");
    if (items.size() > PaymentTransaction.MAX_INPUTS) {
      throw reject(Rejection.TOO_MANY_INPUTS, "%d inputs, at most 4", items.size());
    }
    List<UtxoPos> inputs = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      inputs.add(input(items.get(i), i));
    }
    if (new HashSet<>(inputs).size() != inputs.size()) {
      throw reject(Rejection.DUPLICATE_INPUTS, "the inputs %s are not distinct", inputs);
    }
    return inputs;
  }

  private static UtxoPos input(RlpItem item, int index) {
    string(item, "input " + index);
    if (item.length() != INPUT_SIZE) {
      throw reject(
          Rejection.MALFORMED_INPUT, "input %d has %d bytes, not 32", index, item.length());
    }
    BigInteger word = item.read((source, offset) -> new BigInteger(1, source, offset, INPUT_SIZE));
    return UtxoPos.fromBigInteger(word)
        .orElseThrow(
            () ->
                reject(Rejection.INVALID_UTXO_POS, "input %d (%s) is not a position", index, word));
  }

  private static List<Output> outputs(RlpItem item, int outputType) {
    List<RlpItem> items = list(item, "outputs");
    if (items.isEmpty()) {
      throw reject(Rejection.NO_OUTPUTS, "a transaction needs at least one output");
    }
    if (items.size() > PaymentTransaction.MAX_OUTPUTS) {
      throw reject(Rejection.TOO_MANY_OUTPUTS, "%d outputs, at most 4", items.size());
    }
    List<Output> outputs = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      outputs.add(output(items.get(i), i, outputType));
    }
    return outputs;
  }

  private static Output output(RlpItem item, int index, int outputType) {
    List<RlpItem> fields = list(item, "output " + index, 2);
    if (!integer(fields.get(0), "output " + index + " type")
        .equals(BigInteger.valueOf(outputType))) {
      throw reject(Rejection.WRONG_OUTPUT_TYPE, "output %d type is not %d", index, outputType);
    }
    List<RlpItem> data = list(fields.get(1), "output " + index + " data", 3);
    Address owner = address(data.get(0), "output " + index + " owner");
    if (owner.isZero()) {
      throw reject(Rejection.ZERO_OWNER, "output %d owner is the zero address", index);
    }
    Address token = address(data.get(1), "output " + index + " token");
    BigInteger amount = integer(data.get(2), "output " + index + " amount");
    if (amount.signum() == 0) {
      throw reject(Rejection.ZERO_AMOUNT, "output %d amount is zero", index);
    }
    return new Output(owner, token, amount);
  }

  private static Address address(RlpItem item, String what) {
    string(item, what);
    if (item.length() != Address.SIZE) {
      throw reject(Rejection.MALFORMED_ADDRESS, "%s has %d bytes, not 20", what, item.length());
    }
    return item.read(Address::of);
  }

  private static Hash32 metadata(RlpItem item) {
    string(item, "metadata");
    if (item.length() != Hash32.SIZE) {
      throw reject(Rejection.MALFORMED_METADATA, "metadata has %d bytes, not 32", item.length());
    }
    return item.read(Hash32::of);
  }

  private static BigInteger integer(RlpItem item, String what) {
    ValidationResult<BigInteger> value = item.asInteger();
    if (value instanceof ValidationResult.Invalid<BigInteger> invalid) {
      throw reject(invalid.reason(), "%s: %s", what, invalid.detail());
    }
    return value.get();
  }

  private static List<RlpItem> fields(RlpItem item, int count) {
    return list(item, "the transaction", count);
  }

  private static List<RlpItem> list(RlpItem item, String what, int count) {
    List<RlpItem> items = list(item, what);
    if (items.size() != count) {
      throw reject(
          Rejection.MALFORMED_TX_STRUCTURE, "%s has %d items, not %d", what, items.size(), count);
    }
    return items;
  }

  private static List<RlpItem> list(RlpItem item, String what) {
    if (!item.isList()) {
      throw reject(Rejection.MALFORMED_TX_STRUCTURE, "%s is a string, not a list", what);
    }
    return item.items();
  }

  private static void string(RlpItem item, String what) {
    if (item.isList()) {
      throw reject(Rejection.MALFORMED_TX_STRUCTURE, "%s is a list, not a string", what);
    }
  }

  private static <T> ValidationResult<T> attempt(Supplier<T> decoder) {
    try {
      return ValidationResult.valid(decoder.get());
    } catch (Rejected e) {
      return ValidationResult.invalid(e.reason, e.getMessage());
    }
  }

  private static Rejected reject(Rejection reason, String template, Object... args) {
    return new Rejected(reason, String.format(template, args));
  }

  /** Internal: stops a decode; {@link #attempt} turns it into a rejection. */
  private static final class Rejected extends RuntimeException {
    private final Rejection reason;

    Rejected(Rejection reason, String detail) {
      super(detail, null, false, false);
      this.reason = reason;
    }
  }
}
