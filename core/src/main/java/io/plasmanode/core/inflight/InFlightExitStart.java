package io.plasmanode.core.inflight;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Bytes;
import java.util.List;

/**
 * The arguments of {@code startInFlightExit}: the in-flight tx (unsigned RLP) and, for each of its
 * inputs in order, the tx that created it with its inclusion and the input owner's signature over
 * the in-flight tx.
 */
public record InFlightExitStart(Bytes inFlightTx, List<Input> inputs) {
  public InFlightExitStart {
    requireNonNull(inFlightTx, "inFlightTx");
    inputs = List.copyOf(inputs);
  }

  /**
   * Input i: {@code inputTx} is included at {@code utxoPos}'s tx position ({@code inclusionProof}
   * against that block) and {@code witness} is its owner's EIP-712 signature over the in-flight tx.
   */
  public record Input(Bytes inputTx, UtxoPos utxoPos, Bytes inclusionProof, Signature witness) {
    public Input {
      requireNonNull(inputTx, "inputTx");
      requireNonNull(utxoPos, "utxoPos");
      requireNonNull(inclusionProof, "inclusionProof");
      requireNonNull(witness, "witness");
    }
  }

  public List<Bytes> inputTxs() {
    return inputs.stream().map(Input::inputTx).toList();
  }

  public List<UtxoPos> inputUtxosPos() {
    return inputs.stream().map(Input::utxoPos).toList();
  }

  public List<Bytes> inclusionProofs() {
    return inputs.stream().map(Input::inclusionProof).toList();
  }

  public List<Signature> witnesses() {
    return inputs.stream().map(Input::witness).toList();
  }

  static void checkIndex(int index, String what) {
    checkArgument(index >= 0 && index < 4, "%s index is 0..3: %s", what, index);
  }
}
