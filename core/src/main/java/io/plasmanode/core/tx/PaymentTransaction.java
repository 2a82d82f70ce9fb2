package io.plasmanode.core.tx;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.types.Hash32;
import java.util.HashSet;
import java.util.List;

/**
 * An unsigned payment transaction (txType 1, txData 0): a deposit has no inputs and one output; a
 * transfer has 1..4 distinct inputs and 1..4 outputs. See docs/spec.md for its bytes.
 */
public record PaymentTransaction(List<UtxoPos> inputs, List<Output> outputs, Hash32 metadata) {
  public static final int TX_TYPE_PAYMENT = 1;
  public static final int MAX_INPUTS = 4;
  public static final int MAX_OUTPUTS = 4;

  public PaymentTransaction {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    requireNonNull(metadata, "metadata");
    checkArgument(inputs.size() <= MAX_INPUTS, "at most %s inputs", MAX_INPUTS);
    checkArgument(
        !outputs.isEmpty() && outputs.size() <= MAX_OUTPUTS, "1..%s outputs", MAX_OUTPUTS);
    checkArgument(!inputs.isEmpty() || outputs.size() == 1, "a deposit has exactly one output");
    checkArgument(new HashSet<>(inputs).size() == inputs.size(), "inputs must be distinct");
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

  public boolean isDeposit() {
    return inputs.isEmpty();
  }
}
