package io.plasmanode.node.explorer;

import io.plasmanode.core.types.Address;
import io.plasmanode.exitgame.InFlightByzantineEvent;
import io.plasmanode.exitgame.TrackedExit;
import io.plasmanode.exitgame.inflight.TrackedInFlightExit;
import io.plasmanode.node.api.InFlightQueries.InFlightExitView;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The exits a watcher follows: standard exits (status, when they mature, its challenge) and
 * in-flight exits (status, canonicity, piggybacks, phase 1's end, its challenges and responses). An
 * operator does not follow exits: its pages say where to look.
 */
final class ExitTables {
  private final Optional<ExplorerSource.Watcher> watcher;

  ExitTables(Optional<ExplorerSource.Watcher> watcher) {
    this.watcher = watcher;
  }

  /** Every exit the watcher follows. */
  void all(Html html, Instant now) {
    render(html, now, exit -> true, view -> true);
  }

  /** The exits of {@code address}. */
  void forAccount(Html html, Address address, Instant now) {
    render(
        html,
        now,
        exit -> AccountPage.owns(exit, address),
        view -> AccountPage.involves(view, address));
  }

  private void render(
      Html html,
      Instant now,
      Predicate<TrackedExit> standard,
      Predicate<InFlightExitView> inFlight) {
    html.element("h2", "Standard exits");
    if (watcher.isEmpty()) {
      Layout.none(
          html,
          "The operator does not follow exits: a watcher's explorer lists them (and `plasma exit"
              + " list` reads them from L1).");
      return;
    }
    standard(html, watcher.get().queries().trackedExits().stream().filter(standard).toList(), now);
    html.element("h2", "In-flight exits");
    inFlight(
        html, watcher.get().inFlight().inFlightExits().stream().filter(inFlight).toList(), now);
  }

  private static void standard(Html html, List<TrackedExit> exits, Instant now) {
    if (exits.isEmpty()) {
      Layout.none(html, "No standard exit is being followed.");
      return;
    }
    Layout.tableStart(
        html,
        "standard-exits",
        "Exit (position)",
        "Owner",
        "Token",
        "Amount",
        "Status",
        "Matures",
        "Challenge");
    for (TrackedExit exit : exits) {
      html.open("tr").open("td");
      html.link(Layout.positionPath(exit.utxoPos().toLong()), exit.utxoPos().toLong());
      html.close("td").open("td");
      Layout.addressLink(html, exit.owner());
      html.close("td").open("td");
      Layout.token(html, exit.token());
      html.close("td").open("td");
      Layout.amount(html, exit.token(), exit.amount());
      html.close("td");
      html.element(
          "td", exit.status().name().toLowerCase(java.util.Locale.ROOT), "class", "status");
      html.element(
          "td",
          Formats.time(exit.exitableAt()) + " (" + Formats.until(exit.exitableAt(), now) + ")");
      html.open("td");
      challenge(html, exit);
      html.close("td").close("tr");
    }
    Layout.tableEnd(html);
  }

  private static void challenge(Html html, TrackedExit exit) {
    if (exit.challenge().isPresent()) {
      html.text("sent in L1 tx ");
      html.element("span", exit.challenge().get().l1TxHash().toHex(), "class", "hex");
      html.text(" at " + Formats.time(exit.challenge().get().submittedAt()));
    } else if (exit.invalidReported()) {
      html.text("invalid: to be challenged");
    } else {
      html.text("none (valid)");
    }
  }

  private static void inFlight(Html html, List<InFlightExitView> exits, Instant now) {
    if (exits.isEmpty()) {
      Layout.none(html, "No in-flight exit is being followed.");
      return;
    }
    Layout.tableStart(
        html,
        "in-flight-exits",
        "Transaction",
        "Status",
        "Piggybacked",
        "Phase 1 ends",
        "Matures",
        "Challenges and responses",
        "Open events");
    for (InFlightExitView view : exits) {
      TrackedInFlightExit exit = view.exit();
      html.open("tr").open("td");
      Layout.txLink(html, exit.txHash());
      html.close("td");
      html.element("td", status(exit), "class", "status");
      html.element("td", exit.l1().piggybacked().isEmpty() ? "none" : exit.l1().piggybacked());
      html.element(
          "td",
          Formats.time(view.phaseOneEnd()) + " (" + Formats.until(view.phaseOneEnd(), now) + ")");
      html.element(
          "td",
          exit.l1()
              .exitableAt()
              .map(at -> Formats.time(at) + " (" + Formats.until(at, now) + ")")
              .orElse("when first piggybacked"));
      html.open("td").open("ul");
      for (TrackedInFlightExit.Submission sent : exit.submissions()) {
        html.open("li").text(sent.key().kind() + " " + sent.key().index() + ": L1 tx ");
        html.element("span", sent.l1TxHash().toHex(), "class", "hex").close("li");
      }
      html.close("ul").close("td").open("td").open("ul");
      for (InFlightByzantineEvent event : exit.standing()) {
        html.element("li", event.type() + ": " + event.reason());
      }
      html.close("ul").close("td").close("tr");
    }
    Layout.tableEnd(html);
  }

  private static String status(TrackedInFlightExit exit) {
    String status = exit.l1().status().name().toLowerCase(java.util.Locale.ROOT);
    return status + (exit.l1().canonical() ? ", canonical" : ", challenged: not canonical");
  }
}
