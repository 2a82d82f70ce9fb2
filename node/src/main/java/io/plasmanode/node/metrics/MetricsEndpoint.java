package io.plasmanode.node.metrics;

import static com.google.common.base.Preconditions.checkState;

import java.net.URI;
import java.util.Optional;

/**
 * A daemon's metrics as its configuration says: with a {@link MetricsConfig}, a Prometheus registry
 * (the node's and the JVM's metrics) that {@link #start()} serves; without, {@link Metrics#NONE}
 * and no server. The daemon registers its instruments in {@link #metrics()} first and starts
 * serving once its services run, so no scrape sees a half-built node.
 */
public final class MetricsEndpoint implements AutoCloseable {
  private final Optional<MetricsConfig> config;
  private final Metrics metrics;
  private final Optional<PrometheusMetrics> registry;
  private Optional<MetricsServer> server = Optional.empty();

  private MetricsEndpoint(Optional<MetricsConfig> config) {
    this.config = config;
    this.registry = config.map(c -> PrometheusMetrics.withJvmMetrics());
    this.metrics = registry.<Metrics>map(r -> r).orElse(Metrics.NONE);
  }

  public static MetricsEndpoint of(Optional<MetricsConfig> config) {
    return new MetricsEndpoint(config);
  }

  /** Where the daemon's services record. */
  public Metrics metrics() {
    return metrics;
  }

  /** Binds the server, if metrics are configured. */
  public synchronized void start() {
    checkState(server.isEmpty(), "metrics server already started");
    if (config.isPresent()) {
      server = Optional.of(MetricsServer.start(registry.orElseThrow(), config.get()));
    }
  }

  /** Where the metrics are served, once started; empty without metrics. */
  public synchronized Optional<URI> url() {
    return server.map(MetricsServer::url);
  }

  @Override
  public synchronized void close() {
    server.ifPresent(MetricsServer::close);
    server = Optional.empty();
  }
}
