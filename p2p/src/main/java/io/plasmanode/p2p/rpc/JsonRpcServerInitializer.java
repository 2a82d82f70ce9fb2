package io.plasmanode.p2p.rpc;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.plasmanode.p2p.limit.TokenBucket;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The JSON-RPC server pipeline, one handler per concern: idle timeout, HTTP codec, body size limit,
 * one-request-at-a-time per connection, global rate limit, then the JSON-RPC handler.
 */
final class JsonRpcServerInitializer extends ChannelInitializer<Channel> {
  /** Requests a client may pipeline on one connection before it is closed. */
  static final int MAX_PIPELINED_REQUESTS = 16;

  private final JsonRpcServerConfig config;
  private final JsonRpcDispatcher dispatcher;
  private final Executor executor;
  private final Semaphore inFlight;
  private final RateLimitHandler rateLimit;

  JsonRpcServerInitializer(
      JsonRpcServerConfig config,
      JsonRpcDispatcher dispatcher,
      Executor executor,
      TokenBucket rateLimit) {
    this.config = config;
    this.dispatcher = dispatcher;
    this.executor = executor;
    this.inFlight = new Semaphore(config.maxConcurrentRequests());
    this.rateLimit = new RateLimitHandler(rateLimit);
  }

  @Override
  protected void initChannel(Channel channel) {
    long idleMillis = config.idleTimeout().toMillis();
    channel
        .pipeline()
        .addLast("idle", new IdleStateHandler(0, 0, idleMillis, TimeUnit.MILLISECONDS))
        .addLast("http", new HttpServerCodec())
        .addLast("body", new JsonRpcBodyDecoder(config.maxBodyBytes()))
        .addLast("pipelining", new HttpPipeliningHandler(MAX_PIPELINED_REQUESTS))
        .addLast("rateLimit", rateLimit)
        .addLast("jsonRpc", new JsonRpcHandler(dispatcher, executor, inFlight));
  }
}
