package io.plasmanode.node.explorer;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.crypto.SignerRecovery;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.node.api.InFlightQueries;
import io.plasmanode.node.api.OperatorStatus;
import io.plasmanode.node.api.WatcherQueries;
import io.plasmanode.node.rpc.HistoryCursor;
import io.plasmanode.node.rpc.RpcResults;
import io.plasmanode.node.rpc.WatcherRpcResults.StatusResult;
import io.plasmanode.p2p.rpc.WebContentType;
import io.plasmanode.p2p.rpc.WebPages;
import io.plasmanode.p2p.rpc.WebResponse;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.chain.TxLocation;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The block explorer: read-only pages of the node's chain under {@code /explorer/}, served by the
 * node's JSON-RPC server (docs/explorer.md). Every path is routed here; the search resolves a query
 * to a page and redirects there, or says why it cannot.
 */
public final class ExplorerPages implements WebPages {
  private final ExplorerSource source;
  private final BlockPages blocks;
  private final TxPages txs;
  private final AccountPage accounts;
  private final ExitTables exits;
  private final String rateLimitedPage;

  private ExplorerPages(ExplorerSource source) {
    this.source = source;
    Optional<ExplorerSource.Watcher> watcher =
        source.node() instanceof ExplorerSource.Watcher w ? Optional.of(w) : Optional.empty();
    this.blocks = new BlockPages(source.chain(), watcher.isPresent());
    this.txs = new TxPages(source.chain(), source.domain(), source.recovery());
    this.exits = new ExitTables(watcher);
    this.accounts = new AccountPage(source.chain(), exits);
    this.rateLimitedPage = rateLimitedPage(source.node().role());
  }

  /** The operator's explorer over its chain and {@code plasma_status}. */
  public static ExplorerPages operator(
      ChainStore chain,
      Supplier<OperatorStatus> status,
      Eip712Domain domain,
      SignerRecovery recovery,
      Clock clock) {
    return new ExplorerPages(
        new ExplorerSource(chain, new ExplorerSource.Operator(status), domain, recovery, clock));
  }

  /** A watcher's explorer over its validated chain, its status, exits and in-flight exits. */
  public static ExplorerPages watcher(
      ChainStore chain,
      WatcherQueries watcher,
      InFlightQueries inFlight,
      Eip712Domain domain,
      SignerRecovery recovery,
      Clock clock) {
    requireNonNull(watcher, "watcher");
    return new ExplorerPages(
        new ExplorerSource(
            chain, new ExplorerSource.Watcher(watcher, inFlight), domain, recovery, clock));
  }

  @Override
  public String prefix() {
    return Layout.PREFIX;
  }

  @Override
  public WebResponse get(String path, Map<String, List<String>> query) {
    if (path.equals(Layout.PREFIX)) {
      return WebResponse.redirect(Layout.HOME);
    }
    String rest = path.substring(Layout.PREFIX.length() + 1);
    int slash = rest.indexOf('/');
    String section = slash < 0 ? rest : rest.substring(0, slash);
    String argument = slash < 0 ? "" : rest.substring(slash + 1);
    return switch (section) {
      case "" -> page("Overview", "", this::home);
      case "head" -> WebResponse.ok(WebContentType.TEXT, liveToken());
      case "search" -> search(first(query, "q"));
      case "block", "tx", "address", "position" -> item(section, argument, query);
      case "exits" -> page("Exits", "", html -> exits.all(html, source.clock().instant()));
      case "status" -> page("Status", "", this::status);
      case "static" -> ExplorerAssets.get(argument);
      default -> notFound("", "No such page: " + path);
    };
  }

  /**
   * The explorer's page for a request over the server's rate limit, made once: the layout (header,
   * navigation, search) and what happened, nothing of the request. Its live token is empty, so the
   * script polls and swaps in the page asked for once the node answers again.
   */
  @Override
  public WebResponse rateLimited() {
    return WebResponse.of(429, WebContentType.HTML, rateLimitedPage);
  }

  private static String rateLimitedPage(String role) {
    return Layout.page(
        role,
        "Too many requests",
        "",
        "",
        html ->
            html.element(
                "p",
                "This "
                    + role
                    + " is answering as many requests as its rate limit allows (HTTP 429): the"
                    + " page asked for loads here in a few seconds, or reload it then.",
                "class",
                "message",
                "id",
                "message"));
  }

  private void home(Html html) {
    summary(html);
    blocks.latest(html);
  }

  private void summary(Html html) {
    html.element("h2", "This " + source.node().role());
    switch (source.node()) {
      case ExplorerSource.Operator operator ->
          StatusPage.operator(html, RpcResults.Status.of(operator.status().get()));
      case ExplorerSource.Watcher watcher ->
          StatusPage.watcher(html, StatusResult.of(watcher.queries().status()), false);
    }
  }

  private void status(Html html) {
    switch (source.node()) {
      case ExplorerSource.Operator operator ->
          StatusPage.operator(html, RpcResults.Status.of(operator.status().get()));
      case ExplorerSource.Watcher watcher ->
          StatusPage.watcher(html, StatusResult.of(watcher.queries().status()), true);
    }
  }

