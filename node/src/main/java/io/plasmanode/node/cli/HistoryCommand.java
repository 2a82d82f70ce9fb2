package io.plasmanode.node.cli;

import io.plasmanode.core.types.Address;
import io.plasmanode.node.rpc.HistoryResults.HistoryItem;
import io.plasmanode.node.rpc.HistoryResults.TransactionsPage;
import io.plasmanode.node.rpc.RpcResults.Balance;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code plasma history}: an account's transactions and deposits, newest first. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ConfigDefaultProvider.class,
    description = {
      "Lists an account's transactions and deposits on the child chain, newest first, with what"
          + " it sent and received per token and with whom (plasma_getTransactions).",
      "Shows one page; the last line says how to get the next one (--cursor).",
      "When the operator cannot be reached, asks the watcher (--watcher) instead and says so:"
          + " it lists the blocks it validated (watcher_getTransactions)."
    },
    footer = ConfigDefaultProvider.FOOTER)
final class HistoryCommand extends CliCommand {
  /** The most items the APIs answer in one page. */
  private static final int MAX_LIMIT = 200;

  @Mixin OwnerOptions owner;
  @Mixin RpcOptions rpc;
  @Mixin WatcherOptions watcher;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "50",
      description = "Items per page, 1 to 200 (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(
      names = "--cursor",
      paramLabel = "CURSOR",
      description =
          "Where the page starts: the cursor the previous page printed (default: newest).")
  String cursor;

  @Override
  protected void run() {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ParameterException(
          spec.commandLine(), "--limit must be 1.." + MAX_LIMIT + ", got " + limit);
    }
    Address account = owner.owner(environment());
    Optional<String> after = Optional.ofNullable(cursor);
    OperatorOrWatcher.Answer<TransactionsPage> answer =
        new OperatorOrWatcher(rpc, watcher)
            .ask(
                operator -> operator.transactions(account, after, limit),
                client -> client.transactions(account, after, limit));
    answer.fallback().ifPresent(this::warn);
    TransactionsPage page = answer.value();
    StringBuilder human =
        new StringBuilder(
            page.transactions().isEmpty()
                ? "no transactions of " + account + (cursor == null ? "" : " after this cursor")
                : "transactions of " + account + ", newest first");
    page.transactions()
        .forEach(item -> human.append(System.lineSeparator()).append(describe(item)));
    if (page.nextCursor() != null) {
      human.append(
          "%nmore: plasma history --address %s --limit %d --cursor %s"
              .formatted(account, limit, page.nextCursor()));
    }
    print(human.toString(), page);
  }

  /** {@code 2000:1 2025-01-02T03:04:05Z 0xabcd... sent 1 ETH (...) with 0x...}. */
  private static String describe(HistoryItem item) {
    String when = item.timestamp() == null ? "" : "  " + Instant.ofEpochSecond(item.timestamp());
    String what = item.deposit() ? "deposit" : item.txHash().toHex();
    StringBuilder line =
        new StringBuilder("  %d:%d%s  %s".formatted(item.blknum(), item.txIndex(), when, what));
    if (!item.sent().isEmpty()) {
      line.append("%n      sent     %s".formatted(amounts(item.sent())));
    }
    if (!item.received().isEmpty()) {
      line.append("%n      received %s".formatted(amounts(item.received())));
    }
    if (!item.counterparties().isEmpty()) {
      line.append(
          "%n      with     %s"
              .formatted(
                  item.counterparties().stream()
                      .map(Address::toHex)
                      .collect(Collectors.joining(", "))));
    }
    return line.toString();
  }

  private static String amounts(List<Balance> amounts) {
    return amounts.stream()
        .map(amount -> describeAmount(amount.token(), amount.amount()))
        .collect(Collectors.joining(", "));
  }
}
