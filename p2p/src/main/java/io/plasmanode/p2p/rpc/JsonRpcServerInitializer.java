package io.plasmanode.p2p.rpc;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.plasmanode.p2p.limit.TokenBucket;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The JSON-RPC server pipeline, one handler per concern: connection limits, idle timeout, the
 * request deadline's first-byte signal, HTTP codec (with explicit line and header limits), the
 * server-wide budget of request bodies, body size limit, request deadline, one-request-at-a-time
 * per connection, global rate limit, the web pages (if any, under their prefix), then the JSON-RPC
 * handler. Holds the server-wide state the handlers share and its counters.
 */
final class JsonRpcServerInitializer extends ChannelInitializer<Channel> {
  /** Requests a client may pipeline on one connection before it is closed. */
  static final int MAX_PIPELINED_REQUESTS = 16;

  private final JsonRpcServerConfig config;
  private final JsonRpcDispatcher dispatcher;
  private final Optional<WebPages> pages;
  private final Executor executor;
  private final RequestAdmission admission;
  private final RateLimitHandler rateLimit;
  private final ConnectionLimiter connections;
  private final LongAdder timedOutRequests = new LongAdder();

  /** A server of JSON-RPC alone. */
  JsonRpcServerInitializer(
      JsonRpcServerConfig config,
      JsonRpcDispatcher dispatcher,
      Executor executor,
      TokenBucket rateLimit) {
    this(config, dispatcher, Optional.empty(), executor, rateLimit);
  }

  JsonRpcServerInitializer(
      JsonRpcServerConfig config,
      JsonRpcDispatcher dispatcher,
      Optional<WebPages> pages,
      Executor executor,
      TokenBucket rateLimit) {
    this.config = config;
    this.dispatcher = dispatcher;
    this.pages = pages;
    this.executor = executor;
    HttpServerLimits limits = config.limits();
    this.admission =
        new RequestAdmission(
            config.maxConcurrentRequests(),
            limits.maxPendingRequestBytes(),
            limits.maxPendingAnswerBytes());
    this.rateLimit = new RateLimitHandler(rateLimit, pages);
    this.connections =
        new ConnectionLimiter(limits.maxConnections(), limits.maxConnectionsPerAddress());
  }

  @Override
  protected void initChannel(Channel channel) {
    HttpServerLimits limits = config.limits();
    long idleMillis = config.idleTimeout().toMillis();
    channel
        .pipeline()
        .addLast("connectionLimit", new ConnectionLimitHandler(connections))
        .addLast("idle", new IdleStateHandler(0, 0, idleMillis, TimeUnit.MILLISECONDS))
        .addLast("requestBytes", RequestBytesHandler.INSTANCE)
        .addLast("http", new HttpServerCodec(decoderConfig(limits)))
        .addLast("bodyBudget", new RequestBodyBudgetHandler(admission, config.maxBodyBytes()))
        .addLast("body", new JsonRpcBodyDecoder(config.maxBodyBytes()))
        .addLast(
            "requestDeadline",
            new RequestDeadlineHandler(limits.requestTimeout(), timedOutRequests))
        .addLast("pipelining", new HttpPipeliningHandler(MAX_PIPELINED_REQUESTS))
        .addLast("rateLimit", rateLimit);
    pages.ifPresent(
        web ->
            channel.pipeline().addLast("webPages", new WebPagesHandler(web, executor, admission)));
    channel
        .pipeline()
        .addLast("jsonRpc", new JsonRpcHandler(dispatcher, executor, admission, limits));
  }

  private static HttpDecoderConfig decoderConfig(HttpServerLimits limits) {
    return new HttpDecoderConfig()
        .setMaxInitialLineLength(limits.maxRequestLineBytes())
        .setMaxHeaderSize(limits.maxHeaderBytes());
  }

  /** Connections open now (counted by the connection limit). */
  int openConnections() {
    return connections.open();
  }

  /** Connections closed at once because a connection limit was reached. */
  long refusedConnections() {
    return connections.refused();
  }

  /** Requests answered 408 because they had not arrived in full by the request deadline. */
  long timedOutRequests() {
    return timedOutRequests.sum();
  }

  /** Bytes of large answers waiting to be written to their clients. */
  long pendingLargeAnswerBytes() {
    return admission.pendingLargeAnswerBytes();
  }
}
