package io.plasmanode.p2p.rpc;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/** HTTP responses of the JSON-RPC server: every one carries a JSON body or none at all. */
final class JsonRpcHttpResponses {
  private JsonRpcHttpResponses() {}

  static FullHttpResponse json(HttpResponseStatus status, byte[] body) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    return response;
  }

  /** An HTTP error whose body is a JSON-RPC error response with a null id. */
  static FullHttpResponse error(HttpResponseStatus status, int code, String message) {
    return json(status, JsonRpcResponses.errorBytes(code, message));
  }

  /** The answer to a request holding only notifications. */
  static FullHttpResponse noContent() {
    return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT);
  }

  /**
   * Writes {@code response}, then closes the connection unless it is kept alive; the future
   * completes once it is written or the write failed.
   */
  static ChannelFuture send(
      ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
    // Explicit in both cases, so HTTP/1.0 clients asking for keep-alive get it too.
    response
        .headers()
        .set(
            HttpHeaderNames.CONNECTION,
            keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
    return ctx.writeAndFlush(response)
        .addListener(
            keepAlive ? ChannelFutureListener.CLOSE_ON_FAILURE : ChannelFutureListener.CLOSE);
  }
}
