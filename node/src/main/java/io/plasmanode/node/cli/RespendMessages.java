package io.plasmanode.node.cli;

import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.node.wallet.OperatorAnswer;
import io.plasmanode.node.wallet.RespendConflict;
import io.plasmanode.node.wallet.SentTx;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Why the wallet will not sign a second spend of an input that an earlier transaction spends (W9 of
 * the MoreVP notes), in words that say what to do instead.
 */
final class RespendMessages {
  private RespendMessages() {}

  /** The refusal: each earlier transaction, what is known of it, and the ways out. */
  static String refusal(List<RespendConflict> conflicts, boolean forceRespend) {
    StringBuilder text =
        new StringBuilder(
            "refusing to send: this transaction would spend an input that an earlier transaction"
                + " of yours already spends, and that one may still be included (a second spend"
                + " contests the first on L1; an in-flight exit of either can lose its bond)."
                + " Nothing was sent.");
    for (RespendConflict conflict : conflicts) {
      text.append(System.lineSeparator()).append("  ").append(describe(conflict));
    }
    boolean anyAccepted = conflicts.stream().anyMatch(conflict -> !conflict.overridable());
    String hash = conflicts.getFirst().earlier().txHash().toHex();
    text.append(System.lineSeparator())
        .append(
            ("  What to do: plasma tx show %s says what the operator and the watcher know of it;"
                    + " plasma tx resend %s sends the same transaction again (safe); if the"
                    + " operator does not include it, exit it in flight (plasma exit inflight"
                    + " start --tx %s).")
                .formatted(hash, hash, hash));
    text.append(System.lineSeparator())
        .append(
            anyAccepted
                ? "  --force-respend cannot override a transaction the operator accepted."
                : forceRespend
                    ? ""
                    : "  Only if you know it never left this machine: --force-respend.");
    return text.toString().stripTrailing();
  }

  /** The loud warning when {@code --force-respend} overrode {@code conflict}. */
  static String overridden(RespendConflict conflict) {
    return ("!!! RE-SPENDING (--force-respend) !!! inputs %s of unanswered transaction %s: if it"
            + " reached the operator, both spends exist and either may be included")
        .formatted(positions(conflict.sharedInputs()), conflict.earlier().txHash());
  }

  private static String describe(RespendConflict conflict) {
    SentTx earlier = conflict.earlier();
    return "transaction %s (signed %s) spends %s: %s"
        .formatted(
            earlier.txHash(),
            earlier.signedAt(),
            positions(conflict.sharedInputs()),
            state(earlier));
  }

  private static String state(SentTx tx) {
    return switch (tx.status()) {
      case ACCEPTED -> {
        OperatorAnswer.Accepted accepted = tx.acceptance().orElseThrow();
        yield "accepted by the operator into block %d at index %d"
            .formatted(accepted.blknum(), accepted.txIndex());
      }
      case UNANSWERED -> "sent, but no answer from the operator was recorded";
      case REJECTED -> "rejected";
    };
  }

  private static String positions(List<UtxoPos> inputs) {
    return inputs.stream().map(UtxoPos::toString).collect(Collectors.joining(", "));
  }
}
