package io.plasmanode.p2p.rpc;

import java.util.List;
import java.util.Map;

/**
 * Read-only web pages served beside JSON-RPC on the same server, under one path {@link #prefix()}:
 * the server answers only {@code GET} and {@code HEAD} there (others 405), adds the security
 * headers and calls {@link #get} on its executor, never on an event loop. Implementations are
 * Netty-free and thread-safe.
 */
public interface WebPages {
  /** The path the pages live under, e.g. {@code /explorer}: that path and everything below it. */
  String prefix();

  /**
   * The answer to {@code GET path?query}.
   *
   * @param path the request's path, percent-decoded, starting with {@link #prefix()}
   * @param query the query parameters, percent-decoded, in request order
   */
  WebResponse get(String path, Map<String, List<String>> query);

  /**
   * The answer to a request under {@link #prefix()} over the server's rate limit: status 429,
   * whatever the request was (nothing of it is passed, so nothing of it can be echoed). Called on
   * an event loop: it must read nothing and return at once. By default a plain-text line.
   */
  default WebResponse rateLimited() {
    return WebResponse.of(
        429, WebContentType.TEXT, "Too many requests: this server's rate limit; retry in a second");
  }
}
