package io.plasmanode.node.cli;

import io.plasmanode.core.tx.Output;
import io.plasmanode.node.wallet.OperatorAnswer;
import io.plasmanode.node.wallet.SentTransactionStore;
import io.plasmanode.node.wallet.SentTransactions;
import io.plasmanode.node.wallet.SentTx;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code plasma tx show}: one sent transaction in full. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ConfigDefaultProvider.class,
    description = {
      "Shows one transaction this wallet sent: its inputs and outputs, every submission's answer,"
          + " what the operator (or the watcher) knows of it now, what you can do, and the signed"
          + " transaction's bytes."
    },
    footer = ConfigDefaultProvider.FOOTER)
final class TxShowCommand extends CliCommand {
  @Parameters(
      index = "0",
      paramLabel = "HASH",
      description = "The transaction's hash, or its first 8 or more hex digits.")
  String hash;

  @Mixin WalletOptions wallet;
  @Mixin RpcOptions rpc;
  @Mixin WatcherOptions watcher;

  @Override
  protected void run() {
    SentTransactionStore store = wallet.store(plasmaHome());
    SentTransactions known = store.read();
    known.warnings().forEach(this::warn);
    SentTx tx = SentTxJson.find(known, hash, "in " + store.file());
    SentTxLookup.Now now;
    try (SentTxLookup lookup = new SentTxLookup(rpc, watcher)) {
      now = lookup.lookup(tx);
    }
    Map<String, Object> json = SentTxJson.json(tx, now);
    json.put("signedTx", io.plasmanode.core.types.Hex.encode(tx.signedBytes()));
    StringBuilder human =
        new StringBuilder(
            "transaction %s%n  sender:   %s%n  signed:   %s for contract %s on chain %d%n  inputs:   %s"
                .formatted(
                    tx.txHash(),
                    tx.sender(),
                    tx.signedAt(),
                    tx.domain().verifyingContract(),
                    tx.domain().chainId(),
                    tx.inputs()));
    for (Output output : tx.signed().tx().outputs()) {
      human.append(
          "%n  output:   %s to %s"
              .formatted(describeAmount(output.token(), output.amount()), output.owner()));
    }
    human.append("%n  sent:     %d time(s)".formatted(tx.submissions()));
    for (OperatorAnswer answer : tx.answers()) {
      human.append("%n  answer:   %s %s".formatted(answer.at(), SentTxJson.describe(answer)));
    }
    human.append(
        "%n  wallet:   %s%n  now:      %s%n  next:     %s%n  signedTx: %s"
            .formatted(
                tx.status().name().toLowerCase(Locale.ROOT),
                now.describe(),
                next(tx, now),
                json.get("signedTx")));
    print(human.toString(), json);
  }

  /** What the user can do about the transaction now. */
  private static String next(SentTx tx, SentTxLookup.Now now) {
    String hash = tx.txHash().toHex();
    return switch (now.state()) {
      case "included" ->
          "nothing: it is final once its block is committed on L1 (plasma block %d)"
              .formatted(now.blknum().orElse(0));
      case "pending" -> "wait for its block to close";
      case "withheld" ->
          ("exit it in flight (plasma exit inflight start --tx %s) and piggyback your outputs or"
                  + " inputs: its block is on L1 but nobody can prove what it holds")
              .formatted(hash);
      case "rejected" -> "nothing: its inputs are free to spend again";
      default ->
          ("plasma tx resend %s sends it again (safe); if the operator does not include it, exit it"
                  + " in flight (plasma exit inflight start --tx %s) and piggyback your outputs"
                  + " or inputs")
              .formatted(hash, hash);
    };
  }
}
