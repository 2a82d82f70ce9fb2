package io.plasmanode.node.metrics;

import com.google.common.net.HostAndPort;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@link PrometheusMetrics} at {@code GET /metrics} with the Prometheus client's handler
 * (the text format, or OpenMetrics or protobuf when the scraper asks), on the JDK's HTTP server:
 * one thread, other methods (HEAD too) answered 405 and other paths 404. Its limits, for an
 * endpoint that is on loopback unless the operator opens it: a request must arrive within 10 s and
 * its answer be read within 10 s, at most 16 connections ({@code sun.net.httpserver.*}, set unless
 * the JVM was given others).
 */
public final class MetricsServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);
  private static final int BACKLOG = 16;

  private final HttpServer server;
  private final ExecutorService executor;

  private MetricsServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Binds and serves {@code metrics}.
   *
   * @throws UncheckedIOException when the address cannot be bound
   */
  public static MetricsServer start(PrometheusMetrics metrics, MetricsConfig config) {
    limitJdkHttpServer();
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), BACKLOG);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot bind the metrics server to " + config.host() + ":" + config.port(), e);
    }
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            new ThreadFactoryBuilder().setNameFormat("metrics-http").setDaemon(true).build());
    MetricsHandler handler = new MetricsHandler(metrics.registry());
    server.createContext("/", exchange -> handle(exchange, handler));
    server.setExecutor(executor);
    server.start();
    MetricsServer started = new MetricsServer(server, executor);
    LOG.info("Metrics served at {}", started.url());
    return started;
  }

  private static void handle(HttpExchange exchange, MetricsHandler metrics) throws IOException {
    if (!exchange.getRequestURI().getPath().equals(MetricsConfig.PATH)) {
      refuse(exchange, 404);
    } else if (!exchange.getRequestMethod().equals("GET")) {
      exchange.getResponseHeaders().set("Allow", "GET");
      refuse(exchange, 405);
    } else {
      metrics.handle(exchange);
    }
  }

  private static void refuse(HttpExchange exchange, int status) throws IOException {
    try (exchange) {
      exchange.sendResponseHeaders(status, -1);
    }
  }

  /** Request and answer deadlines and a connection cap for the JDK server, if none are set. */
  private static void limitJdkHttpServer() {
    setIfAbsent("sun.net.httpserver.maxReqTime", "10");
    setIfAbsent("sun.net.httpserver.maxRspTime", "10");
    setIfAbsent("sun.net.httpserver.maxConnections", "16");
  }

  private static void setIfAbsent(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Where the metrics are, e.g. {@code http://127.0.0.1:9660/metrics}. */
  public URI url() {
    InetSocketAddress address = server.getAddress();
    HostAndPort hostAndPort = HostAndPort.fromParts(address.getHostString(), address.getPort());
    return URI.create("http://" + hostAndPort + MetricsConfig.PATH);
  }

  /** Stops serving (a scrape in progress gets up to a second). */
  @Override
  public void close() {
    server.stop(1);
    executor.shutdownNow();
    LOG.info("Metrics server stopped");
  }
}
