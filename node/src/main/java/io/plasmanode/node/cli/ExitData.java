package io.plasmanode.node.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.core.merkle.MerkleProof;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hex;
import io.plasmanode.core.validation.ValidationResult;
import java.util.Arrays;
import java.util.Optional;

/**
 * What {@code startStandardExit} needs for one output: the unsigned tx that created it and the
 * 512-byte inclusion proof of its leaf ({@code plasma_getExitData}, {@code watcher_getExitData}).
 * Copies its bytes in and out.
 */
public final class ExitData {
  private final UtxoPos utxoPos;
  private final byte[] txBytes;
  private final byte[] proof;

  public ExitData(UtxoPos utxoPos, byte[] txBytes, byte[] proof) {
    this.utxoPos = requireNonNull(utxoPos, "utxoPos");
    this.txBytes = txBytes.clone();
    this.proof = proof.clone();
  }

  /**
   * Reads {@code {utxoPos, txBytes, proof}} that {@code source} answered for {@code requested}.
   *
   * @throws CliException when the answer is for another position or is malformed
   */
  public static ExitData fromJson(JsonNode json, UtxoPos requested, String source) {
    try {
      String position = json.path("utxoPos").asText();
      if (!position.equals(requested.toString())) {
        throw new IllegalArgumentException("it is for utxoPos " + position);
      }
      byte[] proof = Hex.decode(json.path("proof").asText());
      if (proof.length != MerkleProof.SIZE) {
        throw new IllegalArgumentException("the proof has " + proof.length + " bytes, not 512");
      }
      return new ExitData(requested, Hex.decode(json.path("txBytes").asText()), proof);
    } catch (IllegalArgumentException e) {
      throw new CliException(
          "%s sent unusable exit data for %s: %s".formatted(source, requested, e.getMessage()));
    }
  }

  public UtxoPos utxoPos() {
    return utxoPos;
  }

  public byte[] txBytes() {
    return txBytes.clone();
  }

  public byte[] proof() {
    return proof.clone();
  }

  /** The output being exited, when {@code txBytes} decode and have an output at its oindex. */
  public Optional<Output> output() {
    ValidationResult<PaymentTransaction> tx = TxCodec.decode(txBytes);
    if (!tx.isValid() || tx.get().outputs().size() <= utxoPos.oindex()) {
      return Optional.empty();
    }
    return Optional.of(tx.get().outputs().get(utxoPos.oindex()));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ExitData that
        && utxoPos.equals(that.utxoPos)
        && Arrays.equals(txBytes, that.txBytes)
        && Arrays.equals(proof, that.proof);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * utxoPos.hashCode() + Arrays.hashCode(txBytes)) + Arrays.hashCode(proof);
  }

  @Override
  public String toString() {
    return "ExitData[" + utxoPos + ", txBytes " + txBytes.length + " bytes]";
  }
}
