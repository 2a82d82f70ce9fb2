package io.plasmanode.node.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a duration option: {@code 500ms}, {@code 2s}, {@code 5m}, {@code 1h}, {@code 7d}, or ISO.
 */
public final class DurationConverter implements ITypeConverter<Duration> {
  private static final Pattern SIMPLE = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");

  @Override
  public Duration convert(String value) {
    String text = value.strip().toLowerCase(Locale.ROOT);
    Matcher matcher = SIMPLE.matcher(text);
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      if (amount == 0) {
        throw new TypeConversionException("'" + value + "' is not a positive duration");
      }
      return switch (matcher.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
    }
    Duration parsed;
    try {
      parsed = Duration.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new TypeConversionException(
          "'" + value + "' is not a duration: use e.g. 500ms, 2s, 5m, 1h, 7d");
    }
    if (parsed.isNegative() || parsed.isZero()) {
      throw new TypeConversionException("'" + value + "' is not a positive duration");
    }
    return parsed;
  }
}
