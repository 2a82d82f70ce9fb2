package io.plasmanode.node.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Exit times for people: {@code 2026-12-02 10:00:00 UTC (in 7 days)}. */
final class ExitTimes {
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private ExitTimes() {}

  /** {@code time} in UTC, with how far it is from {@code now} (L1's clock). */
  static String describe(Instant time, Instant now) {
    return UTC.format(time) + " (" + relative(time, now) + ")";
  }

  static String utc(Instant time) {
    return UTC.format(time);
  }

  /** {@code in 7 days}, {@code 2 hours 5 minutes ago}, {@code now}. */
  static String relative(Instant time, Instant now) {
    Duration between = Duration.between(now, time);
    if (between.isZero()) {
      return "now";
    }
    String span = span(between.abs());
    return between.isNegative() ? span + " ago" : "in " + span;
  }

  /** The two largest nonzero units of {@code duration}: {@code 6 days 23 hours}. */
  static String span(Duration duration) {
    long[] amounts = {
      duration.toDays(), duration.toHoursPart(), duration.toMinutesPart(), duration.toSecondsPart()
    };
    String[] units = {"day", "hour", "minute", "second"};
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < amounts.length && parts.size() < 2; i++) {
      if (amounts[i] != 0) {
        parts.add(amounts[i] + " " + units[i] + (amounts[i] == 1 ? "" : "s"));
      } else if (!parts.isEmpty()) {
        break;
      }
    }
    return parts.isEmpty() ? "0 seconds" : String.join(" ", parts);
  }
}
