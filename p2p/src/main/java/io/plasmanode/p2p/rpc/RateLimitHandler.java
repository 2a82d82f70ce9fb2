package io.plasmanode.p2p.rpc;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.plasmanode.p2p.limit.TokenBucket;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server-wide request rate limit: one token per HTTP request (a batch counts once); without a
 * token the request gets HTTP 429 and a JSON-RPC error, or, under the web pages' prefix, their
 * {@link WebPages#rateLimited()} page with the pages' headers. Shared by all channels: its only
 * state is the thread-safe bucket.
 */
@ChannelHandler.Sharable
final class RateLimitHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(RateLimitHandler.class);

  private final TokenBucket bucket;
  private final Optional<WebPages> pages;

  RateLimitHandler(TokenBucket bucket, Optional<WebPages> pages) {
    this.bucket = bucket;
    this.pages = pages;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request) || bucket.tryAcquire()) {
      ctx.fireChannelRead(msg);
      return;
    }
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    Optional<WebPages> page = pages.filter(web -> WebPagesHandler.underPrefix(web, request.uri()));
    boolean head = HttpMethod.HEAD.equals(request.method());
    request.release();
    LOG.debug("Rate limit exceeded, answering 429 to {}", ctx.channel());
    FullHttpResponse response =
        page.map(web -> WebPagesHandler.toHttp(web.rateLimited(), head))
            .orElseGet(
                () ->
                    JsonRpcHttpResponses.error(
                        HttpResponseStatus.TOO_MANY_REQUESTS,
                        JsonRpcException.LIMIT_EXCEEDED,
                        "Rate limit exceeded"));
    response.headers().setInt(HttpHeaderNames.RETRY_AFTER, 1);
    JsonRpcHttpResponses.send(ctx, response, keepAlive);
  }
}
