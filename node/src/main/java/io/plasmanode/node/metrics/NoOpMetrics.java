package io.plasmanode.node.metrics;

import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/** {@link Metrics#NONE}: every instrument drops what it is given; no gauge is ever read. */
final class NoOpMetrics implements Metrics {
  private static final Counter COUNTER = amount -> {};
  private static final Timer TIMER = nanos -> {};
  private static final Histogram HISTOGRAM = value -> {};

  @Override
  public Counter counter(String name, String help) {
    return COUNTER;
  }

  @Override
  public LabelledCounter labelledCounter(String name, String help, String labelName) {
    return labelValue -> COUNTER;
  }

  @Override
  public Timer timer(String name, String help, double... bucketsSeconds) {
    return TIMER;
  }

  @Override
  public Histogram histogram(String name, String help, double... buckets) {
    return HISTOGRAM;
  }

  @Override
  public void gauge(String name, String help, DoubleSupplier value) {}

  @Override
  public void labelledGauge(
      String name, String help, String labelName, Supplier<Map<String, ? extends Number>> values) {}
}
