package io.plasmanode.core.inflight;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.merkle.MerkleProof;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Bytes;

/**
 * Where a tx is included: its tx position ({@code oindex} 0) and the Merkle proof of it in that
 * block ({@value MerkleProof#SIZE} bytes).
 */
public record TxInclusion(UtxoPos txPos, Bytes proof) {
  public TxInclusion {
    requireNonNull(txPos, "txPos");
    requireNonNull(proof, "proof");
    checkArgument(txPos.oindex() == 0, "a tx position has oindex 0: %s", txPos);
  }

  public static TxInclusion of(UtxoPos txPos, byte[] proof) {
    return new TxInclusion(txPos, Bytes.of(proof));
  }
}
