package io.plasmanode.node.explorer;

import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.util.List;
import java.util.function.Consumer;

/**
 * The frame of every page: title, the style sheet and script of this server (nothing from
 * elsewhere), the header with the node's role, the navigation and the search box, and the page's
 * {@code main}. The body carries the live token and where to poll it, so the script reloads {@code
 * main} when the chain moves. Also the small pieces pages share: links to blocks, transactions,
 * addresses and positions, fact lists and tables.
 */
final class Layout {
  static final String PREFIX = "/explorer";
  static final String HOME = PREFIX + "/";
  static final String HEAD = PREFIX + "/head";
  static final String SEARCH = PREFIX + "/search";
  static final String EXITS = PREFIX + "/exits";
  static final String STATUS = PREFIX + "/status";
  static final String STYLE = PREFIX + "/static/explorer.css";
  static final String SCRIPT = PREFIX + "/static/explorer.js";

  private Layout() {}

  /**
   * A whole page.
   *
   * @param role {@code operator} or {@code watcher}
   * @param searchText what the search box shows (the query being answered, else empty)
   * @param live the live token of the page's data when made
   */
  static String page(
      String role, String title, String searchText, String live, Consumer<Html> main) {
    Html html = new Html().doctype();
    html.open("html", "lang", "en").open("head");
    html.empty("meta", "charset", "utf-8");
    html.empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1");
    html.element("title", title + " · Plasma " + role + " explorer");
    html.empty("link", "rel", "stylesheet", "href", STYLE);
    html.open("script", "src", SCRIPT, "defer", "defer").close("script");
    html.close("head");
    html.open("body", "data-live", live, "data-live-url", HEAD);
    header(html, role, searchText);
    html.open("main", "id", "main").element("h1", title);
    main.accept(html);
    html.close("main");
    html.open("footer")
        .text("Read-only view of this " + role + "'s chain; the page follows new blocks. ")
        .element("span", "", "id", "live-state")
        .close("footer");
    return html.close("body").close("html").toString();
  }

  private static void header(Html html, String role, String searchText) {
    html.open("header");
    html.open("a", "class", "brand", "href", HOME).text("Plasma explorer").close("a");
    html.element("span", role, "class", "role", "id", "role");
    html.open("nav").link(HOME, "Blocks").link(EXITS, "Exits").link(STATUS, "Status");
    html.close("nav");
    html.open("form", "action", SEARCH, "method", "get", "role", "search");
    html.empty(
        "input",
        "type",
        "search",
        "name",
        "q",
        "id",
        "search",
        "value",
        searchText,
        "placeholder",
        "Block number, tx hash, address or position",
        "aria-label",
        "Search",
        "maxlength",
        String.valueOf(SearchQuery.MAX_LENGTH));
    html.element("button", "Search", "type", "submit", "id", "search-button");
    html.close("form").close("header");
  }

  static String blockPath(long blknum) {
    return PREFIX + "/block/" + blknum;
  }

  static String txPath(Hash32 txHash) {
    return PREFIX + "/tx/" + txHash.toHex();
  }

  static String addressPath(Address address) {
    return PREFIX + "/address/" + address.toHex();
  }

  static String positionPath(long pos) {
    return PREFIX + "/position/" + pos;
  }

  /** A definition list of label, value pairs, values escaped. */
  static void facts(Html html, String id, List<Fact> facts) {
    html.open("dl", "class", "facts", "id", id);
    for (Fact fact : facts) {
      html.element("dt", fact.label());
      html.open("dd", "data-fact", fact.label());
      fact.value().accept(html);
      html.close("dd");
    }
    html.close("dl");
  }

  /** A label and how to write its value. */
  record Fact(String label, Consumer<Html> value) {
    static Fact text(String label, Object value) {
      return new Fact(label, html -> html.text(value));
    }
  }

  /** Opens a table with {@code id} and its header row. */
  static void tableStart(Html html, String id, String... headers) {
    html.open("table", "id", id).open("thead").open("tr");
    for (String header : headers) {
      html.element("th", header);
    }
    html.close("tr").close("thead").open("tbody");
  }

  static void tableEnd(Html html) {
    html.close("tbody").close("table");
  }

  /** A paragraph saying a list is empty. */
  static void none(Html html, String message) {
    html.element("p", message, "class", "none");
  }

  static void addressLink(Html html, Address address) {
    html.open("a", "class", "hex", "href", addressPath(address)).text(address.toHex()).close("a");
  }

  static void txLink(Html html, Hash32 txHash) {
    html.open("a", "class", "hex", "href", txPath(txHash)).text(txHash.toHex()).close("a");
  }

  static void amount(Html html, Address token, BigInteger amount) {
    html.element("span", Formats.amount(amount), "class", "amount");
    String hint = Formats.etherHint(token, amount);
    if (!hint.isEmpty()) {
      html.element("span", hint, "class", "hint");
    }
  }

  static void token(Html html, Address token) {
    if (token.isZero()) {
      html.text("ETH");
    } else {
      addressLink(html, token);
    }
  }
}
