package io.plasmanode.p2p.rpc;

import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.plasmanode.p2p.limit.TokenBucket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON-RPC 2.0 HTTP server, optionally with read-only {@link WebPages} beside it. Netty event
 * loops parse HTTP; methods and pages run on a separate fixed pool. {@link #start} binds and
 * serves; {@link #close} stops it gracefully.
 */
public final class JsonRpcServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JsonRpcServer.class);
  private static final int IO_THREADS = 2;
  private static final long SHUTDOWN_TIMEOUT_SECONDS = 5;

  private final JsonRpcMethods methods;
  private final Optional<WebPages> pages;
  private EventLoopGroup eventLoops;
  private ExecutorService executor;
  private Channel serverChannel;
  private volatile JsonRpcServerInitializer initializer;

  public JsonRpcServer(JsonRpcMethods methods) {
    this(methods, Optional.empty());
  }

  /**
   * A server of {@code methods} on {@code POST /} that also serves {@code pages}, if present, under
   * their prefix ({@code GET} and {@code HEAD} only), within the same limits.
   */
  public JsonRpcServer(JsonRpcMethods methods, Optional<WebPages> pages) {
    this.methods = Objects.requireNonNull(methods, "methods");
    this.pages = Objects.requireNonNull(pages, "pages");
  }

  /**
   * Binds and starts serving; returns the bound port (useful with port 0).
   *
   * @throws UncheckedIOException when the address cannot be bound
   * @throws IllegalStateException when already started
   */
  public synchronized int start(JsonRpcServerConfig config) {
    if (eventLoops != null) {
      throw new IllegalStateException("JSON-RPC server already started");
    }
    executor =
        Executors.newFixedThreadPool(
            config.executorThreads(),
            new ThreadFactoryBuilder().setNameFormat("jsonrpc-exec-%d").setDaemon(false).build());
    eventLoops =
        new MultiThreadIoEventLoopGroup(
            IO_THREADS, new DefaultThreadFactory("jsonrpc-io"), NioIoHandler.newFactory());
    ChannelFuture bind =
        bootstrap(config).bind(config.host(), config.port()).awaitUninterruptibly();
    if (!bind.isSuccess()) {
      shutdown();
      throw bindFailure(config, bind.cause());
    }
    serverChannel = bind.channel();
    InetSocketAddress address = (InetSocketAddress) serverChannel.localAddress();
    LOG.info(
        "JSON-RPC server listening on http://{}:{}/", address.getHostString(), address.getPort());
    pages.ifPresent(
        web ->
            LOG.info(
                "Web pages served on http://{}:{}{}/",
                address.getHostString(),
                address.getPort(),
                web.prefix()));
    return address.getPort();
  }

  /** Stops accepting, lets calls in flight finish (up to 5 s), then stops the event loops. */
  @Override
  public synchronized void close() {
    if (eventLoops == null) {
      return;
    }
    if (serverChannel != null) {
      serverChannel.close().awaitUninterruptibly();
    }
    shutdown();
    LOG.info("JSON-RPC server stopped");
  }

  private ServerBootstrap bootstrap(JsonRpcServerConfig config) {
    JsonRpcDispatcher dispatcher = new JsonRpcDispatcher(methods, config.maxBatchSize());
    TokenBucket rateLimit = new TokenBucket(config.requestsPerSecond(), System::nanoTime);
    initializer = new JsonRpcServerInitializer(config, dispatcher, pages, executor, rateLimit);
    return new ServerBootstrap()
        .group(eventLoops)
        .channel(NioServerSocketChannel.class)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(initializer);
  }

  /** Connections open now; 0 before the server starts. */
  public int openConnections() {
    return initializer == null ? 0 : initializer.openConnections();
  }

  /** Connections closed as soon as accepted because a connection limit was reached. */
  public long refusedConnections() {
    return initializer == null ? 0 : initializer.refusedConnections();
  }

  /** Requests answered HTTP 408 because they had not arrived in full by the request deadline. */
  public long timedOutRequests() {
    return initializer == null ? 0 : initializer.timedOutRequests();
  }

  /**
   * Bytes of large answers (1 MiB or more) made and not yet written to their clients, against
   * {@link HttpServerLimits#maxPendingAnswerBytes}.
   */
  public long pendingLargeAnswerBytes() {
    return initializer == null ? 0 : initializer.pendingLargeAnswerBytes();
  }

  private void shutdown() {
    // SHUTDOWN_TIMEOUT_SECONDS for calls to finish, then interrupted and as long again.
    if (!MoreExecutors.shutdownAndAwaitTermination(
        executor, Duration.ofSeconds(2 * SHUTDOWN_TIMEOUT_SECONDS))) {
      LOG.warn("JSON-RPC calls still running after {} s", 2 * SHUTDOWN_TIMEOUT_SECONDS);
    }
    eventLoops
        .shutdownGracefully(100, SHUTDOWN_TIMEOUT_SECONDS * 1000, TimeUnit.MILLISECONDS)
        .awaitUninterruptibly();
    eventLoops = null;
    executor = null;
    serverChannel = null;
  }

  private static RuntimeException bindFailure(JsonRpcServerConfig config, Throwable cause) {
    String message = "Cannot bind JSON-RPC server to " + config.host() + ":" + config.port();
    return cause instanceof IOException io
        ? new UncheckedIOException(message, io)
        : new IllegalStateException(message, cause);
  }
}
