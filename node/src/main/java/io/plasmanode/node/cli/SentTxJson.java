package io.plasmanode.node.cli;

import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.node.wallet.OperatorAnswer;
import io.plasmanode.node.wallet.SentTransactions;
import io.plasmanode.node.wallet.SentTx;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** A sent transaction as the {@code plasma tx} commands print it, and finding one by hash. */
final class SentTxJson {
  private static final Pattern HASH_PREFIX = Pattern.compile("(0x)?[0-9a-fA-F]{8,64}");

  private SentTxJson() {}

  /**
   * The recorded transaction whose hash is {@code hash} or starts with it (at least 8 hex digits).
   *
   * @throws CliException when the text is not such a prefix, or names none or several
   */
  static SentTx find(SentTransactions known, String hash, String where) {
    if (!HASH_PREFIX.matcher(hash).matches()) {
      throw new CliException(
          ("'%s' is not a transaction hash: give its 64 hex digits (0x optional), or at least the"
                  + " first 8")
              .formatted(hash));
    }
    List<SentTx> found = known.findByPrefix(hash);
    if (found.isEmpty()) {
      throw new CliException(
          "the wallet has sent no transaction %s (%s; plasma tx list shows what it has)"
              .formatted(hash, where));
    }
    if (found.size() > 1) {
      throw new CliException(
          "%s is the start of %d transaction hashes in the wallet: give more digits"
              .formatted(hash, found.size()));
    }
    return found.getFirst();
  }

  static Map<String, Object> json(SentTx tx, SentTxLookup.Now now) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("txHash", tx.txHash().toHex());
    json.put("sender", tx.sender().toHex());
    json.put("contract", tx.domain().verifyingContract().toHex());
    json.put("chainId", tx.domain().chainId());
    json.put("signedAt", tx.signedAt().getEpochSecond());
    json.put("inputs", tx.inputs().stream().map(UtxoPos::toString).toList());
    json.put("outputs", tx.signed().tx().outputs().stream().map(SentTxJson::output).toList());
    json.put("submissions", tx.submissions());
    json.put("status", tx.status().name().toLowerCase(Locale.ROOT));
    json.put("answers", tx.answers().stream().map(SentTxJson::answer).toList());
    json.put("forcedRespend", tx.forcedRespend());
    Map<String, Object> current = new LinkedHashMap<>();
    current.put("state", now.state());
    now.blknum().ifPresent(blknum -> current.put("blknum", blknum));
    now.txIndex().ifPresent(index -> current.put("txIndex", index));
    current.put("source", now.source());
    current.put("detail", now.detail());
    json.put("now", current);
    return json;
  }

  private static Map<String, Object> output(Output output) {
    return Map.of(
        "owner", output.owner().toHex(),
        "token", output.token().toHex(),
        "amount", output.amount().toString());
  }

  static Map<String, Object> answer(OperatorAnswer answer) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("at", answer.at().getEpochSecond());
    switch (answer) {
      case OperatorAnswer.Accepted accepted -> {
        json.put("outcome", "accepted");
        json.put("blknum", accepted.blknum());
        json.put("txIndex", accepted.txIndex());
      }
      case OperatorAnswer.Rejected rejected -> {
        json.put("outcome", "rejected");
        json.put("code", rejected.code());
        json.put("reason", rejected.reason());
        json.put("message", rejected.message());
      }
      case OperatorAnswer.NoAnswer none -> {
        json.put("outcome", "no_answer");
        json.put("message", none.message());
      }
    }
    return json;
  }

  /** The answer in words. */
  static String describe(OperatorAnswer answer) {
    return switch (answer) {
      case OperatorAnswer.Accepted accepted ->
          "accepted into block %d at index %d".formatted(accepted.blknum(), accepted.txIndex());
      case OperatorAnswer.Rejected rejected -> "rejected: " + rejected.message();
      case OperatorAnswer.NoAnswer none -> "no answer: " + none.message();
    };
  }
}
