package io.plasmanode.node.wallet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.types.Hex;
import io.plasmanode.core.validation.ValidationResult;
import java.time.Instant;
import java.util.Optional;

/**
 * The JSON of one store line (one object, no newline inside): {@code type} is {@code signed},
 * {@code resubmitted} or {@code answer}; every line has {@code v} (1), {@code txHash} and {@code
 * at} (ISO-8601 UTC). A signed line also has {@code signedTx} (hex), {@code sender}, {@code
 * contract}, {@code chainId} and {@code forcedRespend}; an answer has {@code outcome} ({@code
 * accepted} with {@code blknum}, {@code txIndex}; {@code rejected} with {@code code}, {@code
 * reason}, {@code message}; {@code no_answer} with {@code message}).
 */
final class WalletLineCodec {
  static final int VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private WalletLineCodec() {}

  /** The line's JSON text, without the newline. */
  static String encode(WalletLine line) {
    ObjectNode node = JSON.createObjectNode();
    node.put("v", VERSION);
    switch (line) {
      case WalletLine.Signed signed -> {
        node.put("type", "signed");
        node.put("txHash", signed.txHash().toHex());
        node.put("at", signed.at().toString());
        node.put("signedTx", Hex.encode(TxCodec.encodeSigned(signed.signed())));
        node.put("sender", signed.sender().toHex());
        node.put("contract", signed.domain().verifyingContract().toHex());
        node.put("chainId", signed.domain().chainId());
        node.put("forcedRespend", signed.forcedRespend());
      }
      case WalletLine.Resubmitted resubmitted -> {
        node.put("type", "resubmitted");
        node.put("txHash", resubmitted.txHash().toHex());
        node.put("at", resubmitted.at().toString());
      }
      case WalletLine.Answered answered -> {
        node.put("type", "answer");
        node.put("txHash", answered.txHash().toHex());
        node.put("at", answered.answer().at().toString());
        putAnswer(node, answered.answer());
      }
    }
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a wallet line", e);
    }
  }

  private static void putAnswer(ObjectNode node, OperatorAnswer answer) {
    switch (answer) {
      case OperatorAnswer.Accepted accepted -> {
        node.put("outcome", "accepted");
        node.put("blknum", accepted.blknum());
        node.put("txIndex", accepted.txIndex());
      }
      case OperatorAnswer.Rejected rejected -> {
        node.put("outcome", "rejected");
        node.put("code", rejected.code());
        node.put("reason", rejected.reason());
        node.put("message", rejected.message());
      }
      case OperatorAnswer.NoAnswer none -> {
        node.put("outcome", "no_answer");
        node.put("message", none.message());
      }
    }
  }

  /** The line, or empty when the text is not a line this codec wrote (damaged, other version). */
  static Optional<WalletLine> decode(String text) {
    try {
      JsonNode node = JSON.readTree(text);
      if (node == null || !node.isObject() || node.path("v").asInt() != VERSION) {
        return Optional.empty();
      }
      Hash32 txHash = Hash32.fromHex(required(node, "txHash"));
      Instant at = Instant.parse(required(node, "at"));
      Optional<WalletLine> line =
          switch (required(node, "type")) {
            case "signed" -> signed(node, at).filter(s -> s.txHash().equals(txHash));
            case "resubmitted" -> Optional.of(new WalletLine.Resubmitted(txHash, at));
            case "answer" -> answer(node, at).map(a -> new WalletLine.Answered(txHash, a));
            default -> Optional.empty();
          };
      return line;
    } catch (JsonProcessingException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<WalletLine> signed(JsonNode node, Instant at) {
    ValidationResult<SignedTransaction> signed =
        TxCodec.decodeSigned(Hex.decode(required(node, "signedTx")));
    if (!signed.isValid() || !node.path("chainId").canConvertToLong()) {
      return Optional.empty();
    }
    return Optional.of(
        new WalletLine.Signed(
            signed.get(),
            Address.fromHex(required(node, "sender")),
            new Eip712Domain(
                Address.fromHex(required(node, "contract")), node.get("chainId").asLong()),
            at,
            node.path("forcedRespend").asBoolean(false)));
  }

  private static Optional<OperatorAnswer> answer(JsonNode node, Instant at) {
    return switch (required(node, "outcome")) {
      case "accepted" ->
          Optional.of(
              new OperatorAnswer.Accepted(
                  node.path("blknum").asLong(), node.path("txIndex").asInt(), at));
      case "rejected" ->
          Optional.of(
              new OperatorAnswer.Rejected(
                  node.path("code").asInt(),
                  node.path("reason").asText(""),
                  node.path("message").asText(""),
                  at));
      case "no_answer" ->
          Optional.of(new OperatorAnswer.NoAnswer(node.path("message").asText(""), at));
      default -> Optional.empty();
    };
  }

  private static String required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("missing " + field);
    }
    return value.asText();
  }
}
