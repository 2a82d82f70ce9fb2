package io.plasmanode.node.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hex;
import java.util.Arrays;

/**
 * The arguments of {@code challengeStandardExit} as {@code watcher_getChallengeData} answers them:
 * the exit, the unsigned tx that spent its output, the input that spends it and its signature.
 * Copies its bytes in and out.
 */
public final class ExitChallengeData {
  private final UtxoPos exitId;
  private final byte[] spendingTxBytes;
  private final int inputIndex;
  private final Signature signature;

  public ExitChallengeData(
      UtxoPos exitId, byte[] spendingTxBytes, int inputIndex, Signature signature) {
    this.exitId = requireNonNull(exitId, "exitId");
    this.spendingTxBytes = spendingTxBytes.clone();
    this.inputIndex = inputIndex;
    this.signature = requireNonNull(signature, "signature");
  }

  /**
   * Reads {@code {exitId, spendingTxBytes, inputIndex, signature}} answered for {@code requested}.
   *
   * @throws CliException when the answer is for another exit or is malformed
   */
  public static ExitChallengeData fromJson(JsonNode json, UtxoPos requested, String source) {
    try {
      String exitId = json.path("exitId").asText();
      if (!exitId.equals(requested.toString())) {
        throw new IllegalArgumentException("it is for exit " + exitId);
      }
      JsonNode inputIndex = json.path("inputIndex");
      if (!inputIndex.canConvertToInt() || inputIndex.asInt() < 0 || inputIndex.asInt() > 3) {
        throw new IllegalArgumentException("inputIndex " + inputIndex + " is not 0..3");
      }
      return new ExitChallengeData(
          requested,
          Hex.decode(json.path("spendingTxBytes").asText()),
          inputIndex.asInt(),
          Signature.fromHex(json.path("signature").asText()));
    } catch (IllegalArgumentException e) {
      throw new CliException(
          "%s sent unusable challenge data for exit %s: %s"
              .formatted(source, requested, e.getMessage()));
    }
  }

  public UtxoPos exitId() {
    return exitId;
  }

  public byte[] spendingTxBytes() {
    return spendingTxBytes.clone();
  }

  public int inputIndex() {
    return inputIndex;
  }

  public Signature signature() {
    return signature;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ExitChallengeData that
        && exitId.equals(that.exitId)
        && Arrays.equals(spendingTxBytes, that.spendingTxBytes)
        && inputIndex == that.inputIndex
        && signature.equals(that.signature);
  }

  @Override
  public int hashCode() {
    return 31 * exitId.hashCode() + Arrays.hashCode(spendingTxBytes) + inputIndex;
  }

  @Override
  public String toString() {
    return "ExitChallengeData[" + exitId + ", input " + inputIndex + "]";
  }
}
