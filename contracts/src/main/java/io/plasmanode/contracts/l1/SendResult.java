package io.plasmanode.contracts.l1;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.types.Hash32;
import java.util.Locale;

/**
 * What the L1 node answered to a signed {@code submitBlock}. The rejections a committer meets in
 * normal operation (a re-send after a restart, a replacement race) are outcomes, not exceptions.
 *
 * @param txHash the hash of the signed transaction (computed locally, also when rejected)
 * @param outcome how the node took it
 * @param message the node's error message, empty when accepted
 */
public record SendResult(Hash32 txHash, Outcome outcome, String message) {
  public SendResult {
    requireNonNull(txHash, "txHash");
    requireNonNull(outcome, "outcome");
    requireNonNull(message, "message");
  }

  /** How an L1 node took a transaction. */
  public enum Outcome {
    /** Accepted into the pool. */
    SENT,
    /** This exact transaction is already in the pool: as good as sent. */
    ALREADY_KNOWN,
    /** Another transaction with this nonce is pending and pays at least as much (+10%). */
    REPLACEMENT_UNDERPRICED,
    /** The nonce is already used by a mined transaction. */
    NONCE_TOO_LOW,
    /** The fees are below what the node or the next block's base fee requires. */
    UNDERPRICED,
    /** Any other rejection (e.g. insufficient funds): the message says why. */
    REJECTED;

    /** Classifies the error message of {@code eth_sendRawTransaction} (geth, anvil, besu). */
    public static Outcome ofError(String message) {
      String m = message.toLowerCase(Locale.ROOT);
      if (m.contains("already known") || m.contains("already imported")) {
        return ALREADY_KNOWN;
      }
      if (m.contains("replacement transaction underpriced")) {
        return REPLACEMENT_UNDERPRICED;
      }
      if (m.contains("nonce too low")) {
        return NONCE_TOO_LOW;
      }
      if (m.contains("underpriced")
          || m.contains("less than block base fee")
          || m.contains("fee cap less than")) {
        return UNDERPRICED;
      }
      return REJECTED;
    }
  }

  public static SendResult sent(Hash32 txHash) {
    return new SendResult(txHash, Outcome.SENT, "");
  }

  public static SendResult rejected(Hash32 txHash, String message) {
    return new SendResult(txHash, Outcome.ofError(message), message);
  }
}
