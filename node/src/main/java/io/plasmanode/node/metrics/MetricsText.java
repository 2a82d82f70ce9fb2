package io.plasmanode.node.metrics;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The samples of a scrape in the Prometheus text format (version 0.0.4), read back: what the load
 * generator and the tests read of a node, instead of its log.
 */
public record MetricsText(List<Sample> samples) {
  /** One line: {@code name{label="value",...} value}. */
  public record Sample(String name, Map<String, String> labels, double value) {
    public Sample {
      requireNonNull(name, "name");
      labels = Map.copyOf(labels);
    }
  }

  public MetricsText {
    samples = List.copyOf(samples);
  }

  /**
   * Parses a scrape.
   *
   * @throws IllegalArgumentException naming the first line that is not a sample, comment or blank
   */
  public static MetricsText parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      String trimmed = line.strip();
      if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
        samples.add(parseSample(trimmed));
      }
    }
    return new MetricsText(samples);
  }

  /** The value of the sample {@code name} without labels. */
  public OptionalDouble value(String name) {
    return value(name, Map.of());
  }

  /** The value of the sample {@code name} with exactly {@code labels}. */
  public OptionalDouble value(String name, Map<String, String> labels) {
    return samples.stream()
        .filter(sample -> sample.name().equals(name) && sample.labels().equals(labels))
        .mapToDouble(Sample::value)
        .findFirst();
  }

  /** The values of {@code name} by the value of its one label {@code label}. */
  public Map<String, Double> byLabel(String name, String label) {
    Map<String, Double> values = new LinkedHashMap<>();
    samples.stream()
        .filter(sample -> sample.name().equals(name) && sample.labels().containsKey(label))
        .forEach(sample -> values.put(sample.labels().get(label), sample.value()));
    return values;
  }

  private static Sample parseSample(String line) {
    int brace = line.indexOf('{');
    int space = line.indexOf(' ');
    if (space < 0) {
      throw malformed(line);
    }
    if (brace < 0 || brace > space) {
      return new Sample(line.substring(0, space), Map.of(), parseValue(line, space + 1));
    }
    Map<String, String> labels = new LinkedHashMap<>();
    int end = parseLabels(line, brace + 1, labels);
    if (end >= line.length() || line.charAt(end) != ' ') {
      throw malformed(line);
    }
    return new Sample(line.substring(0, brace), labels, parseValue(line, end + 1));
  }

  /** Reads {@code name="value",...}} from {@code from}; returns the index after the '}'. */
  private static int parseLabels(String line, int from, Map<String, String> labels) {
    int at = from;
    while (at < line.length() && line.charAt(at) != '}') {
      int equals = line.indexOf("=\"", at);
      if (equals < 0) {
        throw malformed(line);
      }
      String name = line.substring(at, equals).strip();
      StringBuilder value = new StringBuilder();
      at = equals + 2;
      while (at < line.length() && line.charAt(at) != '"') {
        char c = line.charAt(at++);
        if (c == '\\' && at < line.length()) {
          char escaped = line.charAt(at++);
          value.append(escaped == 'n' ? '\n' : escaped);
        } else {
          value.append(c);
        }
      }
      labels.put(name, value.toString());
      at++; // the closing quote
      if (at < line.length() && line.charAt(at) == ',') {
        at++;
      }
    }
    if (at >= line.length()) {
      throw malformed(line);
    }
    return at + 1;
  }

  private static double parseValue(String line, int from) {
    String[] parts = line.substring(from).strip().split(" ");
    try {
      return switch (parts[0]) {
        case "+Inf" -> Double.POSITIVE_INFINITY;
        case "-Inf" -> Double.NEGATIVE_INFINITY;
        default -> Double.parseDouble(parts[0]);
      };
    } catch (NumberFormatException e) {
      throw malformed(line);
    }
  }

  private static IllegalArgumentException malformed(String line) {
    return new IllegalArgumentException("not a Prometheus text-format sample: " + line);
  }
}
