package io.plasmanode.node.explorer;

import io.plasmanode.core.types.Address;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the pages write values: as JSON-RPC does (decimal amounts, lower-case hex), times in UTC. */
final class Formats {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
  private static final int ETH_DECIMALS = 18;

  private Formats() {}

  /** {@code ETH} for the zero address, else the token contract's address. */
  static String token(Address token) {
    return token.isZero() ? "ETH" : token.toHex();
  }

  /** The amount in the token's smallest unit, as JSON-RPC writes it. */
  static String amount(BigInteger amount) {
    return amount.toString();
  }

  /** For ETH, the amount in ether (e.g. {@code 1.5 ETH}); empty for other tokens. */
  static String etherHint(Address token, BigInteger amount) {
    if (!token.isZero()) {
      return "";
    }
    BigDecimal ether = new BigDecimal(amount, ETH_DECIMALS).stripTrailingZeros();
    return ether.toPlainString() + " ETH";
  }

  /** {@code 2026-12-07 11:27:02 UTC}. */
  static String time(Instant instant) {
    return TIME.format(instant);
  }

  /**
   * How long from {@code now} until {@code at}, e.g. {@code in 2 d 3 h}, or {@code matured 5 min
   * ago} once it passed.
   */
  static String until(Instant at, Instant now) {
    Duration left = Duration.between(now, at);
    if (left.isNegative() || left.isZero()) {
      return "matured " + span(left.negated()) + " ago";
    }
    return "in " + span(left);
  }

  /** A duration in its two largest units: {@code 2 d 3 h}, {@code 4 h 10 min}, {@code 12 s}. */
  static String span(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds < 60) {
      return seconds + " s";
    }
    long minutes = seconds / 60;
    if (minutes < 60) {
      return minutes + " min " + seconds % 60 + " s";
    }
    long hours = minutes / 60;
    if (hours < 24) {
      return hours + " h " + minutes % 60 + " min";
    }
    return hours / 24 + " d " + hours % 24 + " h";
  }
}
