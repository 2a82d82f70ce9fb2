package io.plasmanode.node.cli;

import io.plasmanode.node.rpc.WatcherRpcResults.EventResult;
import io.plasmanode.node.rpc.WatcherRpcResults.StatusResult;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code plasma watcher status}: what a watcher reports (docs/watcher-rpc.md, watcher_status). */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ConfigDefaultProvider.class,
    description =
        "Shows a watcher's status: its validated height, whether it is halted, the byzantine"
            + " events it reports now (what to do: exit, challenge, piggyback) and those that"
            + " ended, and its alarms.",
    footer = ConfigDefaultProvider.FOOTER)
final class WatcherStatusCommand extends CliCommand {
  @Mixin WatcherOptions watcher;

  @Override
  protected void run() {
    StatusResult status;
    try (WatcherClient client = watcher.client()) {
      status = client.status();
    }
    StringBuilder human = new StringBuilder("watcher at " + watcher.watcher());
    human.append(
        "%n  syncedHeight: %d   L1 height seen: %d   peers: %d   exits tracked: %d"
            .formatted(
                status.syncedHeight(),
                status.l1HeightSeen(),
                status.peers(),
                status.exitsTracked()));
    human.append(
        "%n  halted: %s"
            .formatted(
                status.halted()
                    ? "yes (an event says exit: it applies no more blocks until it ends)"
                    : "no"));
    appendEvents(human, "events", status.byzantineEvents());
    appendEvents(human, "past events", status.pastEvents());
    human.append(
        status.alarms().isEmpty() ? "%n  alarms: none".formatted() : "%n  alarms:".formatted());
    status.alarms().forEach(alarm -> human.append("%n    - %s".formatted(alarm)));
    print(human.toString(), status);
  }

  private static void appendEvents(StringBuilder human, String title, List<EventResult> events) {
    human.append("%n  %s:%s".formatted(title, events.isEmpty() ? " none" : ""));
    for (EventResult event : events) {
      human.append(
          "%n    - %s (%s): %s; since %s%s"
              .formatted(
                  event.type(),
                  event.action(),
                  event.reason(),
                  Instant.ofEpochSecond(event.detectedAt()),
                  event.endedAt() == null
                      ? ""
                      : ", ended " + Instant.ofEpochSecond(event.endedAt())));
    }
  }
}