  /** A page of one block, transaction, address or position, named by the path's last segment. */
  private WebResponse item(String section, String argument, Map<String, List<String>> query) {
    SearchQuery target = SearchQuery.parse(argument, source.chain().height());
    if (target instanceof SearchQuery.Invalid invalid) {
      return notFound("", invalid.reason());
    }
    String cursor = first(query, "cursor");
    if (!cursor.isEmpty() && !HistoryCursor.isCursor(cursor)) {
      return message(
          400,
          "Not found",
          "",
          "The history cursor is not one this explorer made: follow the page's \"older\" link.");
    }
    String title = title(section, argument);
    boolean[] found = {false};
    String page =
        Layout.page(
            source.node().role(),
            title,
            "",
            liveToken(),
            html -> found[0] = render(html, section, target, query));
    if (!found[0]) {
      return notFound("", "No " + title.toLowerCase(Locale.ROOT) + " in this chain.");
    }
    return WebResponse.ok(WebContentType.HTML, page);
  }

  private boolean render(
      Html html, String section, SearchQuery target, Map<String, List<String>> query) {
    return switch (target) {
      case SearchQuery.Block block when section.equals("block") ->
          blocks.block(html, block.blknum(), page(query));
      case SearchQuery.Transaction tx when section.equals("tx") ->
          txs.transaction(html, tx.txHash());
      case SearchQuery.Account account when section.equals("address") -> {
        accounts.render(html, account.address(), cursor(query), source.clock().instant());
        yield true;
      }
      case SearchQuery.Position pos when section.equals("position") ->
          txs.position(html, pos.pos());
      case SearchQuery.Block block when section.equals("position") ->
          UtxoPos.fromLong(block.blknum()).map(pos -> txs.position(html, pos)).orElse(false);
      default -> false;
    };
  }

  private static String title(String section, String argument) {
    String kind =
        switch (section) {
          case "block" -> "Block";
          case "tx" -> "Transaction";
          case "address" -> "Address";
          default -> "Position";
        };
    return kind + " " + argument;
  }

  private WebResponse search(String text) {
    SearchQuery target = SearchQuery.parse(text, source.chain().height());
    return switch (target) {
      case SearchQuery.Block block -> WebResponse.redirect(Layout.blockPath(block.blknum()));
      case SearchQuery.Transaction tx -> found(tx, text);
      case SearchQuery.Account account ->
          WebResponse.redirect(Layout.addressPath(account.address()));
      case SearchQuery.Position pos ->
          WebResponse.redirect(Layout.positionPath(pos.pos().toLong()));
      case SearchQuery.Invalid invalid -> message(400, "Search", text, invalid.reason());
    };
  }

  private WebResponse found(SearchQuery.Transaction tx, String text) {
    if (source.chain().transaction(tx.txHash()).isEmpty()) {
      return message(
          404,
          "Search",
          text,
          "No transaction " + tx.txHash().toHex() + " in a closed block of this chain.");
    }
    return WebResponse.redirect(Layout.txPath(tx.txHash()));
  }

  private WebResponse notFound(String searchText, String message) {
    return message(404, "Not found", searchText, message);
  }

  private WebResponse message(int status, String title, String searchText, String message) {
    String page =
        Layout.page(
            source.node().role(),
            title,
            searchText,
            liveToken(),
            html -> html.element("p", message, "class", "message", "id", "message"));
    return WebResponse.of(status, WebContentType.HTML, page);
  }

  private WebResponse page(String title, String searchText, Consumer<Html> main) {
    String live = liveToken();
    return WebResponse.ok(
        WebContentType.HTML, Layout.page(source.node().role(), title, searchText, live, main));
  }

  /**
   * What changes when the pages should: the chain's height and, for the operator, the last
   * committed block; for a watcher, its exits, events and peers. The script polls it.
   */
  String liveToken() {
    long height = source.chain().height();
    return switch (source.node()) {
      case ExplorerSource.Operator operator ->
          height + "-" + operator.status().get().lastCommittedBlock();
      case ExplorerSource.Watcher watcher -> {
        var status = watcher.queries().status();
        yield height
            + "-"
            + status.exitsTracked()
            + "-"
            + status.byzantineEvents().size()
            + "-"
            + status.pastEvents().size()
            + "-"
            + status.peers()
            + "-"
            + watcher.inFlight().inFlightExits().size();
      }
    };
  }

  private static String first(Map<String, List<String>> query, String name) {
    List<String> values = query.getOrDefault(name, List.of());
    return values.isEmpty() ? "" : values.get(0);
  }

  private static Optional<TxLocation> cursor(Map<String, List<String>> query) {
    String cursor = first(query, "cursor");
    return cursor.isEmpty() ? Optional.empty() : Optional.of(HistoryCursor.decode(cursor, 1));
  }

  private static int page(Map<String, List<String>> query) {
    String page = first(query, "page");
    return page.matches("[0-9]{1,6}") ? Integer.parseInt(page) : 1;
  }
}
