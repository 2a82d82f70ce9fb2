package io.plasmanode.node.metrics;

import static com.google.common.base.Preconditions.checkArgument;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@link Metrics} over the official Prometheus Java client, in a registry of its own (never the
 * client's static default one, so two nodes in one process, as {@code plasma devnet} and the ITs
 * run them, keep theirs apart). {@link #scrape()} is what {@link MetricsServer} serves.
 */
public final class PrometheusMetrics implements Metrics {
  /** The classic names (no UTF-8, which the client would allow and escape in the text format). */
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private final PrometheusRegistry registry = new PrometheusRegistry();

  private PrometheusMetrics() {}

  /** A registry with the node's metrics only (tests). */
  public static PrometheusMetrics create() {
    return new PrometheusMetrics();
  }

  /** A registry with the JVM's metrics too (memory, GC, threads, CPU: {@code jvm_*}). */
  public static PrometheusMetrics withJvmMetrics() {
    PrometheusMetrics metrics = new PrometheusMetrics();
    JvmMetrics.builder().register(metrics.registry);
    return metrics;
  }

  PrometheusRegistry registry() {
    return registry;
  }

  @Override
  public Counter counter(String name, String help) {
    checkNames(name);
    io.prometheus.metrics.core.metrics.Counter counter =
        io.prometheus.metrics.core.metrics.Counter.builder()
            .name(name)
            .help(help)
            .register(registry);
    return counter::inc;
  }

  @Override
  public LabelledCounter labelledCounter(String name, String help, String labelName) {
    checkNames(name, labelName);
    io.prometheus.metrics.core.metrics.Counter counter =
        io.prometheus.metrics.core.metrics.Counter.builder()
            .name(name)
            .help(help)
            .labelNames(labelName)
            .register(registry);
    return labelValue -> counter.labelValues(labelValue)::inc;
  }

  @Override
  public Timer timer(String name, String help, double... bucketsSeconds) {
    checkNames(name);
    io.prometheus.metrics.core.metrics.Histogram histogram =
        histogramOf(name, help, bucketsSeconds);
    return nanos -> histogram.observe(nanos / (double) TimeUnit.SECONDS.toNanos(1));
  }

  @Override
  public Histogram histogram(String name, String help, double... buckets) {
    checkNames(name);
    return histogramOf(name, help, buckets)::observe;
  }

  private io.prometheus.metrics.core.metrics.Histogram histogramOf(
      String name, String help, double... buckets) {
    return io.prometheus.metrics.core.metrics.Histogram.builder()
        .name(name)
        .help(help)
        .classicOnly()
        .classicUpperBounds(buckets)
        .register(registry);
  }

  @Override
  public void gauge(String name, String help, DoubleSupplier value) {
    checkNames(name);
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .callback(callback -> callback.call(value.getAsDouble()))
        .register(registry);
  }

  @Override
  public void labelledGauge(
      String name, String help, String labelName, Supplier<Map<String, ? extends Number>> values) {
    checkNames(name, labelName);
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .labelNames(labelName)
        .callback(
            callback ->
                values.get().forEach((label, value) -> callback.call(value.doubleValue(), label)))
        .register(registry);
  }

  private static void checkNames(String name, String... labelNames) {
    checkArgument(NAME.matcher(name).matches(), "not a classic Prometheus name: %s", name);
    for (String label : labelNames) {
      checkArgument(LABEL.matcher(label).matches(), "not a classic label name: %s", label);
    }
  }

  /** Every metric now, in the Prometheus text format (version 0.0.4). */
  public String scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PrometheusTextFormatWriter.create().write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
