package io.plasmanode.node.metrics;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * Where a node serves its metrics ({@code --metrics-host}, {@code --metrics-port}).
 *
 * @param host the interface to bind ({@value #DEFAULT_HOST} by default: the scraper runs on the
 *     machine, or an operator opens the port on purpose)
 * @param port the port (0 picks a free one)
 */
public record MetricsConfig(String host, int port) {
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** The path the metrics are served at. */
  public static final String PATH = "/metrics";

  public MetricsConfig {
    requireNonNull(host, "host");
    checkArgument(!host.isBlank(), "the metrics host is blank");
    checkArgument(port >= 0 && port <= 65535, "metrics port %s out of range", port);
  }
}
