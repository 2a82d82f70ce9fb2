package io.plasmanode.node.cli;

import io.plasmanode.node.wallet.SentTransactionStore;
import io.plasmanode.node.wallet.SentTransactions;
import io.plasmanode.node.wallet.SentTx;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code plasma tx list}: the sent transactions, and what the operator says of each now. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ConfigDefaultProvider.class,
    description = {
      "Lists the transactions this wallet sent (oldest first) with the operator's answer and what"
          + " is known of each now: included at a position, pending (accepted into a block not"
          + " closed yet), withheld (its block is committed on L1 but not served, as the watcher"
          + " reports: exit it in flight), missing (its block closed without it: exit it in"
          + " flight), unknown, or rejected.",
      "Asks the operator (plasma_getTransaction), or the watcher when the operator cannot be"
          + " reached (by the position the operator promised)."
    },
    footer = ConfigDefaultProvider.FOOTER)
final class TxListCommand extends CliCommand {
  @Mixin OwnerOptions owner;

  @Option(names = "--all", description = "Every sender's transactions, not only --address's.")
  boolean all;

  @Mixin WalletOptions wallet;
  @Mixin RpcOptions rpc;
  @Mixin WatcherOptions watcher;

  @Override
  protected void run() {
    SentTransactionStore store = wallet.store(plasmaHome());
    SentTransactions known = store.read();
    known.warnings().forEach(this::warn);
    List<SentTx> txs = all ? known.all() : known.sentBy(owner.owner(environment()));
    List<Map<String, Object>> json = new ArrayList<>();
    StringBuilder human =
        new StringBuilder(
            txs.isEmpty()
                ? "no sent transactions in " + store.file()
                : "sent transactions in " + store.file());
    try (SentTxLookup lookup = new SentTxLookup(rpc, watcher)) {
      for (SentTx tx : txs) {
        SentTxLookup.Now now = lookup.lookup(tx);
        json.add(SentTxJson.json(tx, now));
        human.append(
            "%n  %s  %s  inputs %s%n    wallet: %s%s%n    now:    %s"
                .formatted(
                    tx.txHash(),
                    tx.signedAt(),
                    tx.inputs(),
                    tx.status().name().toLowerCase(Locale.ROOT),
                    tx.lastAnswer()
                        .map(answer -> " (" + SentTxJson.describe(answer) + ")")
                        .orElse(""),
                    now.describe()));
      }
    }
    print(human.toString(), json);
  }
}
