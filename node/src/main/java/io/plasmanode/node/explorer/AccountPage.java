package io.plasmanode.node.explorer;

import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.types.Address;
import io.plasmanode.exitgame.TrackedExit;
import io.plasmanode.node.api.InFlightQueries.InFlightExitView;
import io.plasmanode.node.rpc.HistoryMethod;
import io.plasmanode.node.rpc.HistoryResults.HistoryItem;
import io.plasmanode.node.rpc.HistoryResults.TransactionsPage;
import io.plasmanode.node.rpc.RpcResults.Balance;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.chain.TxLocation;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An address: its balance per token ({@code plasma_getBalance}), its unspent outputs ({@code
 * plasma_getUtxos}), its history ({@code plasma_getTransactions}, a page at a time) and, on a
 * watcher, its exits (standard ones it owns, in-flight ones whose tx spends or pays it).
 */
final class AccountPage {
  private final ChainStore chain;
  private final ExitTables exits;

  AccountPage(ChainStore chain, ExitTables exits) {
    this.chain = chain;
    this.exits = exits;
  }

  /** The page of {@code address}, its history from after {@code cursor} (newest when empty). */
  void render(Html html, Address address, Optional<TxLocation> cursor, Instant now) {
    html.element("p", address.toHex(), "class", "hex", "id", "address");
    balances(html, chain.balanceOf(address));
    utxos(html, chain.utxosOf(address));
    history(html, address, HistoryMethod.page(chain, address, cursor, HistoryMethod.DEFAULT_LIMIT));
    exits.forAccount(html, address, now);
  }

  private static void history(Html html, Address address, TransactionsPage page) {
    html.element("h2", "History");
    if (page.transactions().isEmpty()) {
      Layout.none(html, "No transaction or deposit.");
      return;
    }
    Layout.tableStart(
        html, "history", "Transaction", "Block", "Closed", "Sent", "Received", "Counterparties");
    for (HistoryItem item : page.transactions()) {
      html.open("tr").open("td");
      if (item.deposit()) {
        html.text("deposit");
      } else {
        Layout.txLink(html, item.txHash());
      }
      html.close("td").open("td");
      if (item.deposit()) {
        html.text(item.blknum());
      } else {
        html.link(Layout.blockPath(item.blknum()), item.blknum());
      }
      html.close("td");
      html.element(
          "td",
          item.timestamp() == null ? "" : Formats.time(Instant.ofEpochSecond(item.timestamp())));
      amounts(html, item.sent());
      amounts(html, item.received());
      html.open("td");
      item.counterparties().forEach(party -> Layout.addressLink(html, party));
      html.close("td").close("tr");
    }
    Layout.tableEnd(html);
    if (page.nextCursor() != null) {
      html.open("p", "class", "pager");
      html.link(
          Layout.addressPath(address) + "?cursor=" + Html.queryValue(page.nextCursor()), "older");
      html.close("p");
    }
  }

  private static void amounts(Html html, List<Balance> amounts) {
    html.open("td").open("ul", "class", "amounts");
    for (Balance amount : amounts) {
      html.open("li").element("span", Formats.amount(amount.amount()), "class", "amount");
      html.text(" ");
      Layout.token(html, amount.token());
      html.close("li");
    }
    html.close("ul").close("td");
  }

  private static void balances(Html html, Map<Address, BigInteger> balances) {
    html.element("h2", "Balance");
    List<Map.Entry<Address, BigInteger>> nonzero =
        balances.entrySet().stream().filter(entry -> entry.getValue().signum() > 0).toList();
    if (nonzero.isEmpty()) {
      Layout.none(html, "No balance on the child chain.");
      return;
    }
    Layout.tableStart(html, "balances", "Token", "Amount");
    for (Map.Entry<Address, BigInteger> entry : nonzero) {
      html.open("tr").open("td");
      Layout.token(html, entry.getKey());
      html.close("td").open("td");
      Layout.amount(html, entry.getKey(), entry.getValue());
      html.close("td").close("tr");
    }
    Layout.tableEnd(html);
  }

  private static void utxos(Html html, List<Utxo> utxos) {
    html.element("h2", "Unspent outputs");
    if (utxos.isEmpty()) {
      Layout.none(html, "No unspent output.");
      return;
    }
    Layout.tableStart(html, "utxos", "Position", "Block", "Token", "Amount");
    for (Utxo utxo : utxos) {
      Output output = utxo.output();
      html.open("tr").open("td");
      html.link(Layout.positionPath(utxo.pos().toLong()), utxo.pos().toLong()).close("td");
      html.element("td", utxo.pos().blknum()).open("td");
      Layout.token(html, output.token());
      html.close("td").open("td");
      Layout.amount(html, output.token(), output.amount());
      html.close("td").close("tr");
    }
    Layout.tableEnd(html);
  }

  /** Whether {@code view}'s tx spends an output of {@code address} or pays it. */
  static boolean involves(InFlightExitView view, Address address) {
    return view.exit().inputs().stream().anyMatch(output -> output.owner().equals(address))
        || view.exit().tx().outputs().stream().anyMatch(output -> output.owner().equals(address));
  }

  /** Whether {@code exit} is {@code address}'s. */
  static boolean owns(TrackedExit exit, Address address) {
    return exit.owner().equals(address);
  }
}
