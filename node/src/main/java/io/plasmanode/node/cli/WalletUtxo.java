package io.plasmanode.node.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import java.math.BigInteger;

/**
 * An unspent output as {@code plasma_getUtxos} reports it (docs/json-rpc.md, {@code Utxo}).
 *
 * @param exiting an exit was started on L1: it can no longer be spent on the child chain
 */
public record WalletUtxo(
    UtxoPos position, Address owner, Address token, BigInteger amount, boolean exiting) {
  public WalletUtxo {
    requireNonNull(position, "position");
    requireNonNull(owner, "owner");
    requireNonNull(token, "token");
    requireNonNull(amount, "amount");
  }

  /**
   * Reads one {@code Utxo} object.
   *
   * @throws CliException when a field is missing or malformed
   */
  public static WalletUtxo fromJson(JsonNode utxo) {
    try {
      UtxoPos position =
          UtxoPos.fromLong(Long.parseLong(text(utxo, "utxoPos")))
              .orElseThrow(() -> new IllegalArgumentException("invalid utxoPos"));
      return new WalletUtxo(
          position,
          Address.fromHex(text(utxo, "owner")),
          Address.fromHex(text(utxo, "token")),
          new BigInteger(text(utxo, "amount")),
          "exiting".equals(utxo.path("status").asText()));
    } catch (IllegalArgumentException e) {
      throw new CliException("the operator sent a malformed utxo " + utxo + ": " + e.getMessage());
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull() || value.isContainerNode()) {
      throw new IllegalArgumentException("missing " + field);
    }
    return value.asText();
  }
}
