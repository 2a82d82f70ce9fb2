package io.plasmanode.node.explorer;

import io.plasmanode.node.explorer.Layout.Fact;
import io.plasmanode.node.rpc.RpcResults;
import io.plasmanode.node.rpc.WatcherRpcResults.EventResult;
import io.plasmanode.node.rpc.WatcherRpcResults.StatusResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The node's status as its JSON-RPC API reports it ({@code plasma_status} or {@code
 * watcher_status}), with, for a watcher, its byzantine events and what a user should do about each.
 */
final class StatusPage {
  /** What a user does about an event, by its action's wire name. */
  static final Map<String, String> WHAT_TO_DO =
      Map.of(
          "exit",
          "Exit now: start a standard exit of each of your outputs (plasma exit start), or an"
              + " in-flight exit of a transaction not yet in a block (plasma exit inflight start).",
          "challenge",
          "This exit must be challenged before it matures (plasma exit challenge, or plasma exit"
              + " inflight challenge / respond for an in-flight exit); a watcher given a key sends"
              + " the challenge itself.",
          "piggyback",
          "If you own an input or output of this transaction, piggyback it (plasma exit"
              + " piggyback) before phase 1 ends, or it is not paid out with the exit.");

  private StatusPage() {}

  /** The operator's {@code plasma_status}. */
  static void operator(Html html, RpcResults.Status status) {
    Layout.facts(
        html,
        "status-facts",
        List.of(
            Fact.text("Height", status.height()),
            Fact.text("Last committed block", status.lastCommittedBlock()),
            Fact.text("Open block", status.openBlock()),
            Fact.text("Mempool", status.mempoolSize()),
            Fact.text("L1 head", status.l1Head()),
            Fact.text("L1 events applied to", status.l1HeightSeen()),
            Fact.text("Contract", status.contract().toHex()),
            Fact.text("L1 chain id", status.chainId())));
    alarms(html, status.alarms());
  }

  /** The watcher's {@code watcher_status}: facts, alarms and its events. */
  static void watcher(Html html, StatusResult status, boolean withEvents) {
    Layout.facts(
        html,
        "status-facts",
        List.of(
            Fact.text("Validated height", status.syncedHeight()),
            Fact.text("L1 head", status.l1Height()),
            Fact.text("L1 events applied to", status.l1HeightSeen()),
            Fact.text("Peers", status.peers()),
            Fact.text("Exits followed", status.exitsTracked()),
            Fact.text(
                "Validation",
                status.halted()
                    ? "halted: an event tells users to exit"
                    : "running: the chain is valid so far")));
    alarms(html, status.alarms());
    if (withEvents) {
      html.element("h2", "Byzantine events");
      events(html, "active-events", status.byzantineEvents(), "No active event: nothing to do.");
      html.element("h2", "Past events");
      events(html, "past-events", status.pastEvents(), "No past event.");
    }
  }

  private static void alarms(Html html, List<String> alarms) {
    if (alarms.isEmpty()) {
      return;
    }
    html.element("h2", "Alarms");
    html.open("ul", "class", "alarms", "id", "alarms");
    alarms.forEach(alarm -> html.element("li", alarm));
    html.close("ul");
  }

  private static void events(Html html, String id, List<EventResult> events, String none) {
    if (events.isEmpty()) {
      html.element("p", none, "class", "none", "id", id);
      return;
    }
    Layout.tableStart(html, id, "Event", "What to do", "Where", "Reason", "Detected", "Ended");
    for (EventResult event : events) {
      html.open("tr", "class", "event " + event.action());
      html.element("td", event.type(), "class", "event-type");
      html.element("td", WHAT_TO_DO.getOrDefault(event.action(), event.action()), "class", "todo");
      html.open("td");
      where(html, event);
      html.close("td");
      html.element("td", event.reason());
      html.element("td", Formats.time(Instant.ofEpochSecond(event.detectedAt())));
      html.element(
          "td",
          event.endedAt() == null ? "" : Formats.time(Instant.ofEpochSecond(event.endedAt())));
      html.close("tr");
    }
    Layout.tableEnd(html);
  }

  private static void where(Html html, EventResult event) {
    if (event.blknum() != null) {
      html.text("block ").link(Layout.blockPath(event.blknum()), event.blknum()).text(" ");
    }
    if (event.utxoPos() != null) {
      html.text("output ");
      html.link(Layout.positionPath(event.utxoPos().toLong()), event.utxoPos().toLong());
      html.text(" ");
    }
    if (event.txHash() != null) {
      html.text("tx ");
      Layout.txLink(html, event.txHash());
      html.text(" ");
    }
    if (event.exitId() != null) {
      html.text("in-flight exit " + event.exitId());
      if (event.slot() != null) {
        html.text(" " + event.slot().kind() + " " + event.slot().index());
      }
    }
  }
}
