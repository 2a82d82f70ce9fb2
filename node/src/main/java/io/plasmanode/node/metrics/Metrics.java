package io.plasmanode.node.metrics;

import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Where services record what operators watch (docs/metrics.md): passed to them by constructor like
 * any collaborator, as Besu's and Teku's {@code MetricsSystem}. {@link PrometheusMetrics} keeps
 * them in a registry of its own that {@link MetricsServer} serves; {@link #NONE} records nothing,
 * for a node run without metrics and for tests that do not look at them.
 *
 * <p>Names are full Prometheus names ({@code plasma_operator_...}); a counter's name has no {@code
 * _total}, which the text format adds. Registering a name twice is a programming error (the
 * registry refuses it).
 */
public interface Metrics {
  /** Records nothing; its instruments cost a virtual call. */
  Metrics NONE = new NoOpMetrics();

  /** A counter. */
  Counter counter(String name, String help);

  /** A counter per value of one label (e.g. a rejection reason). */
  LabelledCounter labelledCounter(String name, String help, String labelName);

  /** A histogram of durations in seconds (name ends in {@code _seconds}), with {@code buckets}. */
  Timer timer(String name, String help, double... bucketsSeconds);

  /** A histogram of plain values (e.g. transactions per block), with {@code buckets}. */
  Histogram histogram(String name, String help, double... buckets);

  /** A gauge read from {@code value} at each scrape (it must be cheap and thread-safe). */
  void gauge(String name, String help, DoubleSupplier value);

  /**
   * A gauge per value of one label, read from {@code values} at each scrape: label value to gauge
   * value; a label missing from the map is not shown.
   */
  void labelledGauge(
      String name, String help, String labelName, Supplier<Map<String, ? extends Number>> values);

  /** Something that only goes up. */
  interface Counter {
    void inc(long amount);

    default void inc() {
      inc(1);
    }
  }

  /** Counters by label value. */
  interface LabelledCounter {
    Counter labels(String labelValue);
  }

  /** Durations, observed in nanoseconds and shown in seconds. */
  interface Timer {
    void observeNanos(long nanos);

    /** Observes the time from {@code startNanos} (a {@link System#nanoTime()}) until now. */
    default void observeSince(long startNanos) {
      observeNanos(System.nanoTime() - startNanos);
    }
  }

  /** Values in buckets. */
  interface Histogram {
    void observe(double value);
  }
}
